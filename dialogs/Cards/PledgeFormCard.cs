using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// The whole pledge as one card with input fields. Its answers go through the same validation as
/// the step-by-step conversation; when something is wrong the card comes back with the answers
/// kept and each problem named.
/// </summary>
public static class PledgeFormCard
{
    public const string ConsentInput = "consent";

    /// <param name="inputs">The text fields, in the order the conversation asks them.</param>
    /// <param name="answers">What to put back in the fields, by input id.</param>
    public static JsonObject Create(
        CampaignContent content, Pledge pledge, IEnumerable<PledgeFormInput> inputs, IReadOnlyDictionary<string, string?>? answers = null,
        bool consent = false, IReadOnlyList<string>? problems = null)
    {
        var body = new List<JsonNode?> { Heading(pledge.Title, size: "Medium"), Text(pledge.Text, weight: "Bolder") };
        if (problems is { Count: > 0 })
        {
            body.Add(Text("Please check your answers:", weight: "Bolder", color: "Attention"));
            body.Add(Text(string.Join("\n", problems.Select(p => $"- {p}")), color: "Attention"));
        }

        foreach (var input in inputs)
        {
            body.Add(TextInput(input.Id, input.Label, answers?.GetValueOrDefault(input.Id), input.Placeholder, style: input.Style ?? "Text"));
        }

        body.Add(Text(content.PrivacyStatement, subtle: true, size: "Small"));
        body.Add(new JsonObject
        {
            ["type"] = "Input.Toggle",
            ["id"] = ConsentInput,
            ["title"] = ConsentWording.FormToggle,
            ["label"] = "Consent",
            ["value"] = consent ? "true" : "false",
            ["valueOn"] = "true",
            ["valueOff"] = "false",
            ["wrap"] = true,
        });

        return Card(
            speak: $"{pledge.Title}. Fill in your first name and email address, and agree to the privacy statement.",
            body: body,
            actions:
            [
                Submit("Continue", new CardAction(ActionNames.PledgeFormSubmit, PledgeId: pledge.Id), style: "positive"),
                Submit("Cancel", new CardAction(ActionNames.Cancel)),
            ]);
    }
}
