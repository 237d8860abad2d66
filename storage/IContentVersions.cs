using System.Security.Cryptography;
using System.Text;

namespace PledgeBot.Storage;

/// <summary>
/// The campaign content admins published while the bot ran, kept in the database so that a publish
/// survives a restart and every instance of the bot can run the same. The newest version not
/// withdrawn runs; when there is none, the content file does.
/// </summary>
public interface IContentVersions
{
    /// <summary>The version that runs, or null when the content file runs.</summary>
    Task<StoredContentVersion?> ReadRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="json"/> as the next version, provided the running version is still
    /// <paramref name="expectedRunning"/> (null: the file). Returns null, and stores nothing, when
    /// someone else published (or went back to the file) in between.
    /// </summary>
    Task<StoredContentVersion?> PublishAsync(long? expectedRunning, string json, string publishedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Withdraws every version, so that the content file runs from the next start; returns how many were running or could have.</summary>
    Task<int> WithdrawAllAsync(DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <param name="Sha256">Of the UTF-8 JSON text, lowercase hex: tells an operator whether two versions are the same text.</param>
public sealed record StoredContentVersion(long Number, DateTimeOffset PublishedAt, string PublishedBy, string Json, string Sha256)
{
    public static string Sha256Of(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
