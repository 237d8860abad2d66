using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PledgeBot.DirectLine;

public enum TokenCheck
{
    Valid,

    /// <summary>Missing, malformed or not signed by us: 401.</summary>
    Invalid,

    /// <summary>Ours, but past its lifetime: 403, as Direct Line answers.</summary>
    Expired,

    /// <summary>Ours, but for another conversation: 403.</summary>
    OtherConversation,
}

public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset Expires);

/// <summary>
/// Signed tokens for the built-in Direct Line, each bound to one conversation and one user.
/// Signed JWTs (HMAC-SHA256) through the IdentityModel library rather than a format of our own.
/// </summary>
public sealed class DirectLineTokens(byte[] signingKey, TimeProvider clock, TimeSpan lifetime)
{
    private const string Issuer = "pledgebot-directline";
    private const string ConversationClaim = "conv";
    private const string UserClaim = "user";

    private readonly JsonWebTokenHandler handler = new();
    private readonly SymmetricSecurityKey key = new(signingKey);

    public TimeSpan Lifetime => lifetime;

    public string Issue(string conversationId, string userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity([new Claim(ConversationClaim, conversationId), new Claim(UserClaim, userId)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Checks an Authorization header value; <paramref name="conversationId"/> null accepts any conversation.</summary>
    public async Task<(TokenCheck Check, DirectLineGrant? Grant)> CheckAsync(string? authorization, string? conversationId)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return (TokenCheck.Invalid, null);
        }

        var result = await handler.ValidateTokenAsync(authorization[bearer.Length..].Trim(), new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            // Lifetime is checked below against our clock, so that expiry answers 403, not 401.
            ValidateLifetime = false,
        });
        if (!result.IsValid
            || result.ClaimsIdentity.FindFirst(ConversationClaim)?.Value is not { } conversation
            || result.ClaimsIdentity.FindFirst(UserClaim)?.Value is not { } user)
        {
            return (TokenCheck.Invalid, null);
        }

        var grant = new DirectLineGrant(conversation, user, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
        if (grant.Expires <= clock.GetUtcNow())
        {
            return (TokenCheck.Expired, grant);
        }

        return conversationId is not null && !string.Equals(conversationId, conversation, StringComparison.Ordinal)
            ? (TokenCheck.OtherConversation, grant)
            : (TokenCheck.Valid, grant);
    }
}
