using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>One cause's story: "Story N of M", image, story, key facts, and what to do next.</summary>
public static class StoryCard
{
    public static JsonObject Create(CampaignContent content, int storyNumber, CardSettings settings)
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
            ],
            actions: actions);
    }
}
