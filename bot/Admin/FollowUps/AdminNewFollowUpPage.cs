using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using PledgeBot.Admin.Content;
using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;

namespace PledgeBot.Admin.FollowUps;

/// <summary>
/// <c>/admin/follow-ups/new</c>: the form a campaign manager writes an update in (a title and a
/// text per language, the audience, now or a time), its problems beside their fields, and the
/// preview: the card in each language as a Teams supporter gets it, drawn in the browser by the
/// Adaptive Cards renderer with the content preview's script, and how many people it would reach now.
/// </summary>
public static class AdminNewFollowUpPage
{
    public const string Path = "/admin/follow-ups/new";
    public const string Title = "Write an update";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>What the preview shows: the cards and whom the update would reach now.</summary>
    public sealed record Preview(int Reach, IReadOnlyList<PreviewCard> Cards);

    /// <summary>The cards of <paramref name="words"/>, one per campaign language, each as a reader of that language gets it.</summary>
    public static IReadOnlyList<PreviewCard> CardsOf(ManualUpdateWords words, CampaignContent content, CardSettings cards) =>
        content.Languages.Select(language =>
        {
            var message = words.MessageIn(language, content.DefaultLanguage, cards);
            var label = message.Language == language
                ? $"Readers in {ManualUpdateWords.Named(language)}"
                : $"Readers in {ManualUpdateWords.Named(language)} (no words of their own: they get the {ManualUpdateWords.Named(message.Language)} words)";
            return new PreviewCard(label, FollowUpUpdateCard.Create(message));
        }).ToList();

