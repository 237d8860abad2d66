using System.Globalization;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Storage;

namespace PledgeBot.Admin.FollowUps;

/// <summary>
/// A campaign manager's update as the form sends it: a title and a text per campaign language,
/// the audience, and the time to send it at. Checked as a whole, each problem kept beside the
/// field it is about (the field's id), so that the form shows it there; nothing is stored until
/// every field checks out.
/// </summary>
public sealed class FollowUpDraft
{
    public const string AudienceField = "audience";
    public const string SendAtField = "sendAt";
    public const string ActionField = "action";

    private FollowUpDraft(IReadOnlyDictionary<string, ManualUpdateText> fields, string audience, string sendAt, string action)
    {
        Fields = fields;
        Audience = audience;
        SendAt = sendAt;
        Action = action;
    }

    /// <summary>What was typed per language, empty fields included, to show again.</summary>
    public IReadOnlyDictionary<string, ManualUpdateText> Fields { get; }

    public string Audience { get; }

    public string SendAt { get; }

    /// <summary><c>preview</c>, <c>send</c> (now) or <c>schedule</c>.</summary>
    public string Action { get; }

    public static string TitleField(string language) => $"title-{language}";

    public static string TextField(string language) => $"text-{language}";

    /// <summary>An empty draft: the form as it first opens.</summary>
    public static FollowUpDraft Empty(CampaignContent content) =>
        new(content.Languages.ToDictionary(l => l, _ => new ManualUpdateText("", "")), FollowUpAudience.Everyone.Stored, "", "preview");

    public static async Task<FollowUpDraft> ReadAsync(HttpRequest request, CampaignContent content)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return new FollowUpDraft(
            content.Languages.ToDictionary(l => l, l => new ManualUpdateText(form[TitleField(l)].ToString().Trim(), form[TextField(l)].ToString().Trim())),
            form[AudienceField].ToString(),
            form[SendAtField].ToString().Trim(),
            form[ActionField].ToString());
    }

    /// <summary>The words of every language with anything written: a language left blank gets the default language's words.</summary>
    public ManualUpdateWords Words => new(Fields
        .Where(f => f.Value.Title.Length > 0 || f.Value.Text.Length > 0)
        .ToDictionary(f => f.Key, f => f.Value));

    /// <summary>
    /// The update this draft adds, or the problems by field id. The time is checked only when the
    /// draft is to be scheduled: a preview or a send now has no use for it.
    /// </summary>
    public (FollowUpUpdate? Update, IReadOnlyDictionary<string, string> Problems) Check(CampaignContent content, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = Words;
        foreach (var problem in words.FieldProblems(content.Languages, content.DefaultLanguage))
        {
            var field = problem.Field == ManualUpdateField.Text ? TextField(problem.Language) : TitleField(problem.Language);
            problems.TryAdd(field, problem.Message);
        }

        var audience = FollowUpAudiences.Find(Audience, content);
        if (audience is null)
        {
            problems[AudienceField] = "Choose who gets the update from the list: this audience is not one the campaign has.";
        }

        var sendAt = now;
        if (Action == "schedule")
        {
            if (!DateTime.TryParse(SendAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                problems[SendAtField] = "Give the date and time (UTC) to send the update at, or choose Send now.";
            }
            else if (new DateTimeOffset(at, TimeSpan.Zero) <= now)
            {
                // Refused rather than sent at once: a mistyped date must not send to everyone by surprise.
                problems[SendAtField] = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{at:yyyy-MM-dd HH:mm} UTC has passed (it is now {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC). Choose a later time, or choose Send now.");
            }
            else
            {
                sendAt = new DateTimeOffset(at, TimeSpan.Zero);
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var update = new FollowUpUpdate(Guid.NewGuid().ToString("N"), content.Id, FollowUpKind.Manual, OnceKey: null, audience!, words.ToJson(), now, sendAt);
        return (update, problems);
    }
}
