using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Dialogs.Languages;

/// <summary>
/// Chooses the language each turn is served in and makes it the turn's
/// <see cref="SupporterLanguage"/>: the client's locale (the activity's <c>locale</c>, or the
/// locale Teams puts in its clientInfo entity) when the campaign is offered in it, otherwise the
/// campaign's default language.
/// </summary>
public sealed class TurnLanguage(CurrentCampaign campaign) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        SupporterLanguage.Use(Choose(campaign.Running.Content, turnContext.Activity));
        await next(cancellationToken);
    }

    public static CultureInfo Choose(CampaignContent content, Activity activity) =>
        Offered(content, ClientLocaleOf(activity)) ?? CultureInfo.GetCultureInfo(content.DefaultLanguage);

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
