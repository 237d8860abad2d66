using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PledgeBot.DirectLine;

/// <summary>
/// One web-chat person is one browser: the user id the chat page gets with its token is kept in a
/// first-party cookie and given again with the next token, so a new conversation (a reload, a
/// second tab) is the same person and their vote is the same vote. The cookie is signed with a key
/// derived from the server secret, so a client cannot choose someone else's id, and it survives a
/// restart. A client that drops its cookies gets a new id; the token endpoint's per-address rate
/// limit is what holds such a client back.
/// </summary>
public sealed class WebChatUserCookie(byte[] signingKey)
{
    public const string Name = "pledgebot-chat-user";

    /// <summary>Only the token endpoint reads it; nothing else on the site needs it.</summary>
    public const string CookiePath = "/api/directline";

    private const int MaxCookieLength = 200;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>The user id of the browser's valid cookie; null for a browser the bot does not know yet.</summary>
    public string? KnownUserIdOf(HttpContext context) => Read(context.Request.Cookies[Name]);

    /// <summary>The browser's user id from its cookie, or a new one; either way the cookie is (re)written for another year.</summary>
    public string UserIdFor(HttpContext context)
    {
        var userId = KnownUserIdOf(context) ?? NewUserId();
        context.Response.Cookies.Append(Name, $"{userId}.{Signature(userId)}", new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
        return userId;
    }

    private string? Read(string? cookie)
    {
        if (cookie is null || cookie.Length > MaxCookieLength || cookie.Split('.') is not [var userId, var signature])
        {
            return null;
        }

        return userId.StartsWith("dl_", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(userId)))
            ? userId
            : null;
    }

    private string Signature(string userId) => Base64Url.EncodeToString(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(userId)));

    // Direct Line wants user ids given to it to start with "dl_".
    private static string NewUserId() => $"dl_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))}";
}
