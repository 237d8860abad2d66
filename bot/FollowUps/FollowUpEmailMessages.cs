using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Pages;
using PledgeBot.PledgeConfirmation;
using PledgeBot.SharePage;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// Writes a follow-up as an email: plain text with an HTML alternative, in the language of the
/// update's words (<see cref="FollowUpEmailWords"/> for ours), greeting the person by first name
/// as the confirmation email does, and ending with why it came and a one-click unsubscribe link,
/// which the headers carry too (RFC 2369 and RFC 8058) so that mail clients can offer it.
/// </summary>
public sealed class FollowUpEmailMessages(
    CurrentCampaign campaign,
    CardSettings settings,
    UnsubscribeTokens tokens,
    IOptions<EmailOptions> emailOptions,
    TimeProvider clock)
{
    public const string UnsubscribePath = "unsubscribe";

    /// <summary>The one field of the form a mail client posts (RFC 8058), which the page's button posts too.</summary>
    public const string OneClickField = "List-Unsubscribe";

    public const string OneClickValue = "One-Click";

    /// <summary>The value RFC 8058 puts in List-Unsubscribe-Post, and the body a mail client posts.</summary>
    public const string OneClick = OneClickField + "=" + OneClickValue;

    /// <summary>The email of <paramref name="message"/> for <paramref name="recipient"/>, whose address is <paramref name="email"/>.</summary>
    public MimeMessage Create(DueFollowUp recipient, string email, FollowUpMessage message)
    {
        // The sender serves no supporter's turn: the update's language is set for this one email, as
        // a page sets its reader's, so that our words and the campaign's title are in it too.
        var language = campaign.Running.Content.In(CampaignLanguages.Match(message.Language)).Language;
        return SupporterLanguage.During(CultureInfo.GetCultureInfo(language), () => Write(recipient, email, message));
    }

    /// <summary>The unsubscribe link of a person: the page in their language, whose button (or a mail client) posts to the same address.</summary>
    public Uri UnsubscribeLink(string campaignId, string personKey, CampaignContent content) =>
        new(settings.PublicBaseUrl, PageLanguage.InLanguage($"{UnsubscribePath}?token={tokens.Create(campaignId, personKey)}", content));

    private MimeMessage Write(DueFollowUp recipient, string email, FollowUpMessage message)
    {
        var content = campaign.Content;
        var from = emailOptions.Value.Sender(content.Title);
        var unsubscribe = UnsubscribeLink(recipient.CampaignId, recipient.PersonKey, content).AbsoluteUri;
        var greeting = string.IsNullOrWhiteSpace(recipient.FirstName)
            ? FollowUpEmailWords.HelloWithoutName
            : PageText.Format(FollowUpEmailWords.Hello, recipient.FirstName);
        var why = PageText.Format(FollowUpEmailWords.WhyYouGetThis, content.Title);

        var mail = new MimeMessage
        {
            Subject = message.Title,
            Date = clock.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "localhost"),
        };
        mail.From.Add(from);
        mail.To.Add(new MailboxAddress(recipient.FirstName, email));
        // RFC 2369 and RFC 8058: the mail client's own "unsubscribe" posts to the link, no page to open.
        mail.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        mail.Headers.Add("List-Unsubscribe-Post", OneClick);

        var text = string.Join("\n\n", new[] { greeting }
            .Concat(message.Paragraphs)
            .Concat(message.Link is { } link ? [$"{link.Title}: {link.Url.AbsoluteUri}"] : [])
            .Concat(["--", why, PageText.Format(FollowUpEmailWords.NoMoreUpdatesText, unsubscribe), content.Title])) + "\n";
        var html = $"""
            <!DOCTYPE html>
            <html {PageLanguage.HtmlAttributes(content)}>
            <head><meta charset="utf-8"><title>{Encode(message.Title)}</title></head>
            <body>
            <p>{Encode(greeting)}</p>
            {string.Join("\n", message.Paragraphs.Select(p => $"<p>{Encode(p)}</p>"))}
            {(message.Link is { } more ? $"<p><a href=\"{Encode(more.Url.AbsoluteUri)}\">{Encode(more.Title)}</a></p>" : "")}
            <hr>
            <p>{Encode(why)}</p>
            <p>{PageText.FormatHtml(FollowUpEmailWords.NoMoreUpdatesHtml, $"<a href=\"{Encode(unsubscribe)}\">{Encode(FollowUpEmailWords.UnsubscribeLink)}</a>")}</p>
            <p>{Encode(content.Title)}</p>
            </body>
            </html>
            """;
        mail.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        // RFC 3282: the language of the body, for mail clients that offer to translate or read aloud.
        mail.Body.Headers.Add(HeaderId.ContentLanguage, content.Language);
        return mail;
    }

    private static string Encode(string text) => MessagePage.Html.Encode(text);
}
