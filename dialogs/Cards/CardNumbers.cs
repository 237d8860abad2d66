using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// Counts and shares as the cards write them, in the supporter's language's form
/// (<see cref="SupporterLanguage.Formatting"/>: "1,204" in English, "1 204" in French). Never the
/// thread's culture, which the SDK sets from each activity's locale whatever the campaign offers
/// (that once gave "1.000 votes" in a German chat of an English campaign).
/// </summary>
public static class CardNumbers
{
    /// <summary>"1,204".</summary>
    public static string Count(long count) => count.ToString("N0", SupporterLanguage.Formatting);

    /// <summary>"1 vote", "1,204 votes".</summary>
    public static string Votes(int votes) => PluralWords.Format("Votes", votes);

    /// <summary>"67%" (in French "67 %").</summary>
    public static string Percent(int percent) => (percent / 100.0).ToString("P0", SupporterLanguage.Formatting);
}
