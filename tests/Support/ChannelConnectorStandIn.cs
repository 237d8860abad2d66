using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A local stand-in for a channel's Bot Connector (what Teams' serviceUrl points at). It answers
/// posts to <c>/v3/conversations/{id}/activities[/{replyToId}]</c>: the first ones as the test
/// scripts (a 429 with Retry-After, a 503, a 400), every later one 200 with the new activity's id;
/// and it records every attempt, with the moment it arrived.
/// </summary>
public sealed class ChannelConnectorStandIn : IAsyncDisposable
{
    private readonly Queue<ScriptedAnswer> script;
    private readonly List<PostAttempt> attempts = [];
    private readonly TimeProvider clock;
    private readonly long started;
    private LocalServer server = null!;

    private ChannelConnectorStandIn(IEnumerable<ScriptedAnswer> firstAnswers, TimeProvider clock)
    {
        script = new(firstAnswers);
        this.clock = clock;
        started = clock.GetTimestamp();
    }

    /// <summary>The address to give the bot as the activity's or conversation reference's serviceUrl.</summary>
    public string ServiceUrl => server.BaseAddress;

    /// <summary>Every post so far, in the order they arrived.</summary>
    public IReadOnlyList<PostAttempt> Attempts
    {
        get
        {
            lock (attempts)
            {
                return attempts.ToList();
            }
        }
    }

    public IReadOnlyList<PostAttempt> Accepted => Attempts.Where(a => a.Status == StatusCodes.Status200OK).ToList();

    /// <param name="firstAnswers">What the first posts get, in order, across all conversations; the rest get 200.</param>
    public static Task<ChannelConnectorStandIn> StartAsync(params ScriptedAnswer[] firstAnswers) => StartAsync(TimeProvider.System, firstAnswers);

    /// <param name="clock">Stamps each attempt's arrival: the bot's own (fake) clock, to see the waits as the bot measured them.</param>
    public static async Task<ChannelConnectorStandIn> StartAsync(TimeProvider clock, params ScriptedAnswer[] firstAnswers)
    {
        var standIn = new ChannelConnectorStandIn(firstAnswers, clock);
        standIn.server = await LocalServer.StartAsync(app =>
        {
            // Outside a turn the SDK posts to .../activities, inside one to .../activities/{replyToId}.
            app.MapPost("/v3/conversations/{conversationId}/activities", standIn.AnswerAsync);
            app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", standIn.AnswerAsync);
        });
        return standIn;
    }

    private async Task<IResult> AnswerAsync(HttpContext context, string conversationId)
    {
        var arrivedAt = clock.GetElapsedTime(started);
        using var reader = new StreamReader(context.Request.Body);
        var activity = JObject.Parse(await reader.ReadToEndAsync());
        ScriptedAnswer answer;
        lock (attempts)
        {
            answer = script.TryDequeue(out var next) ? next : new ScriptedAnswer(StatusCodes.Status200OK);
            attempts.Add(new PostAttempt(conversationId, context.Request.RouteValues["replyToId"] as string, arrivedAt, answer.Status, activity));
        }

        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return answer.Status == StatusCodes.Status200OK
            ? Results.Json(new { id = Guid.NewGuid().ToString("N") })
            : Results.Json(new { error = new { code = "StandIn", message = "Scripted answer" } }, statusCode: answer.Status);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}

/// <summary>A scripted answer of the stand-in connector, with an optional Retry-After in seconds.</summary>
public sealed record ScriptedAnswer(int Status, int? RetryAfterSeconds = null);

/// <summary>One post the stand-in received: to which conversation (in reply to which activity), when (since the stand-in started), and what it answered.</summary>
public sealed record PostAttempt(string ConversationId, string? ReplyToId, TimeSpan ArrivedAt, int Status, JObject Activity)
{
    public string? Text => Activity.Value<string>("text");
}
