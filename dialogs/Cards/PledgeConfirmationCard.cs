using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>Shows exactly what will be stored before anything is.</summary>
public static class PledgeConfirmationCard
{
    public static JsonObject Create(Pledge pledge, string firstName, string email, string? problem = null, string? note = null) => Card(
        speak: $"{note} Please check your pledge. First name: {firstName}. Email: {email}. Say yes to confirm or cancel to stop.".TrimStart(),
        body:
        [
            problem is null ? null : Text(problem, weight: "Bolder", color: "Attention"),
            note is null ? null : Text(note),
            Heading("Please check your pledge", size: "Medium"),
            Text("This is what we will store when you confirm:"),
            Facts(
            [
                ("Pledge", pledge.Title),
                ("First name", firstName),
                ("Email", email),
                ("Consent", "Yes, given in this chat"),
            ]),
        ],
        actions:
        [
            Submit("Confirm my pledge", new CardAction(ActionNames.PledgeConfirm, PledgeId: pledge.Id), style: "positive"),
            Submit("Change my answers", new CardAction(ActionNames.PledgeForm, PledgeId: pledge.Id)),
            Submit("Cancel", new CardAction(ActionNames.Cancel)),
        ]);
}
