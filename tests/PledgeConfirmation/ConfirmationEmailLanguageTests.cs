using System.Globalization;
using AngleSharp.Html.Parser;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.PledgeConfirmation;

/// <summary>
/// The confirmation email goes out in the language the person pledged in, through a real SMTP
/// server: its subject, words and campaign texts, the words to type in the chat, its HTML's
/// language and direction, and a link that opens the confirmation page in that language.
/// </summary>
public sealed class ConfirmationEmailLanguageTests : IAsyncDisposable
{
    private readonly TempFolder data = new();
    private readonly SmtpTestServer smtp = new();
    private BotApplication? app;

    [Fact]
    public async Task APledgeTakenInFrenchGetsItsEmailAndConfirmationPageInFrench()
    {
        var french = ShippedCampaign.Load().In(CultureInfo.GetCultureInfo("fr"));
        var pledgeTitle = french.CausesWithPledges.Single().Pledge!.Title;

        var email = await PledgeAndReceiveAsync("fr-CA", "Camille", "camille@example.org");

        Assert.Equal($"Merci de confirmer votre engagement {pledgeTitle}", email.Subject);
        Assert.Equal("fr", email.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.Contains("Bonjour Camille,", email.TextBody);
        Assert.Contains($"Merci d'avoir pris l'engagement {pledgeTitle} avec {french.Title}.", email.TextBody);
        Assert.Contains("Le lien ne fonctionne qu'une fois, pendant 7 jours.", email.TextBody);
        Assert.Contains("tapez « mes données » ou « oubliez-moi » dans le chat", email.TextBody);
        Assert.Contains(app!.ClientOptions.BaseAddress + "?lang=fr", email.TextBody);
        var html = new HtmlParser().ParseDocument(email.HtmlBody ?? "");
        Assert.Equal("fr", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", html.DocumentElement.GetAttribute("dir"));
        Assert.Equal("Confirmer mon engagement", html.QuerySelector("a")?.TextContent);

        var link = ConfirmationEmails.Link(email);
        Assert.EndsWith("&lang=fr", link.Query);
        Assert.Equal(link.AbsoluteUri, html.QuerySelector("a")?.GetAttribute("href"));
        using var http = app.CreateClient();
        var page = new HtmlParser().ParseDocument(await http.GetStringAsync(link));

        Assert.Equal("Votre engagement est confirmé", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task APledgeTakenInArabicGetsAnEmailWrittenRightToLeft()
    {
        var arabic = ShippedCampaign.Load().In(CultureInfo.GetCultureInfo("ar"));

        var email = await PledgeAndReceiveAsync("ar-EG", "Amal", "amal@example.org");

        Assert.Equal($"يرجى تأكيد تعهدك {arabic.CausesWithPledges.Single().Pledge!.Title}", email.Subject);
        Assert.Contains("مرحبًا Amal،", email.TextBody);
        // Seven, in the Arabic form of the campaign's numbers.
        Assert.Contains($"لمدة {7.ToString(CultureInfo.GetCultureInfo("ar"))}", email.TextBody);
        var html = new HtmlParser().ParseDocument(email.HtmlBody ?? "");
        Assert.Equal(("ar", "rtl"), (html.DocumentElement.GetAttribute("lang"), html.DocumentElement.GetAttribute("dir")));
        Assert.EndsWith("&lang=ar", ConfirmationEmails.Link(email).Query);
    }

    [Fact]
    public async Task APledgeInTheDefaultLanguageKeepsAPlainLink()
    {
        var email = await PledgeAndReceiveAsync("en-GB", "Ann", "ann@example.org");

        Assert.StartsWith("Please confirm your ", email.Subject);
        Assert.Equal("en", email.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        Assert.DoesNotContain("lang=", ConfirmationEmails.Link(email).Query);
        Assert.Contains("type “my data” or “forget me” in the chat", email.TextBody);
    }

    private async Task<MimeKit.MimeMessage> PledgeAndReceiveAsync(string locale, string firstName, string address)
    {
        smtp.Start();
        app = BotApplication.StartOnKestrel(data.Path, smtp.Settings());
        using var http = app.CreateClient();
        var person = new ChannelActivities(firstName.ToLowerInvariant(), $"{firstName}-chat");
        foreach (var said in new[] { "pledge", firstName, address, "yes", "yes" })
        {
            await ExpectReplies.PostAsync(http, person.Message(said).WithLocale(locale));
        }

        return await smtp.NextMessageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await smtp.DisposeAsync();
        data.Dispose();
    }
}
