using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>One question of the pledge conversation, with what was wrong with the last answer if anything.</summary>
public static class PledgeQuestionCard
{
    public static JsonObject AskFirstName(Pledge pledge, string? problem) => Question(
        problem,
        preamble: [Heading(pledge.Title, size: "Medium"), Text(pledge.Text, weight: "Bolder")],
        question: "What is your first name?",
        hint: "Type it below. Type **cancel** at any time to stop; nothing is stored until you confirm.",
        extraActions: [Submit("Use a form instead", new CardAction(ActionNames.PledgeForm, PledgeId: pledge.Id))]);

    public static JsonObject AskEmail(string firstName, string? problem) => Question(
        problem,
        preamble: [],
        question: $"Thanks, {firstName}. What is your email address?",
        hint: "Type it below, or type **cancel** to stop.",
        extraActions: []);

    public static JsonObject AskConsent(CampaignContent content, string? problem) => Question(
        problem,
        preamble: [Text(content.PrivacyStatement, subtle: true)],
        question: "Do you agree that we store your first name and email address with your pledge?",
        hint: "Answer **yes** or **no**.",
        extraActions:
        [
            Submit("Yes, I agree", new CardAction(ActionNames.Reply, Reply: "yes"), style: "positive"),
            Submit("No", new CardAction(ActionNames.Reply, Reply: "no")),
        ]);

    private static JsonObject Question(string? problem, JsonNode?[] preamble, string question, string hint, JsonNode?[] extraActions)
    {
        var body = new List<JsonNode?>();
        if (problem is not null)
        {
            body.Add(Text(problem, weight: "Bolder", color: "Attention"));
        }

        body.AddRange(preamble);
        body.Add(Text(question, size: "Medium", weight: "Bolder"));
        body.Add(Text(hint, subtle: true));
        return Card(
            speak: string.Join(" ", new[] { problem, question }.Where(s => s is not null)),
            body: body,
            actions: [.. extraActions, Submit("Cancel", new CardAction(ActionNames.Cancel))]);
    }
}
