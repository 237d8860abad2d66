using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>How a cause stands in the vote, as one reader sees it.</summary>
public sealed record CauseStanding(int Votes, int Percent, bool IsReadersVote);

/// <summary>One cause's story: "Story N of M", image, story, key facts, how it stands, and what to do next.</summary>
public static class StoryCard
{
    public static JsonObject Create(CampaignContent content, int storyNumber, CardSettings settings, CauseStanding? standing = null)
    {
        var cause = content.Causes[storyNumber - 1];
        var total = content.Causes.Count;
        var position = $"Story {storyNumber} of {total}";

        var actions = new List<JsonNode?>();
        if (storyNumber < total)
        {
            actions.Add(Submit("Next story", new CardAction(ActionNames.Stories, StoryNumber: storyNumber + 1)));
        }

        if (storyNumber > 1)
        {
            actions.Add(Submit("Previous story", new CardAction(ActionNames.Stories, StoryNumber: storyNumber - 1)));
        }

        actions.Add(Submit("Vote for this cause", new CardAction(ActionNames.Vote, CauseId: cause.Id), style: "positive"));
        if (cause.Pledge is not null)
        {
            actions.Add(Submit("Take the pledge", new CardAction(ActionNames.Pledge, PledgeId: cause.Pledge.Id)));
        }

        if (cause.ReadMoreUrl is not null)
        {
            actions.Add(OpenUrl("Read more", cause.ReadMoreUrl));
        }

        actions.Add(Submit("Share", new CardAction(ActionNames.Share, CauseId: cause.Id, Reason: nameof(ShareReason.Story))));

        return Card(
            speak: $"{position}: {cause.Title}. {cause.Story}",
            body:
            [
                Text(position, subtle: true, size: "Small"),
                Heading(cause.Title),
                Image(settings.ImageUrl(cause), cause.Image.AltText),
                Text(cause.Story),
                Text("Key facts", weight: "Bolder"),
                BulletList(cause.KeyFacts),
                Text(cause.VoteCallToAction, weight: "Bolder", color: "Accent"),
                standing is null ? null : Text(StandingLine(standing), subtle: true),
            ],
            actions: actions);
    }

    private static string StandingLine(CauseStanding standing)
    {
        var votes = CardNumbers.Votes(standing.Votes);
        return standing.IsReadersVote
            ? $"{votes} so far ({standing.Percent}%), yours included."
            : $"{votes} so far ({standing.Percent}%).";
    }
}
