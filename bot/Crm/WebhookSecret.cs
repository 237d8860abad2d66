namespace PledgeBot.Crm;

/// <summary>
/// The Standard Webhooks secret format: the base64 of 24 to 64 random bytes, usually written with
/// a <c>whsec_</c> prefix; the StandardWebhooks package takes it with or without.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static bool IsValid(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        var bytes = new byte[64];
        return Convert.TryFromBase64String(encoded, bytes, out var length) && length >= 24;
    }
}
