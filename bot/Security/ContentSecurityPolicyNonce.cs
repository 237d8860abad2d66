using System.Buffers.Text;
using System.Security.Cryptography;

namespace PledgeBot.Security;

/// <summary>
/// A fresh random nonce per response that asks for one (the chat page); the security headers
/// add it to the style-src of that response's policy.
/// </summary>
public static class ContentSecurityPolicyNonce
{
    public static string GetStyleNonce(this HttpContext context)
    {
        var feature = context.Features.Get<NonceFeature>();
        if (feature is null)
        {
            feature = new NonceFeature(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)));
            context.Features.Set(feature);
        }

        return feature.Value;
    }

    /// <summary>The nonce if this response asked for one, otherwise null.</summary>
    internal static string? FindStyleNonce(this HttpContext context) => context.Features.Get<NonceFeature>()?.Value;

    private sealed record NonceFeature(string Value);
}
