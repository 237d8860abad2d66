using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.FollowUps;

/// <summary>Where a follow-up sends its reader to read more.</summary>
public static class FollowUpLinks
{
    /// <summary>The results page, opened in <paramref name="language"/>, its button worded in it.</summary>
    public static FollowUpLink Results(CardSettings settings, string language) =>
        SupporterLanguage.During(CampaignLanguages.Get(language), () =>
            new FollowUpLink(BotWords.SeeTheFullResults, new Uri(settings.ResultsPageUrl + "?lang=" + Uri.EscapeDataString(language))));
}
