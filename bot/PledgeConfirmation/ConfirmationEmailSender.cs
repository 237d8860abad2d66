using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using PledgeBot.Storage;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// Sends the queued confirmation emails: woken when a pledge queues one, and otherwise looks at
/// the queue at least once a minute (another instance sharing the database may have queued one,
/// or a retry may be due). A failure is tried again later with exponential backoff, up to
/// <see cref="EmailOptions.MaxAttempts"/>; everything lives in the database, so a restart picks
/// up where the last run stopped. Logs say what happened and the exception's type, never a
/// name, an address or a token.
/// </summary>
public sealed class ConfirmationEmailSender(
    IConfirmationEmailQueue queue,
    ConfirmationEmailSignal signal,
    IMailTransport transport,
    ConfirmationEmailMessages messages,
    ConfirmationTokens tokens,
    IOptions<EmailOptions> emailOptions,
    IOptions<PledgeConfirmationOptions> pledgeOptions,
    TimeProvider clock,
    ILogger<ConfirmationEmailSender> logger) : BackgroundService
{
    public static readonly TimeSpan LookInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);
    private const int Batch = 20;

    /// <summary>The wait after the given failed attempt: 30 s, 1 min, 2 min, ... at most an hour.</summary>
    public static TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failedAttempts - 1, 20)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = LookInterval;
            try
            {
                await SendDueAsync(stoppingToken);
                if (await queue.NextDueAtAsync(stoppingToken) is { } next)
                {
                    wait = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow()).Ticks, 0, LookInterval.Ticks));
                }
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                // The database itself failed (a locked or missing file); look again later.
                logger.LogWarning("Confirmation emails could not be read from the queue: {ErrorType}", problem.GetType().Name);
            }

            if (wait > TimeSpan.Zero)
            {
                await signal.WaitAsync(wait, clock, stoppingToken);
            }
        }
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DueConfirmationEmail> due;
        do
        {
            due = await queue.ClaimDueAsync(clock.GetUtcNow(), Batch, cancellationToken);
            foreach (var email in due)
            {
                await SendAsync(email, cancellationToken);
            }
        }
        while (due.Count == Batch);
    }

    private async Task SendAsync(DueConfirmationEmail email, CancellationToken cancellationToken)
    {
        var attempt = email.Attempts + 1;
        try
        {
            var now = clock.GetUtcNow();
            var expiresAt = now.AddDays(pledgeOptions.Value.ConfirmationLinkDays);
            await transport.SendAsync(messages.Create(email, tokens.Create(email.TokenId, expiresAt)), cancellationToken);
            await queue.MarkSentAsync(email.TokenId, clock.GetUtcNow(), expiresAt, cancellationToken);
            logger.LogInformation("Confirmation email sent (attempt {Attempt})", attempt);
        }
        catch (Exception problem) when (problem is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var giveUp = attempt >= emailOptions.Value.MaxAttempts || IsPermanent(problem);
            DateTimeOffset? next = giveUp ? null : now + RetryDelay(attempt);
            await queue.MarkFailedAsync(email.TokenId, problem.GetType().Name, now, next, cancellationToken);
            if (giveUp)
            {
                logger.LogWarning("Confirmation email given up after attempt {Attempt}: {ErrorType}", attempt, problem.GetType().Name);
            }
            else
            {
                logger.LogInformation("Confirmation email not sent (attempt {Attempt}), trying again later: {ErrorType}", attempt, problem.GetType().Name);
            }
        }
    }

    /// <summary>An address MimeKit cannot write, or a server's 5xx for it: trying again would only be refused again (follow-up emails too).</summary>
    public static bool IsPermanent(Exception problem) =>
        problem is ParseException || problem is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } smtp && (int)smtp.StatusCode >= 500;
}
