using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// "Hear how it ends?": the question after a vote or a pledge, with a yes for the one route the
/// person can be reached by and a no, neither chosen beforehand; and the answers to it.
/// </summary>
public static class FollowUpCard
{
    public static JsonObject Ask(FollowUpRoute route, string language)
    {
        var question = ConsentWording.FollowUpQuestion(KindOf(route));
        var routeName = FollowUpNames.Of(route);
        return Card(
            speak: $"{BotWords.FollowUpTitle} {question}",
            body: [Marked(Heading(BotWords.FollowUpTitle, size: "Medium")), Text(question)],
            actions:
            [
                Submit(
                    route == FollowUpRoute.Teams ? BotWords.FollowUpYesTeams : BotWords.FollowUpYesEmail,
                    new CardAction(ActionNames.FollowUp, Reply: "yes", Language: language, Route: routeName)),
                Submit(BotWords.FollowUpNo, new CardAction(ActionNames.FollowUp, Reply: "no", Language: language, Route: routeName)),
            ]);
    }

    /// <summary>
    /// After a first vote in a chat that cannot be reached later (the web chat, without an email to
    /// use), with the way to give one: the campaign's pledge.
    /// </summary>
    public static JsonObject CannotReach(CampaignContent content) => Card(
        speak: $"{BotWords.FollowUpTitle} {BotWords.FollowUpCannotReach}",
        body: [Marked(Heading(BotWords.FollowUpTitle, size: "Medium")), Text(BotWords.FollowUpCannotReach)],
        actions: content.CausesWithPledges.FirstOrDefault()?.Pledge is { } pledge
            ? [Submit(BotWords.TakeThePledge, new CardAction(ActionNames.Pledge, PledgeId: pledge.Id))]
            : MenuButtons.For(content));

    /// <param name="chosen">"You chose: …", the button's own title, for those who hear the chat rather than see it.</param>
    public static JsonObject Answered(CampaignContent content, string message, string chosen) => Card(
        speak: $"{chosen} {message}",
        body: [Heading(BotWords.FollowUpTitle, size: "Medium"), Text(chosen, subtle: true), Text(message)],
        actions: MenuButtons.For(content));

    /// <summary>The id the first element of a follow-up card carries, so that a client or a test can tell it from the turn's answer before it.</summary>
    public const string ElementId = "followUp";

    private static JsonObject Marked(JsonObject element)
    {
        element["id"] = ElementId;
        return element;
    }

    public static ConsentWordingKind KindOf(FollowUpRoute route) =>
        route == FollowUpRoute.Teams ? ConsentWordingKind.FollowUpsByTeams : ConsentWordingKind.FollowUpsByEmail;
}
