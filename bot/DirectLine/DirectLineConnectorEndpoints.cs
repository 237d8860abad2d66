using Microsoft.Bot.Schema;

namespace PledgeBot.DirectLine;

/// <summary>
/// The Bot Connector calls the bot makes to the built-in channel (its serviceUrl): send, reply,
/// update. Replies and proactive messages land in the conversation for the browser to poll.
/// </summary>
public static class DirectLineConnectorEndpoints
{
    public static void MapDirectLineConnector(this IEndpointRouteBuilder routes)
    {
        var connector = routes.MapGroup($"{DirectLineConnector.RoutePrefix}/{{key}}/v3/conversations/{{conversationId}}/activities");
        connector.MapPost("", SendAsync);
        connector.MapPost("/{replyToId}", SendAsync);
        connector.MapPut("/{activityId}", UpdateAsync);
    }

    private static async Task<IResult> SendAsync(string key, string conversationId, HttpRequest request, DirectLineConnector connector, IDirectLineConversations conversations)
    {
        if (!connector.IsOwnKey(key))
        {
            return TypedResults.NotFound();
        }

        var activity = await DirectLineJson.ReadAsync<Activity>(request);
        if (activity is null)
        {
            return TypedResults.BadRequest();
        }

        activity.Id = null;
        activity.ServiceUrl = null;
        activity.Timestamp = null;
        return await conversations.AppendAsync(conversationId, activity, request.HttpContext.RequestAborted) is { } id
            ? DirectLineJson.Ok(new ResourceResponse(id))
            : TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> UpdateAsync(string key, string conversationId, string activityId, HttpRequest request, DirectLineConnector connector, IDirectLineConversations conversations)
    {
        if (!connector.IsOwnKey(key))
        {
            return TypedResults.NotFound();
        }

        var activity = await DirectLineJson.ReadAsync<Activity>(request);
        if (activity is null)
        {
            return TypedResults.BadRequest();
        }

        activity.ServiceUrl = null;
        return await conversations.ReplaceAsync(conversationId, activityId, activity, request.HttpContext.RequestAborted)
            ? DirectLineJson.Ok(new ResourceResponse(activityId))
            : TypedResults.NotFound();
    }
}
