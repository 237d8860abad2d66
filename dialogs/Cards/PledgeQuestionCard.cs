using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>One question of the pledge conversation, with what was wrong with the last answer if anything.</summary>
public static class PledgeQuestionCard
{
    public static JsonObject AskFirstName(Pledge pledge, string? problem, string? note = null) => Question(
        problem,
        note,
        preamble: [Heading(pledge.Title, size: "Medium"), Text(pledge.Text, weight: "Bolder")],
        question: BotWords.AskFirstName,
        hint: BotWords.AskFirstNameHint,
        extraActions: [Submit(BotWords.UseAFormInstead, new CardAction(ActionNames.PledgeForm, PledgeId: pledge.Id))]);

    public static JsonObject AskEmail(string firstName, string? problem, string? note = null) => Question(
        problem,
        note,
        preamble: [],
        question: string.Format(SupporterLanguage.Formatting, BotWords.AskEmail, firstName),
        hint: BotWords.AskEmailHint,
        extraActions: []);

    public static JsonObject AskConsent(CampaignContent content, string? problem, string? note = null) => Question(
        problem,
        note,
        preamble: [Text(content.PrivacyStatement, subtle: true)],
        question: ConsentWording.ConversationQuestion,
        hint: BotWords.AnswerYesOrNo,
        extraActions:
        [
            Submit(BotWords.YesIAgree, new CardAction(ActionNames.Reply, Reply: "yes"), style: "positive"),
            Submit(BotWords.No, new CardAction(ActionNames.Reply, Reply: "no")),
        ]);

    private static JsonObject Question(string? problem, string? note, JsonNode?[] preamble, string question, string hint, JsonNode?[] extraActions)
    {
        var body = new List<JsonNode?>();
        if (problem is not null)
        {
            body.Add(Text(problem, weight: "Bolder", color: "Attention"));
        }

        if (note is not null)
        {
            body.Add(Text(note));
        }

        body.AddRange(preamble);
        // The question is the card's heading, so that a screen reader can jump to it.
        body.Add(Heading(question, size: "Medium"));
        body.Add(Text(hint, subtle: true));
        return Card(
            speak: string.Join(" ", new[] { problem, note, question }.Where(s => s is not null)),
            body: body,
            actions: [.. extraActions, Submit(BotWords.Cancel, new CardAction(ActionNames.Cancel))]);
    }
}
