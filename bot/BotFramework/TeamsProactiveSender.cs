using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Polly.Timeout;

namespace PledgeBot.BotFramework;

/// <summary>
/// Sends one message on the bot's own initiative (a follow-up) into a conversation it was given
/// earlier, and says what became of it. It goes through the bot's adapter, so through the same
/// connector client, pace (per conversation and per Teams tenant) and retries as every reply.
/// </summary>
/// <remarks>
/// Outside a turn nothing from the channel vouches for the address: the conversation reference's
/// serviceUrl must come from a turn the host accepted (with an app id the channel's signed token,
/// without one only loopback and Channels:TrustedServiceUrls, see <see cref="TrustedServiceUrlFilter"/>).
/// Without an app id the bot calls the connector without a token, as its replies do.
/// </remarks>
public sealed class TeamsProactiveSender(AdapterWithErrorHandler adapter, IConfiguration configuration, TimeProvider clock, ILogger<TeamsProactiveSender> logger)
{
    private readonly string botAppId = configuration["MicrosoftAppId"] ?? string.Empty;

    /// <summary>
    /// Sends <paramref name="message"/> (a copy of it: the SDK fills in the conversation's
    /// addresses, so one message can go to many people at once) into the referenced conversation.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> was cancelled; every answer of the channel is an outcome.</exception>
    public async Task<ProactiveSendOutcome> SendAsync(ConversationReference conversation, IActivity message, CancellationToken cancellationToken = default)
    {
        var copy = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(message))!;
        ProactiveSendOutcome? outcome = null;
        ExceptionDispatchInfo? unexpected = null;
        await adapter.ContinueConversationAsync(
            botAppId,
            conversation,
            async (turn, turnCancellation) =>
            {
                // Caught here, not left to the turn-error handler, which would post an apology.
                try
                {
                    await turn.SendActivityAsync(copy, turnCancellation);
                    outcome = ProactiveSendOutcome.Sent;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    outcome = Classify(e);
                    if (outcome is null)
                    {
                        unexpected = ExceptionDispatchInfo.Capture(e);
                    }
                }
                catch (Exception e)
                {
                    unexpected = ExceptionDispatchInfo.Capture(e);
                }
            },
            cancellationToken);
        unexpected?.Throw();

        // The adapter's middleware ended the turn before the message (a tenant the campaign does not serve).
        outcome ??= new ProactiveSendOutcome(ProactiveSendResult.Failed, "not sent: the turn was stopped before the message");
        Log(outcome);
        return outcome;
    }

    private ProactiveSendOutcome? Classify(Exception problem) => problem switch
    {
        ErrorResponseException { Response: { } response } => FromStatus(response.StatusCode, RetryAfterOf(response.Headers)),
        Microsoft.Rest.HttpOperationException { Response: { } response } => FromStatus(response.StatusCode, RetryAfterOf(response.Headers)),
        // The pace's own queue was full (a 429 of ours), or the channel could not be reached.
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => new(ProactiveSendResult.RetryLater, "too many waiting"),
        HttpRequestException e => new(ProactiveSendResult.RetryLater, $"unreachable ({e.HttpRequestError})"),
        // Retries and queueing took longer than ChannelRetry.GiveUpAfter, or HttpClient's own timeout.
        TimeoutRejectedException or TaskCanceledException or TimeoutException => new(ProactiveSendResult.RetryLater, "timed out"),
        _ => null,
    };

    private static ProactiveSendOutcome FromStatus(HttpStatusCode status, TimeSpan? retryAfter)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        return (int)status switch
        {
            >= 200 and < 300 => ProactiveSendOutcome.Sent,
            403 or 404 => new(ProactiveSendResult.Blocked, $"HTTP {code}"),
            408 or 412 or 429 or >= 500 => new(ProactiveSendResult.RetryLater, $"HTTP {code}", retryAfter),
            _ => new(ProactiveSendResult.Failed, $"HTTP {code}"),
        };
    }

    private TimeSpan? RetryAfterOf(IDictionary<string, IEnumerable<string>>? headers)
    {
        var value = headers?.FirstOrDefault(h => h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (value is null || !RetryConditionHeaderValue.TryParse(value, out var retryAfter))
        {
            return null;
        }

        return retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }

    // The result and its fixed reason only: no conversation, person or tenant.
    private void Log(ProactiveSendOutcome outcome)
    {
        var level = outcome.Result switch
        {
            ProactiveSendResult.Sent => LogLevel.Debug,
            ProactiveSendResult.Failed => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        logger.Log(level, "Proactive message: {Result} ({Reason})", outcome.Result, outcome.Reason);
    }
}
