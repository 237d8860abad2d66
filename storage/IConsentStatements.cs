using System.Security.Cryptography;
using System.Text;

namespace PledgeBot.Storage;

/// <summary>
/// Every consent statement ever shown, word for word, with the language it was shown in and a
/// version number per campaign and language (French v1, v2 ... apart from English v1, v2 ...): a
/// consent record names the language and version, and the text they name can always be shown
/// again, even after the campaign changed its privacy statement.
/// </summary>
public interface IConsentStatements
{
    /// <summary>The statement's version in <paramref name="language"/>: the existing one for a text seen before in it, otherwise that language's next number.</summary>
    /// <param name="language">The language code of the content the statement was shown in ("en", "fr" ...).</param>
    Task<ConsentStatement> RegisterAsync(string campaignId, string language, string text, CancellationToken cancellationToken = default);
}

/// <param name="Language">The language code of the content the statement was shown in; statements stored before languages are "en".</param>
/// <param name="TextHash">SHA-256 of the statement's exact text (UTF-8), in lower-case hex (<see cref="HashOf"/>).</param>
public sealed record ConsentStatement(string Language, int Version, string TextHash)
{
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
