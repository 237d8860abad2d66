using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace PledgeBot.PledgeConfirmation;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, "Name &lt;address&gt;" or an address. Required with an SMTP host; otherwise the campaign's title at no-reply@localhost.</summary>
    public string? From { get; set; }

    /// <summary>Attempts per email before it is given up (the first one included).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 10;

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender of every email the campaign writes: <see cref="From"/>, else the campaign's title at no-reply@localhost.</summary>
    public MailboxAddress Sender(string campaignTitle) =>
        string.IsNullOrWhiteSpace(From) ? new MailboxAddress(campaignTitle, "no-reply@localhost") : MailboxAddress.Parse(From);
}

/// <summary>The mail server. Without a host, emails are written as .eml files into the data folder's outbox instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}

public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS; a server that cannot is refused (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same machine or a test server.</summary>
    None,
}
