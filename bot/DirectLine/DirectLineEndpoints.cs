using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.BotFramework;
using PledgeBot.RateLimits;

namespace PledgeBot.DirectLine;

/// <summary>
/// A Direct Line 3.0 service in polling mode, enough for Web Chat and botframework-directlinejs:
/// start or resume a conversation, post an activity, read activities after a watermark, refresh
/// a token. Activities reach the bot through the same CloudAdapter and bot as /api/messages.
/// </summary>
public static class DirectLineEndpoints
{
    public const string ChannelId = "directline";

    private static readonly ChannelAccount BotAccount = new("pledgebot", "Campaign bot", RoleTypes.Bot);

    public static void MapBuiltInDirectLine(this IEndpointRouteBuilder routes)
    {
        var directLine = routes.MapGroup("/v3/directline");
        directLine.MapPost("/conversations", StartAsync).RequireRateLimiting(RateLimitPolicies.DirectLineConversation);
        directLine.MapGet("/conversations/{conversationId}", ResumeAsync);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(RateLimitPolicies.DirectLineTurn);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        directLine.MapPost("/tokens/refresh", RefreshAsync);
        routes.MapDirectLineConnector();
    }

    private static async Task<IResult> StartAsync(HttpRequest request, DirectLineTokens tokens, IDirectLineConversations conversations, TimeProvider clock)
    {
        var (failure, grant) = await AuthorizeAsync(request, tokens, conversationId: null);
        if (failure is not null)
        {
            return failure;
        }

        await conversations.OpenAsync(grant!.ConversationId, request.HttpContext.RequestAborted);
        return DirectLineJson.Ok(ConversationResponse(grant, request.Headers.Authorization!, clock), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ResumeAsync(string conversationId, HttpRequest request, DirectLineTokens tokens, IDirectLineConversations conversations, TimeProvider clock)
    {
        var (failure, grant) = await AuthorizeAsync(request, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        await conversations.OpenAsync(conversationId, request.HttpContext.RequestAborted);
        return DirectLineJson.Ok(ConversationResponse(grant!, request.Headers.Authorization!, clock));
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId,
        HttpRequest request,
        DirectLineOptions options,
        DirectLineTokens tokens,
        IDirectLineConversations conversations,
        DirectLineConnector connector,
        AdapterWithErrorHandler adapter,
        IBot bot,
        CancellationToken cancellationToken)
    {
        var (failure, grant) = await AuthorizeAsync(request, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        var read = await DirectLineJson.ReadObjectAsync(request, options.MaxPostedActivityBytes);
        if (read.TooLarge)
        {
            return TooLarge($"The activity is larger than {options.MaxPostedActivityBytes} bytes.");
        }

        if (read.Body is null)
        {
            return TypedResults.Problem("The body is not a JSON activity.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (activity, problem) = PostedActivity.Read(read.Body, options);
        if (problem is not null)
        {
            return TypedResults.Problem(problem.Detail, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = problem.Field });
        }

        // Only what a person can say is taken from the browser; who, where and when are ours.
        activity!.From = new ChannelAccount(grant!.UserId, activity.From.Name, RoleTypes.User);
        activity.Recipient = BotAccount;
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.ChannelId = ChannelId;
        if (await conversations.AppendAsync(conversationId, activity, cancellationToken) is not { } id)
        {
            return TooLarge("The activity is larger than a conversation may keep.");
        }

        // The bot's copy carries the serviceUrl it answers on; the one the browser reads does not.
        var turn = JObject.FromObject(activity).ToObject<Activity>()!;
        turn.ServiceUrl = connector.ServiceUrl;
        await adapter.ProcessDirectLineActivityAsync(turn, bot, cancellationToken);
        return DirectLineJson.Ok(new ResourceResponse(id));
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, IDirectLineConversations conversations)
    {
        var (failure, _) = await AuthorizeAsync(request, tokens, conversationId);
        if (failure is not null)
        {
            return failure;
        }

        long? after = long.TryParse(watermark, out var parsed) && parsed >= 0 ? parsed : null;
        var (activities, newWatermark) = await conversations.SinceAsync(conversationId, after, request.HttpContext.RequestAborted);
        // Written once, straight from the activities' kept JSON: Web Chat polls this every second.
        return DirectLineJson.ActivitySet(activities, newWatermark.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, DirectLineTokens tokens)
    {
        var (failure, grant) = await AuthorizeAsync(request, tokens, conversationId: null);
        if (failure is not null)
        {
            return failure;
        }

        return DirectLineJson.Ok(new JObject
        {
            ["conversationId"] = grant!.ConversationId,
            ["token"] = tokens.Issue(grant.ConversationId, grant.UserId),
            ["expires_in"] = (int)tokens.Lifetime.TotalSeconds,
        });
    }

    private static JObject ConversationResponse(DirectLineGrant grant, string authorization, TimeProvider clock) => new()
    {
        ["conversationId"] = grant.ConversationId,
        ["token"] = authorization["Bearer ".Length..].Trim(),
        ["expires_in"] = Math.Max(0, (int)(grant.Expires - clock.GetUtcNow()).TotalSeconds),
    };

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>401 for a missing or bad token, 403 for an expired one or one for another conversation.</summary>
    private static async Task<(IResult? Failure, DirectLineGrant? Grant)> AuthorizeAsync(HttpRequest request, DirectLineTokens tokens, string? conversationId)
    {
        var (check, grant) = await tokens.CheckAsync(request.Headers.Authorization, conversationId);
        return check switch
        {
            TokenCheck.Valid => (null, grant),
            TokenCheck.Expired => (TypedResults.Problem("The token has expired.", statusCode: StatusCodes.Status403Forbidden), null),
            TokenCheck.OtherConversation => (TypedResults.Problem("The token is for another conversation.", statusCode: StatusCodes.Status403Forbidden), null),
            _ => (TypedResults.Problem("A valid Direct Line token is required.", statusCode: StatusCodes.Status401Unauthorized), null),
        };
    }
}
