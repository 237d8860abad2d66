using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A local stand-in for Teams' Bot Connector service (what a Teams conversation reference's
/// serviceUrl points at) that keeps Teams' limits and says when they were broken. It takes
/// <c>POST /v3/conversations/{conversationId}/activities[/{replyToId}]</c> and answers 200 with
/// <c>{"id": "..."}</c> as the Bot Connector API does.
/// </summary>
/// <remarks>
/// Limits are checked over a sliding second: a request that arrives when its tenant has already
/// had <see cref="RequestsPerSecondPerTenant"/> requests, or its conversation
/// <see cref="MessagesPerSecondPerConversation"/>, in the second before it (arrival times as
/// Kestrel hands them over) is a broken limit: it is answered 429 with <c>Retry-After: 1</c> and
/// counted in <see cref="LimitBreaks"/>. A sliding second is stricter than counting per calendar
/// second, which lets twice the limit through across a second's boundary. Every request counts,
/// whatever its answer, as Teams counts every request. The tenant is the one the activity names
/// (<c>conversation.tenantId</c>, else <c>channelData.tenant.id</c>).
/// </remarks>
public sealed class TeamsConnectorStandIn : IAsyncDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly long started;
    private readonly bool keepLimits;
    private readonly Dictionary<string, Queue<long>> lastSecondPerTenant = [];
    private readonly Dictionary<string, Queue<long>> lastSecondPerConversation = [];
    private readonly Dictionary<string, int> peakPerTenant = [];
    private readonly Dictionary<string, Queue<TeamsAnswer>> scriptedPerConversation = [];
    private readonly HashSet<string> blockedConversations = [];
    private readonly HashSet<string> blockedUsers = [];
    private readonly HashSet<string> goneConversations = [];
    private readonly List<DeliveredActivity> accepted = [];
    private readonly List<ConnectorRequest> requests = [];
    private int limitBreaks;
    private LocalServer server = null!;

    private TeamsConnectorStandIn(TimeProvider clock, bool keepLimits)
    {
        this.clock = clock;
        this.keepLimits = keepLimits;
        started = clock.GetTimestamp();
    }

    public int MessagesPerSecondPerConversation { get; init; } = 7;

    public int RequestsPerSecondPerTenant { get; init; } = 50;

    /// <summary>The time since the stand-in started, on the clock that stamps arrivals (<see cref="DeliveredActivity.ArrivedAt"/>).</summary>
    public TimeSpan Elapsed => clock.GetElapsedTime(started);

    /// <summary>The address to put in the conversation references as serviceUrl.</summary>
    public string ServiceUrl => server.BaseAddress + "/";

    /// <summary>How many requests arrived while their tenant's or conversation's limit was used up.</summary>
    public int LimitBreaks
    {
        get
        {
            lock (gate)
            {
                return limitBreaks;
            }
        }
    }

    /// <summary>Every activity the stand-in took (answered 200), in the order they arrived.</summary>
    public IReadOnlyList<DeliveredActivity> Accepted
    {
        get
        {
            lock (gate)
            {
                return [.. accepted];
            }
        }
    }

    /// <summary>Every request, whatever the answer, in the order they arrived.</summary>
    public IReadOnlyList<ConnectorRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts a stand-in that keeps Teams' limits; <paramref name="clock"/> stamps arrivals (the host's fake clock, to see its waits as it measured them).</summary>
    public static Task<TeamsConnectorStandIn> StartAsync(TimeProvider? clock = null) => StartAsync(clock ?? TimeProvider.System, keepLimits: true);

    /// <summary>Starts a stand-in that takes everything as fast as it comes: the floor for a benchmark.</summary>
    public static Task<TeamsConnectorStandIn> StartWithoutLimitsAsync() => StartAsync(TimeProvider.System, keepLimits: false);

    private static async Task<TeamsConnectorStandIn> StartAsync(TimeProvider clock, bool keepLimits)
    {
        var standIn = new TeamsConnectorStandIn(clock, keepLimits);
        standIn.server = await LocalServer.StartAsync(app =>
        {
            app.MapPost("/v3/conversations/{conversationId}/activities", standIn.AnswerAsync);
            app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", standIn.AnswerAsync);
        });
        return standIn;
    }

    /// <summary>The person blocked the bot in this conversation: 403, as Teams answers.</summary>
    public void BlockConversation(string conversationId)
    {
        lock (gate)
        {
            blockedConversations.Add(conversationId);
        }
    }

    /// <summary>The person uninstalled the bot: 403 for anything sent to them, wherever.</summary>
    public void BlockUser(string userId)
    {
        lock (gate)
        {
            blockedUsers.Add(userId);
        }
    }

    /// <summary>The conversation does not exist (any more): 404.</summary>
    public void RemoveConversation(string conversationId)
    {
        lock (gate)
        {
            goneConversations.Add(conversationId);
        }
    }

    /// <summary>The next <paramref name="count"/> requests to the conversation get <paramref name="status"/> (429, 500, 503...).</summary>
    public void FailNext(string conversationId, int count, int status, int? retryAfterSeconds = null)
    {
        lock (gate)
        {
            if (!scriptedPerConversation.TryGetValue(conversationId, out var script))
            {
                scriptedPerConversation[conversationId] = script = new();
            }

            for (var i = 0; i < count; i++)
            {
                script.Enqueue(new TeamsAnswer(status, retryAfterSeconds));
            }
        }
    }

    /// <summary>The most requests the tenant had in any one (sliding) second.</summary>
    public int PeakPerSecond(string tenantId)
    {
        lock (gate)
        {
            return peakPerTenant.GetValueOrDefault(tenantId);
        }
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string conversationId)
    {
        var now = clock.GetTimestamp();
        JObject activity;
        using (var reader = new StreamReader(context.Request.Body))
        {
            activity = JObject.Parse(await reader.ReadToEndAsync());
        }

        var tenant = TenantOf(activity);
        var recipient = activity.SelectToken("recipient.id")?.Value<string>();
        TeamsAnswer answer;
        lock (gate)
        {
            var withinLimits = Count(lastSecondPerTenant, tenant, now, RequestsPerSecondPerTenant, out var tenantCount)
                & Count(lastSecondPerConversation, conversationId, now, MessagesPerSecondPerConversation, out _);
            peakPerTenant[tenant] = Math.Max(peakPerTenant.GetValueOrDefault(tenant), tenantCount);
            answer = (withinLimits || !keepLimits) switch
            {
                false => new TeamsAnswer(StatusCodes.Status429TooManyRequests, RetryAfterSeconds: 1),
                _ when goneConversations.Contains(conversationId) => new TeamsAnswer(StatusCodes.Status404NotFound),
                _ when blockedConversations.Contains(conversationId) || (recipient is not null && blockedUsers.Contains(recipient)) => new TeamsAnswer(StatusCodes.Status403Forbidden),
                _ when scriptedPerConversation.TryGetValue(conversationId, out var script) && script.TryDequeue(out var scripted) => scripted,
                _ => new TeamsAnswer(StatusCodes.Status200OK),
            };
            if (!withinLimits && keepLimits)
            {
                limitBreaks++;
            }

            var arrivedAt = clock.GetElapsedTime(started, now);
            requests.Add(new ConnectorRequest(conversationId, tenant, arrivedAt, answer.Status));
            if (answer.Status == StatusCodes.Status200OK)
            {
                accepted.Add(new DeliveredActivity(conversationId, tenant, arrivedAt, activity));
            }
        }

        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return answer.Status switch
        {
            StatusCodes.Status200OK => Results.Json(new { id = Guid.NewGuid().ToString("N") }),
            StatusCodes.Status403Forbidden => Error(answer.Status, "ConversationBlockedByUser", "User blocked the conversation with the bot."),
            StatusCodes.Status404NotFound => Error(answer.Status, "ConversationNotFound", "Conversation not found."),
            StatusCodes.Status429TooManyRequests => Error(answer.Status, "Throttled", "Too many requests."),
            _ => Error(answer.Status, "ServiceError", "Scripted failure."),
        };
    }

    // Counts the request in the key's last second; false when the second was already full.
    private bool Count(Dictionary<string, Queue<long>> lastSecond, string key, long now, int limit, out int countInSecond)
    {
        if (!lastSecond.TryGetValue(key, out var arrivals))
        {
            lastSecond[key] = arrivals = new();
        }

        while (arrivals.Count > 0 && clock.GetElapsedTime(arrivals.Peek(), now) >= Second)
        {
            arrivals.Dequeue();
        }

        var withinLimit = arrivals.Count < limit;
        arrivals.Enqueue(now);
        countInSecond = arrivals.Count;
        return withinLimit;
    }

    private static string TenantOf(JObject activity) =>
        activity.SelectToken("conversation.tenantId")?.Value<string>()
        ?? activity.SelectToken("channelData.tenant.id")?.Value<string>()
        ?? "";

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

/// <summary>An activity the stand-in took: into which conversation, in which tenant, when (since it started).</summary>
public sealed record DeliveredActivity(string ConversationId, string TenantId, TimeSpan ArrivedAt, JObject Activity)
{
    public string? Text => Activity.Value<string>("text");

    /// <summary>The content type of each attachment (an Adaptive Card's is application/vnd.microsoft.card.adaptive).</summary>
    public IReadOnlyList<string> AttachmentTypes => Activity["attachments"]?.Select(a => a.Value<string>("contentType") ?? "").ToList() ?? [];
}

/// <summary>One request the stand-in answered, with its status.</summary>
public sealed record ConnectorRequest(string ConversationId, string TenantId, TimeSpan ArrivedAt, int Status);

/// <summary>What the stand-in answers one request: a status, with a Retry-After in seconds or none.</summary>
public sealed record TeamsAnswer(int Status, int? RetryAfterSeconds = null);
