using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.PledgeConfirmation;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// The email route of follow-ups: one email to the address of the person's pledge, through the
/// same transport as the confirmation emails (SMTP, or .eml files in the outbox). A failure is
/// classified as the confirmation sender does: permanent (an address that cannot be written, a
/// mail server's 5xx for it) fails with the exception's type as its reason, anything else is
/// tried again later with the same backoff, up to <see cref="EmailOptions.MaxAttempts"/>. Logs
/// say what happened and the exception's type, never a name, an address or a token.
/// </summary>
public sealed class EmailFollowUpDelivery(
    IMailTransport transport,
    FollowUpEmailMessages messages,
    IOptions<PledgeConfirmationOptions> pledgeOptions,
    IOptions<EmailOptions> emailOptions,
    TimeProvider clock,
    ILogger<EmailFollowUpDelivery> logger) : IFollowUpDelivery
{
    public FollowUpRoute Route => FollowUpRoute.Email;

    public async Task<FollowUpOutcome> DeliverAsync(DueFollowUp recipient, FollowUpMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(recipient.Email))
        {
            // Erased since, or its encryption key is gone: nothing will make it readable again.
            return new FollowUpOutcome(FollowUpDeliveryStatus.Failed, "no readable address");
        }

        if (pledgeOptions.Value.DoubleOptIn && !recipient.EmailConfirmed)
        {
            // Anyone can type anyone's address into a pledge: under double opt-in only an address
            // its owner confirmed is written to again.
            return new FollowUpOutcome(FollowUpDeliveryStatus.Skipped, "address not confirmed");
        }

        var attempt = recipient.Attempts + 1;
        try
        {
            await transport.SendAsync(messages.Create(recipient, recipient.Email, message), cancellationToken);
            logger.LogInformation("Follow-up email sent (attempt {Attempt})", attempt);
            return FollowUpOutcome.Sent;
        }
        catch (Exception problem) when (problem is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = problem.GetType().Name;
            if (attempt >= emailOptions.Value.MaxAttempts || ConfirmationEmailSender.IsPermanent(problem))
            {
                logger.LogWarning("Follow-up email given up after attempt {Attempt}: {ErrorType}", attempt, reason);
                return new FollowUpOutcome(FollowUpDeliveryStatus.Failed, reason);
            }

            logger.LogInformation("Follow-up email not sent (attempt {Attempt}), trying again later: {ErrorType}", attempt, reason);
            return new FollowUpOutcome(FollowUpDeliveryStatus.Pending, reason, clock.GetUtcNow() + ConfirmationEmailSender.RetryDelay(attempt));
        }
    }
}
