using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using PledgeBot.RateLimits;

namespace PledgeBot.DirectLine;

/// <summary>
/// <c>POST /api/directline/token</c>: what the chat page calls to start a conversation. With an
/// Azure secret configured, the token comes from Azure's Direct Line; otherwise from the
/// built-in one. Either way the page learns the token, the conversation, the user id and which
/// Direct Line address to use (null meaning Azure's default).
/// </summary>
public static class ChatTokenEndpoint
{
    public static void MapChatToken(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/directline/token", IssueAsync)
            .RequireRateLimiting(RateLimitPolicies.ChatToken)
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.ChatTokenBytes));

    private static async Task<IResult> IssueAsync(
        HttpContext context,
        WebChatUserCookie userCookie,
        [FromKeyedServices(RateLimitsSetup.NewWebChatPeople)] System.Threading.RateLimiting.PartitionedRateLimiter<string> newPeople,
        DirectLineOptions options,
        AzureDirectLineTokenExchange azure,
        DirectLineTokens tokens,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // A browser without the bot's cookie becomes a new person, who could vote once more: one
        // address may bring only so many of those an hour (a browser that keeps its cookie is not held back).
        if (userCookie.KnownUserIdOf(context) is null)
        {
            using var lease = newPeople.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "");
            if (!lease.IsAcquired)
            {
                return TooManyRequests.For(context, lease, RateLimitsSetup.NewWebChatPeople);
            }
        }

        // The same browser is the same person; nothing the client sends chooses who it is.
        var userId = userCookie.UserIdFor(context);
        if (options.UsesAzure)
        {
            AzureToken? token = null;
            try
            {
                token = await azure.GenerateAsync(userId, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                loggers.CreateLogger(nameof(ChatTokenEndpoint)).LogWarning("Direct Line token service unreachable: {Error}", exception.Message);
            }

            return token is null
                ? TypedResults.Problem("The chat service is not available right now. Please try again in a moment.", statusCode: StatusCodes.Status502BadGateway)
                : TypedResults.Ok(new ChatToken(token.Token, token.ConversationId, userId, Domain: null, token.ExpiresIn));
        }

        if (!options.BuiltInEnabled)
        {
            return TypedResults.Problem("The chat is not configured on this server.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var conversationId = RandomId();
        return TypedResults.Ok(new ChatToken(
            tokens.Issue(conversationId, userId), conversationId, userId, Domain: "/v3/directline", (int)tokens.Lifetime.TotalSeconds));
    }

    private static string RandomId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public sealed record ChatToken(string Token, string ConversationId, string UserId, string? Domain, int ExpiresIn);
}
