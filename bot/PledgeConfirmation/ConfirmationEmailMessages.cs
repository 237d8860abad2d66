using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using PledgeBot.Pages;
using PledgeBot.Storage;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// Writes the confirmation email: plain text with an HTML alternative, saying which pledge it is
/// for, the link, how long it works and what happens if it is ignored, signed by the campaign, in
/// the language the person pledged in (<see cref="EmailWords"/> and the campaign's texts).
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

    /// <summary>
    /// The email for <paramref name="email"/>, in the language the person pledged in (their consent
    /// statement's) when the campaign still offers it, else in the campaign's default language; its
    /// link opens the confirmation page in that language too.
    /// </summary>
    public MimeMessage Create(DueConfirmationEmail email, string token)
    {
        // The sender serves no supporter's turn: the pledger's language is set for this one email, as
        // a page sets its reader's.
        var language = campaign.Running.Content.In(CampaignLanguages.Match(email.Language)).Language;
        return SupporterLanguage.During(CultureInfo.GetCultureInfo(language), () => Write(email, token));
    }

    private MimeMessage Write(DueConfirmationEmail email, string token)
    {
        var content = campaign.Content;
        var from = emailOptions.Value.Sender(content.Title);
        var pledgeTitle = content.FindCauseByPledge(email.PledgeId)?.Pledge?.Title ?? content.Title;
        var link = new Uri(settings.PublicBaseUrl, PageLanguage.InLanguage($"{LinkPath}?token={token}", content)).AbsoluteUri;
        var chat = new Uri(settings.PublicBaseUrl, PageLanguage.InLanguage("", content)).AbsoluteUri;
        var days = pledgeOptions.Value.ConfirmationLinkDays;
        var lifetime = PageText.Count(days, PageWords.DaysOne, PageWords.DaysOther);
        var (myData, forgetMe) = (TypedWords.First("TypedMyData"), TypedWords.First("TypedForgetMe"));

        var message = new MimeMessage
        {
            Subject = PageText.Format(EmailWords.Subject, pledgeTitle),
            Date = clock.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "localhost"),
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(email.FirstName, email.Email));

        var text = string.Join("\n\n",
            PageText.Format(EmailWords.Hello, email.FirstName),
            PageText.Format(EmailWords.ThankYou, pledgeTitle, content.Title),
            EmailWords.ConfirmByOpeningTheLink,
            link,
            PageText.Format(EmailWords.LinkWorksOnce, lifetime),
            PageText.Format(EmailWords.SeeOrEraseText, myData, forgetMe, chat),
            content.Title) + "\n";
        var html = $"""
            <!DOCTYPE html>
            <html {PageLanguage.HtmlAttributes(content)}>
            <head><meta charset="utf-8"><title>{Html.Encode(message.Subject)}</title></head>
            <body>
            <p>{Html.Encode(PageText.Format(EmailWords.Hello, email.FirstName))}</p>
            <p>{PageText.FormatHtml(EmailWords.ThankYou, $"<strong>{Html.Encode(pledgeTitle)}</strong>", Html.Encode(content.Title))}</p>
            <p>{Html.Encode(EmailWords.ConfirmYourAddress)}</p>
            <p><a href="{Html.Encode(link)}">{Html.Encode(EmailWords.ConfirmMyPledge)}</a></p>
            <p>{Html.Encode(PageText.Format(EmailWords.OrCopyTheLink, link))}</p>
            <p>{Html.Encode(PageText.Format(EmailWords.LinkWorksOnce, lifetime))}</p>
            <p>{PageText.FormatHtml(EmailWords.SeeOrEraseHtml, $"<em>{Html.Encode(myData)}</em>", $"<em>{Html.Encode(forgetMe)}</em>", $"<a href=\"{Html.Encode(chat)}\">{Html.Encode(EmailWords.TheChat)}</a>")}</p>
            <p>{Html.Encode(content.Title)}</p>
            </body>
            </html>
            """;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        // RFC 3282: the language of the body, for mail clients that offer to translate or read aloud.
        message.Body.Headers.Add(HeaderId.ContentLanguage, content.Language);
        return message;
    }
}
