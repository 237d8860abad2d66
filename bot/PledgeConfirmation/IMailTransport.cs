using MimeKit;

namespace PledgeBot.PledgeConfirmation;

/// <summary>Where confirmation emails go: a mail server, or a folder of .eml files when there is none.</summary>
public interface IMailTransport
{
    /// <summary>Hands the message over; throws when it was not accepted.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
