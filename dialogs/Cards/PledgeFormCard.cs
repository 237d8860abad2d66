using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
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
            body.Add(Text(BotWords.CheckYourAnswers, weight: "Bolder", color: "Attention"));
            body.Add(Text(string.Join("\n", problems.Select(p => $"- {p}")), color: "Attention"));
        }

        foreach (var input in inputs)
        {
            body.Add(TextInput(
                input.Id, input.Label, answers?.GetValueOrDefault(input.Id), input.ErrorMessage ?? string.Format(SupporterLanguage.Formatting, BotWords.FieldRequired, input.Label),
                input.Placeholder, style: input.Style ?? "Text"));
        }

        body.Add(Text(content.PrivacyStatement, subtle: true, size: "Small"));
        body.Add(new JsonObject
        {
            ["type"] = "Input.Toggle",
            ["id"] = ConsentInput,
            ["title"] = ConsentWording.FormToggle,
            ["label"] = BotWords.Consent,
            // Clients that check inputs refuse to send the form unticked, saying why; the bot checks again.
            ["isRequired"] = true,
            ["errorMessage"] = BotWords.ConsentMissing,
            ["value"] = consent ? "true" : "false",
            ["valueOn"] = "true",
            ["valueOff"] = "false",
            ["wrap"] = true,
        });

        return Card(
            speak: string.Format(SupporterLanguage.Formatting, BotWords.FormSpoken, pledge.Title),
            body: body,
            actions:
            [
                Submit(BotWords.Continue, new CardAction(ActionNames.PledgeFormSubmit, PledgeId: pledge.Id), style: "positive"),
                // Cancelling needs no field filled in: the client sends it without checking them.
                CancelWithoutInputs(),
            ]);
    }

    private static JsonObject CancelWithoutInputs()
    {
        var cancel = Submit(BotWords.Cancel, new CardAction(ActionNames.Cancel));
        cancel["associatedInputs"] = "none";
        return cancel;
    }
}
