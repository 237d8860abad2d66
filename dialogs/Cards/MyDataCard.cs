using System.Globalization;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>"my data": everything stored about the person, in plain words, with the ways to change it.</summary>
public static class MyDataCard
{
    /// <param name="emailsAreConfirmed">Whether the campaign asks people to confirm their email (double opt-in).</param>
    public static JsonObject Create(CampaignContent content, PersonalDataReport report, string channelName, bool emailsAreConfirmed = true)
    {
        var body = new List<JsonNode?> { Heading("What we have stored about you", size: "Medium") };
        if (report.IsEmpty)
        {
            body.Add(Text("Nothing: no vote and no pledge are stored for you in this chat app."));
        }

        if (report.Vote is { } vote)
        {
            body.Add(Heading("Your vote", size: "Small"));
            body.Add(Facts(
            [
                ("Cause", content.FindCause(vote.CauseId)?.Title ?? vote.CauseId),
                ("When", When(vote.VotedAt)),
                ("Where", channelName),
            ]));
        }

        foreach (var pledge in report.Pledges)
        {
            body.Add(Heading($"Your pledge: {content.FindCauseByPledge(pledge.PledgeId)?.Pledge?.Title ?? pledge.PledgeId}", size: "Small"));
            body.Add(Facts(
            [
                ("First name", pledge.FirstName ?? "(cannot be read)"),
                ("Email", pledge.Email ?? "(cannot be read)"),
                ("Consent", $"Yes, given {When(pledge.ConsentedAt)}" + (pledge.ConsentStatementVersion is { } v ? $" (privacy statement version {v}{InLanguage(pledge.ConsentLanguage)})" : "")),
                ("Email confirmed", pledge.ConfirmedAt is { } confirmed ? $"Yes, {When(confirmed)}" : emailsAreConfirmed ? "Not yet" : "Not asked"),
                ("May contact you", pledge.ContactWithdrawnAt is { } withdrawn ? $"No, you said stop {When(withdrawn)}" : "Yes"),
            ]));
        }

        body.Add(Heading("Updates", size: "Small"));
        body.Add(Text("You have not asked for updates."));
        body.Add(Text("Type **forget me** to erase all of this, or **stop** so that the campaign no longer contacts you.", subtle: true));
        return Card(
            speak: report.IsEmpty ? "Nothing is stored about you." : "Here is what we have stored about you.",
            body: body,
            actions:
            [
                Submit("Forget me", new CardAction(ActionNames.ForgetMe)),
                Submit("Menu", new CardAction(ActionNames.Menu)),
            ]);
    }

    // Each language's statement has its own versions, so the version alone does not say which words were agreed to.
    private static string InLanguage(string? language) =>
        language is null ? "" : $", {CultureInfo.GetCultureInfo(language).NativeName}";

    private static string When(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
