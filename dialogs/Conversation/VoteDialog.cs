using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>The ballot, recording a vote, and the results.</summary>
public sealed class VoteDialog(CampaignContent content, IVoteStore votes, PersonKeyHasher hasher, LiveCards cards)
{
    public async Task ShowBallotAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await turnContext.SendCardAsync(await cards.BallotAsync(turnContext.Activity, cancellationToken), cancellationToken);

    public async Task VoteAsync(ITurnContext turnContext, string? causeId, CancellationToken cancellationToken)
    {
        var result = await RecordAsync(turnContext.Activity, causeId, cancellationToken);
        if (result is null)
        {
            // A card from an older version of the campaign, or altered data: store nothing, offer the ballot.
            await turnContext.SendCardAsync(
                NoticeCard.Create(content, "That cause is not on the ballot", "Please choose one of the causes on the ballot below."),
                cancellationToken);
            await ShowBallotAsync(turnContext, cancellationToken);
            return;
        }

        await turnContext.SendCardAsync(await cards.ResultsAsync(turnContext.Activity, result, cancellationToken), cancellationToken);
    }

    public async Task ShowResultsAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await turnContext.SendCardAsync(await cards.ResultsAsync(turnContext.Activity, justVoted: null, cancellationToken), cancellationToken);

    /// <summary>Records the voter's choice; null (and nothing stored) when the cause is not on the ballot.</summary>
    public async Task<VoteResult?> RecordAsync(IActivity voter, string? causeId, CancellationToken cancellationToken)
    {
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            return null;
        }

        var request = new VoteRequest(content.Id, hasher.PersonKeyOf(voter), cause.Id, hasher.RequestKeyOf(voter));
        return await votes.RecordVoteAsync(request, cancellationToken);
    }
}
