namespace PledgeBot.Storage;

/// <summary>
/// Failed admin sign-ins, as lines of the admin audit log (<see cref="IAdminAuditLog"/>). Anyone
/// can fail a sign-in, so a failure adds to a counter line rather than writing a line of its own:
/// the log gains at most one line per way of signing in per hour, however many attempts arrive.
/// Nothing says who tried or from where: the key or name they tried, and their address, are not
/// the campaign's to keep.
/// </summary>
public interface IFailedSignInLog
{
    /// <param name="how">How the sign-in was tried, a fixed phrase such as "with the admin key".</param>
    Task RecordAsync(string how, CancellationToken cancellationToken = default);
}
