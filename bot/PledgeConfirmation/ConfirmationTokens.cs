using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// The token in a confirmation link: a version byte, the queued email's random token id and the
/// link's expiry, signed with HMAC-SHA256 under a key of its own, base64url. Anyone can read the
/// expiry, nobody can change it; the token id finds the email's row, which tracks single use.
/// </summary>
public sealed class ConfirmationTokens(byte[] key)
{
    private const byte Version = 1;
    private const int TokenIdLength = 16;
    private const int PayloadLength = 1 + TokenIdLength + sizeof(long);
    private const int TokenLength = PayloadLength + HMACSHA256.HashSizeInBytes;

    /// <summary>The length of every token this class writes; anything else is refused before decoding.</summary>
    public static readonly int EncodedLength = Base64Url.GetEncodedLength(TokenLength);

    private readonly byte[] key = key.ToArray();

    /// <param name="tokenId">32 hex digits, as the queue stores it.</param>
    public string Create(string tokenId, DateTimeOffset expiresAt)
    {
        var token = new byte[TokenLength];
        token[0] = Version;
        Convert.FromHexString(tokenId).CopyTo(token, 1);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(1 + TokenIdLength), expiresAt.ToUnixTimeSeconds());
        HMACSHA256.HashData(key, token.AsSpan(0, PayloadLength), token.AsSpan(PayloadLength));
        return Base64Url.EncodeToString(token);
    }

    public ConfirmationTokenReading Read(string? text, DateTimeOffset now)
    {
        if (text is null || text.Length != EncodedLength || !Base64Url.IsValid(text))
        {
            return ConfirmationTokenReading.Invalid;
        }

        var token = Base64Url.DecodeFromChars(text);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, token.AsSpan(0, PayloadLength), expected);
        if (token.Length != TokenLength || token[0] != Version || !CryptographicOperations.FixedTimeEquals(expected, token.AsSpan(PayloadLength)))
        {
            return ConfirmationTokenReading.Invalid;
        }

        var tokenId = Convert.ToHexStringLower(token.AsSpan(1, TokenIdLength));
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(1 + TokenIdLength)));
        return new ConfirmationTokenReading(now < expiresAt ? ConfirmationTokenState.Valid : ConfirmationTokenState.Expired, tokenId);
    }
}

public enum ConfirmationTokenState
{
    /// <summary>Malformed, altered or not ours.</summary>
    Invalid,
    Expired,
    Valid,
}

/// <param name="TokenId">Set when the signature holds (valid or expired).</param>
public sealed record ConfirmationTokenReading(ConfirmationTokenState State, string? TokenId)
{
    public static readonly ConfirmationTokenReading Invalid = new(ConfirmationTokenState.Invalid, null);
}
