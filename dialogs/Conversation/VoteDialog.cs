using Microsoft.Bot.Builder;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>The ballot, recording a vote, and the results.</summary>
public sealed class VoteDialog(CampaignContent content, IVoteStore votes, PersonKeyHasher hasher)
{
    public async Task ShowBallotAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var current = await votes.FindVoteAsync(content.Id, hasher.PersonKeyOf(turnContext.Activity), cancellationToken);
        await turnContext.SendCardAsync(VoteCard.Create(content, current), cancellationToken);
    }

    public async Task VoteAsync(ITurnContext turnContext, string? causeId, CancellationToken cancellationToken)
    {
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            // A card from an older version of the campaign, or altered data: store nothing, offer the ballot.
            await turnContext.SendCardAsync(
                NoticeCard.Create(content, "That cause is not on the ballot", "Please choose one of the causes on the ballot below."),
                cancellationToken);
            await ShowBallotAsync(turnContext, cancellationToken);
            return;
        }

        var request = new VoteRequest(content.Id, hasher.PersonKeyOf(turnContext.Activity), cause.Id, hasher.RequestKeyOf(turnContext.Activity));
        var result = await votes.RecordVoteAsync(request, cancellationToken);
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        await turnContext.SendCardAsync(ResultsCard.Create(content, tally, result.CauseId, result), cancellationToken);
    }

    public async Task ShowResultsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        var mine = await votes.FindVoteAsync(content.Id, hasher.PersonKeyOf(turnContext.Activity), cancellationToken);
        await turnContext.SendCardAsync(ResultsCard.Create(content, tally, mine), cancellationToken);
    }
}
