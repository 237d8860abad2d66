using System.Text.Json;

namespace PledgeBot.BotFramework;

/// <summary>
/// Refuses activities the adapter cannot process with a 400 that says what is missing. The SDK's
/// adapter answers some of these with a 500 (a missing serviceUrl, for one), and a sender deserves
/// to know what to fix. The body is read once here and rewound for the adapter.
/// </summary>
public sealed class ActivityShapeFilter : IEndpointFilter
{
    // Teams caps messages at about 40 KB; anything far larger is not a chat activity.
    public const int MaxActivityBytes = 512 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxActivityBytes)
        {
            return TypedResults.Problem("The activity is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxActivityBytes);
        string? problem;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.HttpContext.RequestAborted);
            problem = FindProblem(document.RootElement);
        }
        catch (JsonException)
        {
            problem = "The body is not a JSON activity.";
        }
        catch (IOException)
        {
            return TypedResults.Problem("The activity is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid activity");
        }

        request.Body.Position = 0;
        return await next(context);
    }

    private static string? FindProblem(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "The body must be a JSON object (an activity).";
        }

        if (Text(activity, "type") is null)
        {
            return "The activity has no 'type'.";
        }

        if (!activity.TryGetProperty("conversation", out var conversation) || Text(conversation, "id") is null)
        {
            return "The activity has no 'conversation.id'.";
        }

        if (!activity.TryGetProperty("from", out var from) || Text(from, "id") is null)
        {
            return "The activity has no 'from.id'.";
        }

        var serviceUrl = Text(activity, "serviceUrl");
        if (serviceUrl is null || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "The activity needs an absolute http(s) 'serviceUrl'.";
        }

        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
