using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// Writes the confirmation email: plain text with an HTML alternative, saying which pledge it is
/// for, the link, how long it works and what happens if it is ignored, signed by the campaign.
/// </summary>
public sealed class ConfirmationEmailMessages(
    CurrentCampaign campaign,
    CardSettings settings,
    IOptions<EmailOptions> emailOptions,
    IOptions<PledgeConfirmationOptions> pledgeOptions,
    TimeProvider clock)
{
    public const string LinkPath = "confirm";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public Uri LinkFor(string token) => new(settings.PublicBaseUrl, $"{LinkPath}?token={token}");

    public MimeMessage Create(DueConfirmationEmail email, string token)
    {
        var content = campaign.Content;
        var from = Sender();
        var pledgeTitle = content.FindCauseByPledge(email.PledgeId)?.Pledge?.Title ?? content.Title;
        var link = LinkFor(token).AbsoluteUri;
        var chat = settings.PublicBaseUrl.AbsoluteUri;
        var days = pledgeOptions.Value.ConfirmationLinkDays;
        var lifetime = days == 1 ? "1 day" : $"{days} days";

        var message = new MimeMessage
        {
            Subject = $"Please confirm your {pledgeTitle} pledge",
            Date = clock.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "localhost"),
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(email.FirstName, email.Email));

        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Hello {email.FirstName},

            Thank you for taking the {pledgeTitle} pledge with {content.Title}.

            Please confirm that this is your email address by opening this link:

            {link}

            The link works once, for {lifetime}. If you ignore this email, your pledge still counts but stays unconfirmed, and we will not ask again unless you take the pledge again. If you did not take this pledge, you can ignore this email.

            To see or erase what we store about you, type "my data" or "forget me" in the chat: {chat}

            {content.Title}
            """);
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{Html.Encode(message.Subject)}</title></head>
            <body>
            <p>Hello {Html.Encode(email.FirstName)},</p>
            <p>Thank you for taking the <strong>{Html.Encode(pledgeTitle)}</strong> pledge with {Html.Encode(content.Title)}.</p>
            <p>Please confirm that this is your email address:</p>
            <p><a href="{Html.Encode(link)}">Confirm my pledge</a></p>
            <p>Or copy this link into your browser: {Html.Encode(link)}</p>
            <p>The link works once, for {lifetime}. If you ignore this email, your pledge still counts but stays unconfirmed, and we will not ask again unless you take the pledge again. If you did not take this pledge, you can ignore this email.</p>
            <p>To see or erase what we store about you, type <em>my data</em> or <em>forget me</em> in <a href="{Html.Encode(chat)}">the chat</a>.</p>
            <p>{Html.Encode(content.Title)}</p>
            </body>
            </html>
            """);
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    private MailboxAddress Sender() =>
        string.IsNullOrWhiteSpace(emailOptions.Value.From)
            ? new MailboxAddress(campaign.Content.Title, "no-reply@localhost")
            : MailboxAddress.Parse(emailOptions.Value.From);
}
