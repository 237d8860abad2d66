using Microsoft.Data.Sqlite;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Referrals;

/// <summary>
/// Counts a visit of a share link (<c>/c/{causeId}?r={code}</c>) for its code and cause, and
/// nothing about the visitor. A missing or malformed code, or a cause that is not in the
/// campaign, is ignored without a word; so is a database that cannot be written just then, so
/// that counting never stands between a visitor and the page.
/// </summary>
public sealed class ReferralVisits(CampaignContent content, IReferralStore referrals, ILogger<ReferralVisits> logger)
{
    public async Task RecordVisitAsync(string? code, string causeId, CancellationToken cancellationToken = default)
    {
        if (!PersonKeyHasher.IsWellFormedReferralCode(code) || content.FindCause(causeId) is not { } cause)
        {
            return;
        }

        try
        {
            await referrals.RecordVisitAsync(content.Id, code, cause.Id, cancellationToken);
        }
        catch (SqliteException problem)
        {
            // The error code only: the referral code is a pseudonym, but a log needs none of it.
            logger.LogWarning("A share link visit could not be counted (SQLite error {SqliteErrorCode}).", problem.SqliteErrorCode);
        }
    }
}
