using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Teams;

/// <summary>
/// Answers Teams' adaptiveCard/action invokes: the card is replaced in place by the card the
/// button asked for, drawn for the person who clicked (or, for a refresh, who is looking).
/// A vote follows the same rules as everywhere: one per person, change allowed, never twice, none once voting has closed.
/// </summary>
public static class CardActionInPlace
{
    /// <param name="referral">The conversation's referral for a vote (see <see cref="ReferralAttribution"/>); null when none.</param>
    /// <returns>The card, and the vote when the click recorded one.</returns>
    public static async Task<(LiveCard Card, VoteResult? Vote)> AnswerAsync(
        AdaptiveCardInvokeAction action,
        IActivity clicker,
        ReferralState? referral,
        VoteDialog votes,
        LiveCards cards,
        CancellationToken cancellationToken)
    {
        if (action.Verb == ActionNames.Vote && !await votes.IsClosedAsync(cancellationToken))
        {
            var result = await votes.RecordAsync(clicker, UniversalActions.DataOf(action.Data)?.Value<string>("causeId"), referral, cancellationToken);
            return result is null
                ? (await cards.BallotAsync(clicker, cancellationToken), null)
                : (await cards.ResultsAsync(clicker, result, cancellationToken), result);
        }

        return (await RedrawAsync(action, clicker, cards, cancellationToken), null);
    }

    private static async Task<LiveCard> RedrawAsync(AdaptiveCardInvokeAction action, IActivity clicker, LiveCards cards, CancellationToken cancellationToken)
    {
        var data = UniversalActions.DataOf(action.Data);
        switch (action.Verb)
        {
            case ActionNames.Vote:
                // Voting has closed: the final results, which say so; nothing is counted.
                return await cards.ResultsAsync(clicker, justVoted: null, cancellationToken);
            case ActionNames.Stories:
                var story = data?["story"]?.Type == JTokenType.Integer ? data.Value<int>("story") : 1;
                return await cards.StoryAsync(clicker, story, cancellationToken);
            case ActionNames.VoteMenu:
                return await cards.BallotAsync(clicker, cancellationToken);
            case UniversalActions.RefreshVerb:
                return await cards.RenderAsync(CardView.FromData(data) ?? CardView.Results, clicker, cancellationToken);
            default:
                return await cards.ResultsAsync(clicker, justVoted: null, cancellationToken);
        }
    }

    /// <summary>The invoke answer Teams expects: status 200, an Adaptive Card, the card (in its Teams form).</summary>
    public static AdaptiveCardInvokeResponse Response(IActivity clicker, LiveCard card) => new()
    {
        StatusCode = 200,
        Type = CardElements.ContentType,
        Value = NewtonsoftCard.ToJObject(CardReplies.ForChannel(clicker, card.Card, card.View)),
    };
}
