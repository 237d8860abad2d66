using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
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
        var position = string.Format(SupporterLanguage.Formatting, BotWords.StoryPosition, CardNumbers.Count(storyNumber), CardNumbers.Count(total));

        var actions = new List<JsonNode?>();
        if (storyNumber < total)
        {
            actions.Add(Submit(BotWords.NextStory, new CardAction(ActionNames.Stories, StoryNumber: storyNumber + 1)));
        }

        if (storyNumber > 1)
        {
            actions.Add(Submit(BotWords.PreviousStory, new CardAction(ActionNames.Stories, StoryNumber: storyNumber - 1)));
        }

        actions.Add(Submit(BotWords.VoteForThisCause, new CardAction(ActionNames.Vote, CauseId: cause.Id), style: "positive"));
        if (cause.Pledge is not null)
        {
            actions.Add(Submit(BotWords.TakeThePledge, new CardAction(ActionNames.Pledge, PledgeId: cause.Pledge.Id)));
        }

        if (cause.ReadMoreUrl is not null)
        {
            actions.Add(OpenUrl(BotWords.ReadMore, cause.ReadMoreUrl));
        }

        actions.Add(Submit(BotWords.Share, new CardAction(ActionNames.Share, CauseId: cause.Id, Reason: nameof(ShareReason.Story))));

        return Card(
            speak: $"{position}: {cause.Title}. {cause.Story}",
            body:
            [
                Text(position, subtle: true, size: "Small"),
                Heading(cause.Title),
                Image(settings.ImageUrl(cause), cause.Image.AltText),
                Text(cause.Story),
                Text(BotWords.KeyFacts, weight: "Bolder"),
                BulletList(cause.KeyFacts),
                Text(cause.VoteCallToAction, weight: "Bolder", color: "Accent"),
                standing is null ? null : Text(StandingLine(standing), subtle: true),
            ],
            actions: actions);
    }

    private static string StandingLine(CauseStanding standing)
    {
        var votes = CardNumbers.Votes(standing.Votes);
        var words = standing.IsReadersVote ? BotWords.StandingSoFarYoursIncluded : BotWords.StandingSoFar;
        return string.Format(SupporterLanguage.Formatting, words, votes, CardNumbers.Percent(standing.Percent));
    }
}
