using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PledgeBot.FollowUps;

/// <summary>
/// The token in a follow-up email's unsubscribe link: a version byte, the campaign and the person
/// key (each as UTF-8 after its length in one byte), signed with HMAC-SHA256 under a key of its
/// own, base64url. It has no expiry: an unsubscribe link must keep working for as long as the
/// email is in someone's inbox. It names nobody (a person key is a keyed hash) and does one thing,
/// ending that person's follow-ups, so a link passed on can do no more than that.
/// </summary>
public sealed class UnsubscribeTokens(byte[] key)
{
    private const byte Version = 1;
    private const int HashLength = HMACSHA256.HashSizeInBytes;

    /// <summary>Longer than any token this class writes; anything longer is refused before decoding.</summary>
    private const int MaxEncodedLength = 1024;

    private readonly byte[] key = key.ToArray();

    public string Create(string campaignId, string personKey)
    {
        var (campaign, person) = (Encoding.UTF8.GetBytes(campaignId), Encoding.UTF8.GetBytes(personKey));
        if (campaign.Length is 0 or > byte.MaxValue || person.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException("A campaign id and a person key are each 1 to 255 bytes long.");
        }

        var token = new byte[3 + campaign.Length + person.Length + HashLength];
        token[0] = Version;
        token[1] = (byte)campaign.Length;
        campaign.CopyTo(token, 2);
        token[2 + campaign.Length] = (byte)person.Length;
        person.CopyTo(token, 3 + campaign.Length);
        var payloadLength = token.Length - HashLength;
        HMACSHA256.HashData(key, token.AsSpan(0, payloadLength), token.AsSpan(payloadLength));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Whom the token unsubscribes; null when it is malformed, altered or not ours.</summary>
    public UnsubscribeToken? Read(string? text)
    {
        if (text is null || text.Length > MaxEncodedLength || !Base64Url.IsValid(text))
        {
            return null;
        }

        var token = Base64Url.DecodeFromChars(text);
        if (token.Length < 3 + HashLength + 2 || token[0] != Version)
        {
            return null;
        }

        var payloadLength = token.Length - HashLength;
        Span<byte> expected = stackalloc byte[HashLength];
        HMACSHA256.HashData(key, token.AsSpan(0, payloadLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, token.AsSpan(payloadLength)))
        {
            return null;
        }

        // Signed by us, so the lengths are the ones Create wrote; checked all the same, as a key
        // shared by mistake with another use must not make this read past its payload.
        var campaignLength = token[1];
        if (2 + campaignLength >= payloadLength || 3 + campaignLength + token[2 + campaignLength] != payloadLength)
        {
            return null;
        }

        return new UnsubscribeToken(
            Encoding.UTF8.GetString(token, 2, campaignLength),
            Encoding.UTF8.GetString(token, 3 + campaignLength, token[2 + campaignLength]));
    }
}

public sealed record UnsubscribeToken(string CampaignId, string PersonKey);
