using Microsoft.Bot.Schema;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Results;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Draws the cards whose content depends on who reads them and when: a story with how its cause
/// stands, the ballot with the reader's vote, the results with the live tallies. Each follows the
/// admins' voting controls: once voting has closed the ballot gives way to the final results, and
/// while tallies are hidden no card shows how a cause stands.
/// </summary>
public sealed class LiveCards(CurrentCampaign campaign, CardSettings settings, IVoteStore votes, PersonKeyHasher hasher, VotingStatusReader voting)
{
    public Task<LiveCard> RenderAsync(CardView view, IActivity reader, CancellationToken cancellationToken) => view.Kind switch
    {
        CardView.StoryKind => StoryAsync(reader, view.StoryNumber ?? 1, cancellationToken),
        CardView.BallotKind => BallotAsync(reader, cancellationToken),
        _ => ResultsAsync(reader, justVoted: null, cancellationToken),
    };

    public async Task<LiveCard> StoryAsync(IActivity reader, int storyNumber, CancellationToken cancellationToken)
    {
        // Read once: the story's number is checked against the same causes it is taken from, even while a publish changes them.
        var content = campaign.Content;
        var number = Math.Clamp(storyNumber, 1, content.Causes.Count);
        var cause = content.Causes[number - 1];
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        var mine = await ReadersVoteAsync(reader, cancellationToken);
        var standing = (await voting.ReadAsync(cancellationToken)).TalliesHidden
            ? null
            : new CauseStanding(tally.VotesFor(cause.Id), tally.PercentFor(cause.Id), mine == cause.Id);
        return new LiveCard(StoryCard.Create(content, number, settings, standing), CardView.Story(number));
    }

    /// <summary>The ballot while voting is open; once it has closed, the final results (which say so).</summary>
    public async Task<LiveCard> BallotAsync(IActivity reader, CancellationToken cancellationToken)
    {
        var status = await voting.ReadAsync(cancellationToken);
        return status.IsClosed
            ? await ResultsAsync(reader, justVoted: null, status, cancellationToken)
            : new(VoteCard.Create(campaign.Content, await ReadersVoteAsync(reader, cancellationToken)), CardView.Ballot);
    }

    public async Task<LiveCard> ResultsAsync(IActivity reader, VoteResult? justVoted, CancellationToken cancellationToken) =>
        await ResultsAsync(reader, justVoted, await voting.ReadAsync(cancellationToken), cancellationToken);

    /// <param name="status">The voting status the caller acted on, so that the card says what was done.</param>
    public async Task<LiveCard> ResultsAsync(IActivity reader, VoteResult? justVoted, VotingStatus status, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        var mine = justVoted?.CauseId ?? await ReadersVoteAsync(reader, cancellationToken);
        return new LiveCard(ResultsCard.Create(content, settings, tally, mine, justVoted, status), CardView.Results);
    }

    private Task<string?> ReadersVoteAsync(IActivity reader, CancellationToken cancellationToken) =>
        votes.FindVoteAsync(campaign.Content.Id, hasher.PersonKeyOf(reader), cancellationToken);
}
