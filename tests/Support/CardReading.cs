using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>Reads what a person would see on a card: its texts and its buttons.</summary>
public static class CardReading
{
    public static JObject Card(this IActivity activity)
    {
        var attachment = Assert.Single(activity.AsMessageActivity().Attachments);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        return attachment.Content as JObject ?? JObject.FromObject(attachment.Content);
    }

    /// <summary>The card of a reply activity as JSON, the way it arrives in an HTTP response body.</summary>
    public static JObject AsCard(this JObject activity)
    {
        var attachment = Assert.Single(activity["attachments"]!.Children<JObject>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.Value<string>("contentType"));
        return (JObject)attachment["content"]!;
    }

    /// <summary>Whether the card is the follow-up question (or its note) that may come after a vote or a pledge, rather than the turn's answer.</summary>
    public static bool IsFollowUp(this JObject card) =>
        card["body"]?.FirstOrDefault()?.Value<string>("id") == PledgeBot.Dialogs.Cards.FollowUpCard.ElementId;

    /// <summary>The card that answered the turn: the last reply's, passing over a follow-up question after it.</summary>
    public static JObject Answer(this IReadOnlyList<JObject> replies) =>
        replies.Select(reply => reply.AsCard()).Last(card => !card.IsFollowUp());

    /// <summary>Every TextBlock and fact on the card, joined with new lines.</summary>
    public static string Text(this JObject card) => string.Join("\n",
        card.Descendants().OfType<JObject>()
            .SelectMany(e => e.Value<string>("type") == "TextBlock" ? [e.Value<string>("text") ?? ""]
                : e["facts"] is JArray facts ? facts.Select(f => $"{f["title"]}: {f["value"]}") : []));

    public static IReadOnlyList<JObject> Actions(this JObject card) =>
        card.Descendants().OfType<JObject>()
            .Where(e => e.Value<string>("type") is { } type && type.StartsWith("Action.", StringComparison.Ordinal))
            .ToList();

    public static IReadOnlyList<string> ButtonTitles(this JObject card) =>
        card.Actions().Select(a => a.Value<string>("title") ?? "").ToList();

    public static JObject Button(this JObject card, string title) =>
        card.Actions().FirstOrDefault(a => a.Value<string>("title") == title)
        ?? throw new Xunit.Sdk.XunitException($"No button '{title}' on the card. Buttons: {string.Join(", ", card.ButtonTitles())}");
}
