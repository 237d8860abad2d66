using System.IdentityModel.Tokens.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace PledgeBot.BotFramework;

/// <summary>
/// Answers 401 for a bearer token that is not even a readable JWT. The SDK decodes the token
/// before it validates it (to tell skill tokens from channel tokens) and lets the decoder's
/// ArgumentException escape for three dot-separated segments that are not base64url JSON
/// (<c>Bearer a.b.c</c>), which the host would turn into a 500. The same decoding is done here
/// first, so such a token gets the answer any other bad token gets.
/// </summary>
public sealed class UnreadableTokenFilter : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var authorization = context.HttpContext.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && !IsReadableJwt(authorization[BearerPrefix.Length..].Trim()))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                "A valid Bot Framework token is required.", statusCode: StatusCodes.Status401Unauthorized));
        }

        return next(context);
    }

    private static bool IsReadableJwt(string token)
    {
        try
        {
            _ = new JwtSecurityToken(token);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }
    }
}
