using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// The automatic follow-ups: the final results once voting has closed, and a thank-you once the
/// campaign's vote goal or a pledge's goal is reached. Each is added once per campaign (its once
/// key: the goal's number is in it, so a goal raised later and reached again is a new update);
/// however many instances look, the database keeps one.
/// </summary>
public sealed class FollowUpTriggers(CurrentCampaign campaign, IVotingControls voting, IVoteStore votes, IPledgeStore pledges, IFollowUpQueue queue, TimeProvider clock)
{
    // Once keys this instance has seen added (by itself or another): no further write for them.
    private readonly HashSet<(string CampaignId, string OnceKey)> added = [];

    /// <summary>Adds the automatic updates whose moment has come; returns whether any was new.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        var content = campaign.Running.Content;
        var now = clock.GetUtcNow();
        var anyNew = false;

        if ((await voting.ReadAsync(cancellationToken)).IsClosedAt(now))
        {
            anyNew |= await AddOnceAsync(content, FollowUpKind.VotingClosed, "voting-closed", FollowUpAudience.Everyone, facts: null, now, cancellationToken);
        }

        if (content.VoteGoal is { } voteGoal && !added.Contains((content.Id, VoteGoalKey(voteGoal)))
            && (await votes.GetTallyAsync(content.Id, cancellationToken)).Total >= voteGoal)
        {
            anyNew |= await AddOnceAsync(content, FollowUpKind.VoteGoal, VoteGoalKey(voteGoal), FollowUpAudience.Everyone, new AutomaticUpdateFacts(null, voteGoal), now, cancellationToken);
        }

        foreach (var pledge in content.CausesWithPledges.Select(c => c.Pledge!).Where(p => p.Goal is not null))
        {
            var key = $"pledge-goal:{pledge.Id}:{pledge.Goal}";
            if (!added.Contains((content.Id, key)) && await pledges.CountAsync(content.Id, pledge.Id, cancellationToken) >= pledge.Goal)
            {
                // Thanked are those who took this pledge; everyone else hears the final results.
                var audience = new FollowUpAudience(FollowUpAudienceKind.PledgersOf, pledge.Id);
                anyNew |= await AddOnceAsync(content, FollowUpKind.PledgeGoal, key, audience, new AutomaticUpdateFacts(pledge.Id, pledge.Goal), now, cancellationToken);
            }
        }

        return anyNew;
    }

    private static string VoteGoalKey(int goal) => $"vote-goal:{goal}";

    private async Task<bool> AddOnceAsync(
        CampaignContent content, FollowUpKind kind, string onceKey, FollowUpAudience audience, AutomaticUpdateFacts? facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (added.Contains((content.Id, onceKey)))
        {
            return false;
        }

        var isNew = await queue.AddAsync(
            new FollowUpUpdate(Guid.NewGuid().ToString("N"), content.Id, kind, onceKey, audience, facts?.ToJson(), now, now),
            cancellationToken);
        added.Add((content.Id, onceKey));
        return isNew;
    }
}
