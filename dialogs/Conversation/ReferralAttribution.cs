using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Credits a share link with what its conversation leads to. The rules:
/// <list type="bullet">
/// <item>A conversation is referred when the page's join event carries a well-formed code; the
/// first code stays for the whole conversation, and a person's own code (their own link) is not remembered.</item>
/// <item>The first vote recorded in a referred conversation counts one vote conversion, for the
/// cause voted for then. Changing the vote, or voting again, never counts again there.</item>
/// <item>The first pledge confirmed in a referred conversation counts one pledge conversion, for
/// the pledge's cause.</item>
/// </list>
/// Only the counters in <see cref="IReferralStore"/> change; the conversation's state keeps the
/// code and two flags, and is the only place that links a conversation to a code.
/// </summary>
public sealed class ReferralAttribution(CampaignContent content, IReferralStore referrals, PersonKeyHasher hasher, ILogger<ReferralAttribution> logger)
{
    /// <summary>Remembers the share link's code for this conversation (on the join event).</summary>
    public void Remember(ConversationFlow flow, IActivity joiner, string? code)
    {
        if (flow.Referral is not null || !PersonKeyHasher.IsWellFormedReferralCode(code) || IsOwnCode(joiner, code))
        {
            return;
        }

        flow.Referral = new ReferralState { Code = code };
    }

    /// <summary>After a vote is recorded: the conversation's first counts for its referral, if any.</summary>
    /// <param name="referral">The conversation's referral, from the flow the caller already holds; null when none.</param>
    public async Task VoteRecordedAsync(ReferralState? referral, string causeId, CancellationToken cancellationToken)
    {
        if (referral is not { VoteCounted: false } || !PersonKeyHasher.IsWellFormedReferralCode(referral.Code))
        {
            return;
        }

        referral.VoteCounted = await TryCountAsync(referral.Code, causeId, ReferralConversion.Vote, cancellationToken);
    }

    /// <summary>After a pledge is stored: the conversation's first counts for its referral, if any.</summary>
    public async Task PledgeStoredAsync(ReferralState? referral, string causeId, CancellationToken cancellationToken)
    {
        if (referral is not { PledgeCounted: false } || !PersonKeyHasher.IsWellFormedReferralCode(referral.Code))
        {
            return;
        }

        referral.PledgeCounted = await TryCountAsync(referral.Code, causeId, ReferralConversion.Pledge, cancellationToken);
    }

    /// <summary>
    /// The vote or pledge is already stored when this runs; a counter that cannot be written
    /// must not turn the person's thank-you into an apology. It is tried again at the next chance.
    /// </summary>
    private async Task<bool> TryCountAsync(string code, string causeId, ReferralConversion kind, CancellationToken cancellationToken)
    {
        try
        {
            await referrals.RecordConversionAsync(content.Id, code, causeId, kind, cancellationToken);
            return true;
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            logger.LogWarning("A referral {Conversion} could not be counted ({Error}).", kind, problem.GetType().Name);
            return false;
        }
    }

    private bool IsOwnCode(IActivity person, string code) =>
        string.Equals(hasher.ReferralCode(hasher.PersonKeyOf(person)), code, StringComparison.Ordinal);
}
