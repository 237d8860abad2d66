using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Languages;

/// <summary>
/// Chooses the language each turn is served in and makes it the turn's
/// <see cref="SupporterLanguage"/>, the first of these the campaign is offered in: the language the
/// person chose in the menu (<see cref="ILanguageChoices"/>), the client's locale (the activity's
/// <c>locale</c>, or the locale Teams puts in its clientInfo entity), the campaign's default language.
/// </summary>
public sealed class TurnLanguage(CurrentCampaign campaign, ILanguageChoices choices, PersonKeyHasher hasher) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var content = campaign.Running.Content;
        var activity = turnContext.Activity;
        // One read of one row, and only where there is something to choose between and a person to
        // answer: typing, conversation updates and the like are served in the client's locale.
        var chosen = content.Languages.Count > 1 && AnswersAPerson(activity)
            ? await choices.FindAsync(hasher.PersonKeyOf(activity), cancellationToken)
            : null;
        SupporterLanguage.Use(Choose(content, activity, chosen));
        await next(cancellationToken);
    }

    /// <param name="chosen">The language the person chose in the menu, if any.</param>
    public static CultureInfo Choose(CampaignContent content, Activity activity, string? chosen = null) =>
        Offered(content, chosen) ?? Offered(content, ClientLocaleOf(activity)) ?? CultureInfo.GetCultureInfo(content.DefaultLanguage);

    private static bool AnswersAPerson(Activity activity) =>
        activity.Type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.Event && !string.IsNullOrEmpty(activity.From?.Id);

    /// <summary>The campaign's language that <paramref name="locale"/> names, or null when it names none the campaign is offered in.</summary>
    public static CultureInfo? Offered(CampaignContent content, string? locale) =>
        CampaignLanguages.Match(locale) is { } language && content.Languages.Contains(language.Name, StringComparer.OrdinalIgnoreCase)
            ? language
            : null;

    private static string? ClientLocaleOf(Activity activity)
    {
        if (!string.IsNullOrWhiteSpace(activity.Locale))
        {
            return activity.Locale;
        }

        // Teams, on some clients, leaves the activity's locale out and names it in an entity:
        // { "type": "clientInfo", "locale": "fr-FR", ... }.
        return activity.Entities?
            .Where(e => string.Equals(e.Type, "clientInfo", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Properties?["locale"])
            .Select(locale => locale?.Type == JTokenType.String ? locale.Value<string>() : null)
            .FirstOrDefault(locale => !string.IsNullOrWhiteSpace(locale));
    }
}
