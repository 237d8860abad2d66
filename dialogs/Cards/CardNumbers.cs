using System.Globalization;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// Counts as the cards write them. Invariant, whatever the activity's locale: the bot writes
/// English, and the SDK sets each turn's culture from the locale (a new CultureInfo per turn, whose
/// number format is built afresh from ICU), which also gave "1.000 votes" in a German chat.
/// </summary>
public static class CardNumbers
{
    /// <summary>"1 vote", "1,204 votes".</summary>
    public static string Votes(int votes) => votes == 1 ? "1 vote" : string.Create(CultureInfo.InvariantCulture, $"{votes:N0} votes");
}
