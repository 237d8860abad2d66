using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Credits a share link with what its chats lead to. The rules:
/// <list type="bullet">
/// <item>A conversation is referred when the page's join event carries a well-formed code; the
/// first code stays for the whole conversation, with the person who joined, and a person's own
/// code (their own link) is not remembered.</item>
/// <item>A person counts once per code and kind: their first vote after arriving through the link
/// counts one vote, for the cause voted for then, and their first pledge one pledge, for the
/// pledge's cause. Changing the vote, voting again, or opening the same link in another chat
/// never counts again.</item>
/// <item>Only codes the bot has issued are counted; the store checks that.</item>
/// </list>
/// </summary>
public sealed class ReferralAttribution(CurrentCampaign campaign, IReferralStore referrals, PersonKeyHasher hasher, ILogger<ReferralAttribution> logger)
{
    /// <summary>Remembers the share link's code for this conversation (on the join event).</summary>
    public void Remember(ConversationFlow flow, IActivity joiner, string? code)
    {
        if (flow.Referral is not null || !PersonKeyHasher.IsWellFormedReferralCode(code) || IsOwnCode(joiner, code))
        {
            return;
        }

        flow.Referral = new ReferralState { Code = code, PersonKey = hasher.PersonKeyOf(joiner) };
    }

    /// <summary>After a vote is recorded: counts it for the conversation's referral, if any, once per person.</summary>
    /// <param name="referral">The conversation's referral, from the flow the caller already holds; null when none.</param>
    public async Task VoteRecordedAsync(ReferralState? referral, string causeId, CancellationToken cancellationToken)
    {
        if (referral is not { VoteCounted: false })
        {
            return;
        }

        referral.VoteCounted = await TryCountAsync(referral, causeId, ReferralConversion.Vote, cancellationToken);
    }

    /// <summary>After a pledge is stored: counts it for the conversation's referral, if any, once per person.</summary>
    public async Task PledgeStoredAsync(ReferralState? referral, string causeId, CancellationToken cancellationToken)
    {
        if (referral is not { PledgeCounted: false })
        {
            return;
        }

        referral.PledgeCounted = await TryCountAsync(referral, causeId, ReferralConversion.Pledge, cancellationToken);
    }

    /// <summary>
    /// True once the store has decided (counted now, or counted before). The vote or pledge is
    /// already stored when this runs; a counter that cannot be written must not turn the person's
    /// thank-you into an apology, so it is tried again at the next chance.
    /// </summary>
    private async Task<bool> TryCountAsync(ReferralState referral, string causeId, ReferralConversion kind, CancellationToken cancellationToken)
    {
        // A referral remembered before person keys were kept cannot be counted once per person.
        if (!PersonKeyHasher.IsWellFormedReferralCode(referral.Code) || referral.PersonKey is not { Length: > 0 } personKey)
        {
            return true;
        }

        try
        {
            await referrals.RecordConversionAsync(campaign.Content.Id, referral.Code, causeId, kind, personKey, cancellationToken);
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
