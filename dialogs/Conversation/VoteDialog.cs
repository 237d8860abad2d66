using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Results;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>The ballot, recording a vote, and the results. Once voting has closed nothing new is counted.</summary>
public sealed class VoteDialog(
    CurrentCampaign campaign,
    IVoteStore votes,
    PersonKeyHasher hasher,
    LiveCards cards,
    ReferralAttribution referrals,
    VotingStatusReader voting,
    FollowUpDialog followUps)
{
    public async Task ShowBallotAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await turnContext.SendCardAsync(await cards.BallotAsync(turnContext.Activity, cancellationToken), cancellationToken);

    /// <param name="referral">The conversation's share link, if it came from one (see <see cref="ReferralAttribution"/>).</param>
    public async Task VoteAsync(ITurnContext turnContext, string? causeId, ReferralState? referral, CancellationToken cancellationToken)
    {
        var status = await voting.ReadAsync(cancellationToken);
        if (status.IsClosed)
        {
            // The final results card says voting has closed; the vote is neither stored nor attributed.
            await turnContext.SendCardAsync(await cards.ResultsAsync(turnContext.Activity, justVoted: null, status, cancellationToken), cancellationToken);
            return;
        }

        var result = await RecordAsync(turnContext.Activity, causeId, referral, cancellationToken);
        if (result is null)
        {
            // A card from an older version of the campaign, or altered data: store nothing, offer the ballot.
            await turnContext.SendCardAsync(
                NoticeCard.Create(campaign.Content, BotWords.NotOnTheBallotTitle, BotWords.NotOnTheBallot),
                cancellationToken);
            await ShowBallotAsync(turnContext, cancellationToken);
            return;
        }

        await turnContext.SendCardAsync(await cards.ResultsAsync(turnContext.Activity, result, status, cancellationToken), cancellationToken);
        await OfferFollowUpsAsync(turnContext, result, cancellationToken);
    }

    /// <summary>After a vote that counted: "Hear how it ends?" (once per person; see <see cref="FollowUpDialog"/>).</summary>
    public async Task OfferFollowUpsAsync(ITurnContext turnContext, VoteResult result, CancellationToken cancellationToken)
    {
        // The same vote again changes nothing, and asks nothing: only a first or changed vote reads the person's answer.
        if (result.Outcome != VoteOutcome.Unchanged)
        {
            await followUps.OfferAsync(turnContext, firstVote: result.Outcome == VoteOutcome.Recorded, cancellationToken);
        }
    }

    public async Task ShowResultsAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await turnContext.SendCardAsync(await cards.ResultsAsync(turnContext.Activity, justVoted: null, cancellationToken), cancellationToken);

    /// <summary>Whether voting is closed now (then <see cref="RecordAsync"/> must not be called).</summary>
    public async Task<bool> IsClosedAsync(CancellationToken cancellationToken) => (await voting.ReadAsync(cancellationToken)).IsClosed;

    /// <summary>Records the voter's choice; null (and nothing stored) when the cause is not on the ballot.</summary>
    /// <param name="referral">
    /// The conversation's referral, passed in by the caller that holds the conversation's state
    /// (null when it has none), so that the state is read once per turn.
    /// </param>
    public async Task<VoteResult?> RecordAsync(IActivity voter, string? causeId, ReferralState? referral, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            return null;
        }

        var request = new VoteRequest(content.Id, hasher.PersonKeyOf(voter), cause.Id, hasher.RequestKeyOf(voter), voter.ChannelId ?? VoteRequest.UnknownChannel);
        var result = await votes.RecordVoteAsync(request, cancellationToken);
        await referrals.VoteRecordedAsync(referral, cause.Id, cancellationToken);
        return result;
    }
}
