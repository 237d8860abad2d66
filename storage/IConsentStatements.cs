using System.Security.Cryptography;
using System.Text;

namespace PledgeBot.Storage;

/// <summary>
/// Every consent statement ever shown, word for word, with a version number per campaign: a
/// consent record names the version, and the text it names can always be shown again, even after
/// the campaign changed its privacy statement.
/// </summary>
public interface IConsentStatements
{
    /// <summary>The statement's version: the existing one for a text seen before, otherwise the next number.</summary>
    Task<ConsentStatement> RegisterAsync(string campaignId, string text, CancellationToken cancellationToken = default);
}

/// <param name="TextHash">SHA-256 of the statement's exact text (UTF-8), in lower-case hex (<see cref="HashOf"/>).</param>
public sealed record ConsentStatement(int Version, string TextHash)
{
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