    public static IResult Render(
        HttpContext context, CampaignContent content, FollowUpDraft draft, IReadOnlyDictionary<string, string> problems, Preview? preview, DateTimeOffset now)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var assets = context.RequestServices.GetRequiredService<ChatPageAssets>();
        return AdminPages.Page(
            Title,
            $"""
            <h1>Write an update</h1>
            {ProblemSummary(problems, draft.Action)}
            <p>Supporters who asked to hear from the campaign get the update in their Teams chat or by email, in their language.
            Write it in the campaign's default language; the other languages are optional, and their readers get the default language's words when you leave them blank.</p>
            <form method="post" action="{Path}" accept-charset="utf-8">
              <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
            {string.Concat(content.Languages.Select(language => LanguageFields(language, content.DefaultLanguage, draft, problems)))}
              {AudienceField(content, draft, problems)}
              {SendAtField(draft, problems, now)}
              <p><button type="submit" name="{FollowUpDraft.ActionField}" value="preview">Preview</button>
              <button type="submit" name="{FollowUpDraft.ActionField}" value="send">Send now</button>
              <button type="submit" name="{FollowUpDraft.ActionField}" value="schedule">Schedule</button></p>
            </form>
            {PreviewPart(preview)}
            """,
            problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity,
            head: $"""
            <link rel="stylesheet" href="{assets.AdminContentPreviewStylesUrl}">
            <link rel="stylesheet" href="{assets.AdminFollowUpsStylesUrl}">
            <script src="{assets.MarkdownScriptUrl}" defer></script>
            <script src="{assets.AdaptiveCardsScriptUrl}" defer></script>
            <script src="{assets.AdminContentPreviewScriptUrl}" defer></script>
            """);
    }

    /// <summary>Every problem, each a link to its field; the heading takes the focus (the preview's script moves it there).</summary>
    private static string ProblemSummary(IReadOnlyDictionary<string, string> problems, string action) => problems.Count == 0
        ? ""
        : $"""
          <section role="alert" aria-labelledby="problems">
            <h2 id="problems" tabindex="-1">The update was not {NotDone(action)}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}</h2>
            <p>Nothing was stored. Fix these, then try again.</p>
            <ul id="problem-list">
          {string.Concat(problems.Select(p => $"""    <li><a href="#{Html.Encode(p.Key)}">{Html.Encode(p.Value)}</a></li>""" + "\n"))}  </ul>
          </section>
          """;

    private static string NotDone(string action) => action switch
    {
        "send" => "sent",
        "schedule" => "scheduled",
        _ => "previewed",
    };

    private static string LanguageFields(string language, string defaultLanguage, FollowUpDraft draft, IReadOnlyDictionary<string, string> problems)
    {
        var isDefault = language == defaultLanguage;
        var text = draft.Fields.GetValueOrDefault(language) ?? new ManualUpdateText("", "");
        var legend = isDefault
            ? $"{ManualUpdateWords.Named(language)}: the default language, required"
            : $"{ManualUpdateWords.Named(language)}: optional";
        // The fields take the language's own text (lang), right to left where it is (dir="auto"); their labels stay English.
        var titleId = FollowUpDraft.TitleField(language);
        var textId = FollowUpDraft.TextField(language);
        return $"""
              <fieldset lang="{Html.Encode(language)}">
                <legend lang="en">{Html.Encode(legend)}</legend>
                <p><label for="{titleId}" lang="en">Title</label>
                <input id="{titleId}" name="{titleId}" type="text" dir="auto" maxlength="{ManualUpdateWords.MaxTitleLength}" value="{Html.Encode(text.Title)}"{Required(isDefault)}{Described(titleId, problems)}></p>
                {FieldError(titleId, problems)}
                <p><label for="{textId}" lang="en">Text</label>
                <span id="{textId}-hint" class="hint" lang="en">Plain text; a blank line starts a new paragraph. At most {ManualUpdateWords.MaxTextLength:N0} characters.</span><br>
                <textarea id="{textId}" name="{textId}" rows="6" cols="80" dir="auto" maxlength="{ManualUpdateWords.MaxTextLength}"{Required(isDefault)}{Described(textId, problems, $"{textId}-hint")}>{Html.Encode(text.Text)}</textarea></p>
                {FieldError(textId, problems)}
              </fieldset>
            """;
    }

    private static string AudienceField(CampaignContent content, FollowUpDraft draft, IReadOnlyDictionary<string, string> problems)
    {
        var options = new StringBuilder();
        foreach (var (group, choices) in FollowUpAudiences.Choices(content))
        {
            var items = string.Concat(choices.Select(c =>
                $"""<option value="{Html.Encode(c.Audience.Stored)}"{(c.Audience.Stored == draft.Audience ? " selected" : "")}>{Html.Encode(c.Words)}</option>"""));
            options.Append(group is null || choices.Count == 0 ? items : $"""<optgroup label="{Html.Encode(group)}">{items}</optgroup>""");
        }

        var id = FollowUpDraft.AudienceField;
        return $"""
            <p><label for="{id}">Who gets it</label>
              <span id="{id}-hint" class="hint">Among the supporters who opted in.</span><br>
              <select id="{id}" name="{id}"{Described(id, problems, $"{id}-hint")}>{options}</select></p>
              {FieldError(id, problems)}
            """;
    }

    private static string SendAtField(FollowUpDraft draft, IReadOnlyDictionary<string, string> problems, DateTimeOffset now)
    {
        var id = FollowUpDraft.SendAtField;
        return $"""
            <p><label for="{id}">Send at, in UTC (for Schedule)</label>
              <span id="{id}-hint" class="hint">The date and time are read as UTC, not your own time zone. It is now {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC.</span><br>
              <input id="{id}" name="{id}" type="datetime-local" value="{Html.Encode(draft.SendAt)}"{Described(id, problems, $"{id}-hint")}></p>
              {FieldError(id, problems)}
            """;
    }

    private static string PreviewPart(Preview? preview)
    {
        if (preview is null)
        {
            return "";
        }

        return $"""
            <h2>Preview</h2>
            <p role="status" id="reach">Sent now, this update would reach {preview.Reach:N0} {(preview.Reach == 1 ? "person" : "people")}.</p>
            {AdminCardPreviewHtml.Render(preview.Cards)}
            """;
    }

    private static string Required(bool required) => required ? " required" : "";

    /// <summary>The field's hint and its problem, read out with the field.</summary>
    private static string Described(string id, IReadOnlyDictionary<string, string> problems, string? hint = null)
    {
        var ids = new List<string>();
        if (hint is not null)
        {
            ids.Add(hint);
        }

        if (problems.ContainsKey(id))
        {
            ids.Add($"{id}-error");
        }

        return (ids.Count == 0 ? "" : $""" aria-describedby="{string.Join(' ', ids)}" """.TrimEnd()) + (problems.ContainsKey(id) ? """ aria-invalid="true" """.TrimEnd() : "");
    }

    private static string FieldError(string id, IReadOnlyDictionary<string, string> problems) =>
        problems.TryGetValue(id, out var problem) ? $"""<p id="{id}-error" class="field-error">{Html.Encode(problem)}</p>""" : "";
}
