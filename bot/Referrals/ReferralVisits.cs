using System.Data.Common;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Referrals;

/// <summary>
/// Counts a visit of a share link (<c>/c/{causeId}?r={code}</c>) for its code and cause, and
/// nothing about the visitor. Only a code the bot has issued is counted: a missing, malformed or
/// never-issued code, or a cause that is not in the campaign, stores nothing and is treated as no
/// code at all. A database that cannot be written just then is ignored too, so that counting never
/// stands between a visitor and the page.
/// </summary>
public sealed class ReferralVisits(CurrentCampaign campaign, IReferralStore referrals, ILogger<ReferralVisits> logger)
{
    /// <summary>Counts the visit; returns the code when it is an issued one (to carry on into the chat), otherwise null.</summary>
    public async Task<string?> RecordVisitAsync(string? code, string causeId, CancellationToken cancellationToken = default)
    {
        if (!PersonKeyHasher.IsWellFormedReferralCode(code) || campaign.Content.FindCause(causeId) is not { } cause)
        {
            return null;
        }

        try
        {
            return await referrals.RecordVisitAsync(campaign.Content.Id, code, cause.Id, cancellationToken) ? code : null;
        }
        catch (DbException problem)
        {
            // The error code only: the referral code is a pseudonym, but a log needs none of it.
            // The code goes on to the chat: a vote there is counted only if the code was issued.
            logger.LogWarning("A share link visit could not be counted ({Code}).", DatabaseErrorCode.Of(problem));
            return code;
        }
    }
}
