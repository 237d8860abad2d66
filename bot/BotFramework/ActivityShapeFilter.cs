using System.Text.Json;

namespace PledgeBot.BotFramework;

/// <summary>
/// Refuses activities the adapter cannot process, or should not, with a 400 that says what is
/// wrong. The SDK's adapter answers some of these with a 500 (a missing serviceUrl, for one), and a
/// sender deserves to know what to fix. Ids are bounded because they become storage keys (the
/// conversation's state row) and rate-limit keys. The body is read once here and rewound for the
/// adapter; what the later filters need from it is left in <see cref="ActivityEnvelope"/>.
/// </summary>
public sealed class ActivityShapeFilter : IEndpointFilter
{
    // Teams caps messages at about 40 KB; anything far larger is not a chat activity.
    public const int MaxActivityBytes = 512 * 1024;

    // Teams' conversation ids reach about 300 characters (channel thread ids with a message id);
    // no channel comes near this.
    public const int MaxIdLength = 512;

    public const int MaxServiceUrlLength = 2048;

    // The fields that name a channel, a conversation, a person or an activity.
    private static readonly string[][] IdFields =
    [
        ["type"],
        ["id"],
        ["channelId"],
        ["replyToId"],
        ["name"],
        ["conversation", "id"],
        ["conversation", "tenantId"],
        ["from", "id"],
        ["from", "aadObjectId"],
        ["recipient", "id"],
        ["channelData", "tenant", "id"],
    ];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxActivityBytes)
        {
            return TooLarge();
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxActivityBytes);
        string? problem;
        ActivityEnvelope? envelope = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.HttpContext.RequestAborted);
            problem = FindProblem(document.RootElement);
            if (problem is null)
            {
                envelope = ActivityEnvelope.Of(document.RootElement);
            }
        }
        catch (JsonException)
        {
            problem = "The body is not a JSON activity.";
        }
        catch (IOException)
        {
            return TooLarge();
        }

        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a valid activity");
        }

        context.HttpContext.Features.Set(envelope);
        request.Body.Position = 0;
        return await next(context);
    }

    private static IResult TooLarge() =>
        TypedResults.Problem($"The activity is larger than {MaxActivityBytes / 1024} KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

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

        foreach (var path in IdFields)
        {
            if (Find(activity, path) is { ValueKind: JsonValueKind.String } field && field.GetString()!.Length > MaxIdLength)
            {
                return $"The activity's '{string.Join('.', path)}' is longer than {MaxIdLength} characters.";
            }
        }

        var serviceUrl = Text(activity, "serviceUrl");
        if (serviceUrl is null || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "The activity needs an absolute http(s) 'serviceUrl'.";
        }

        if (serviceUrl.Length > MaxServiceUrlLength)
        {
            return $"The activity's 'serviceUrl' is longer than {MaxServiceUrlLength} characters.";
        }

        // Every channel says who the activity is for; the bot reads it (mentions, greetings).
        if (!activity.TryGetProperty("recipient", out var recipient) || Text(recipient, "id") is null)
        {
            return "The activity has no 'recipient.id'.";
        }

        if (WrongKind(activity) is { } wrong)
        {
            return wrong;
        }

        return null;
    }

    /// <summary>
    /// Fields the SDK would otherwise refuse with an empty 400 (it cannot read them into an
    /// activity): the sender deserves to know which one is wrong.
    /// </summary>
    private static string? WrongKind(JsonElement activity)
    {
        (string Field, JsonValueKind Kind, string Expected)[] fields =
        [
            ("text", JsonValueKind.String, "a string"),
            ("locale", JsonValueKind.String, "a string"),
            ("name", JsonValueKind.String, "a string"),
            ("attachments", JsonValueKind.Array, "an array"),
            ("entities", JsonValueKind.Array, "an array"),
            ("membersAdded", JsonValueKind.Array, "an array"),
            ("membersRemoved", JsonValueKind.Array, "an array"),
        ];
        foreach (var (field, kind, expected) in fields)
        {
            if (activity.TryGetProperty(field, out var value) && value.ValueKind != kind && value.ValueKind != JsonValueKind.Null)
            {
                return $"The activity's '{field}' must be {expected}.";
            }
        }

        foreach (var field in new[] { "timestamp", "localTimestamp" })
        {
            if (activity.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
                && (value.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)))
            {
                return $"The activity's '{field}' must be a date and time (ISO 8601).";
            }
        }

        return null;
    }

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        foreach (var property in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out element))
            {
                return null;
            }
        }

        return element;
    }

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
