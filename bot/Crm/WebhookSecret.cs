namespace PledgeBot.Crm;

/// <summary>The Standard Webhooks secret format: <c>whsec_</c> and the base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static bool IsValid(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var bytes = new byte[64];
        return Convert.TryFromBase64String(secret[Prefix.Length..], bytes, out var length) && length >= 24;
    }
}
