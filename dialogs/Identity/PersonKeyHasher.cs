using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using PledgeBot.Dialogs.Input;

namespace PledgeBot.Dialogs.Identity;

/// <summary>
/// Turns identifiers that point at a real person (channel user ids, emails) into keyed hashes
/// (HMAC-SHA256), so the database can recognise a returning person without holding the raw id.
/// Without the secret, the hashes cannot be linked back to anybody.
/// </summary>
public sealed class PersonKeyHasher
{
    private readonly byte[] secret;

    public PersonKeyHasher(byte[] secret)
    {
        if (secret.Length < 32)
        {
            throw new ArgumentException("The person key secret must be at least 32 bytes.", nameof(secret));
        }

        this.secret = secret.ToArray();
    }

    public string PersonKey(string channelId, string userId) => Hash($"person\n{channelId}\n{userId}");

    /// <summary>
    /// One key per pledging address: made from <see cref="SupporterText.EmailComparisonForm"/>, so
    /// case, invisible characters, NFC or NFD and a punycode or Unicode domain do not make another pledge.
    /// </summary>
    public string EmailKey(string email) => Hash($"email\n{SupporterText.EmailComparisonForm(email)}");

    public string RequestKey(string channelId, string conversationId, string activityId, string personKey) =>
        Hash($"request\n{channelId}\n{conversationId}\n{activityId}\n{personKey}");

    /// <summary>
    /// A short code for a sharer's links: derived from their person key, so the same person always
    /// shares the same code, and nobody can turn it back into who they are.
    /// </summary>
    public string ReferralCode(string personKey)
    {
        var digest = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"referral\n{personKey}"));
        return new string(digest.Take(ReferralCodeLength).Select(b => ReferralAlphabet[b % ReferralAlphabet.Length]).ToArray());
    }

    public const int ReferralCodeLength = 10;

    /// <summary>No 0/o, 1/l: read aloud and typed without mistakes.</summary>
    public const string ReferralAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>
    /// Whether <paramref name="code"/> could be a code from <see cref="ReferralCode"/>: exactly
    /// <see cref="ReferralCodeLength"/> characters, all from <see cref="ReferralAlphabet"/> (lower case).
    /// Every place a code arrives from outside (a link, the chat page, a join event) checks it with
    /// this and ignores anything else without a word.
    /// </summary>
    public static bool IsWellFormedReferralCode([NotNullWhen(true)] string? code) =>
        code is { Length: ReferralCodeLength } && code.All(c => ReferralAlphabet.Contains(c));

    private string Hash(string value)
    {
        var digest = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(value));
        return Convert.ToBase64String(digest).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
