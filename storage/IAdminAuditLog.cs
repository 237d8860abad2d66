namespace PledgeBot.Storage;

/// <summary>
/// What campaign admins did (sign-in, export, close, reload, erase): who, what, when. Never the
/// data an action touched: an export's line says which export, not what was in it.
/// </summary>
public interface IAdminAuditLog
{
    /// <param name="who">The admin's name as their sign-in gives it ("admin key", or the OIDC user's name or email).</param>
    /// <param name="action">A short, fixed description of the action, with no personal data of supporters.</param>
    Task RecordAsync(string who, string action, CancellationToken cancellationToken = default);

    /// <summary>The newest entries first.</summary>
    Task<IReadOnlyList<AdminAuditEntry>> ReadRecentAsync(int limit, CancellationToken cancellationToken = default);
}

public sealed record AdminAuditEntry(DateTimeOffset At, string Who, string Action);
