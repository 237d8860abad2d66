using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// Supporters pledge through the host (a referred one in the web chat, one who confirms their
/// email, one who says stop, one whose name is a formula), then an admin downloads the exports.
/// </summary>
public sealed class PledgeExportSite : IAsyncLifetime
{
    private readonly TempFolder data = new();

    public BotApplication App { get; private set; } = null!;

    public CampaignContent Content => App.Services.GetRequiredService<CurrentCampaign>().Content;

    public string ReferralCode { get; private set; } = "";

    public const string Anna = "Anna \"Nan\", Jr";
    public const string Zoe = "Zoë 山田";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"Click\")";

    public async Task InitializeAsync()
    {
        App = new BotApplication(data.Path, AdminRequests.Settings());
        var content = Content;

        var sharer = new ChannelActivities("sharer", "sharers-chat", "directline");
        var story = (await App.ExpectRepliesAsync(sharer.Message("stories"))).Last().AsCard();
        var share = (await App.ExpectRepliesAsync(sharer.Click((JObject)story.Button("Share")["data"]!))).First().AsCard();
        var link = new Uri(share.Descendants().OfType<JObject>().Single(e => e.Value<string>("id") == "shareLink").Value<string>("value")!);
        ReferralCode = System.Web.HttpUtility.ParseQueryString(link.Query)["r"]!;

        var anna = new ChannelActivities("anna", "annas-chat");
        await App.VoteAsync(anna, content.Causes[1].Id);
        await App.PledgeAsync(anna, Anna, "anna@example.org");
        var annasEmail = (await ConfirmationEmails.InOutboxAsync(data.Path)).Single();
        Assert.Equal(HttpStatusCode.OK, (await App.CreateClient().GetAsync(ConfirmationEmails.Link(annasEmail).PathAndQuery)).StatusCode);

        var zoe = new ChannelActivities("zoe", "zoes-chat", "directline");
        var join = zoe.Message("");
        join["type"] = "event";
        join["name"] = "webchat/join";
        join["value"] = new JObject { ["cause"] = content.Causes[2].Id, ["referral"] = ReferralCode };
        await App.ExpectRepliesAsync(join);
        await App.VoteAsync(zoe, content.Causes[2].Id);
        await App.PledgeAsync(zoe, Zoe, "zoe@bücher.example");

        await App.PledgeAsync(new ChannelActivities("mallory", "mallorys-chat"), Formula, "=cmd@example.org");
        await App.PledgeAsync(new ChannelActivities("plus", "plus-chat"), "+Plus", "-minus@example.org");

        var carl = new ChannelActivities("carl", "carls-chat");
        await App.PledgeAsync(carl, "Carl", "carl@example.org");
        await App.ExpectRepliesAsync(carl.Message("stop"));
    }

    public async Task<ExportedCsv> ExportAsync(string format)
    {
        var response = await App.CreateAdminClient().GetAsync($"/admin/export/pledges.csv?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ExportedCsv.ReadAsync(response);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        data.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PledgeExportTests(PledgeExportSite site) : IClassFixture<PledgeExportSite>
{
    [Fact]
    public async Task TheGenericExportListsEveryPledgeWithItsConsentVoteReferralAndContactWithdrawal()
    {
        var csv = await site.ExportAsync("generic");

        Assert.Equal(
            ["first_name", "email", "pledge", "voted_for", "consented_at", "consent_statement_version", "confirmed", "confirmed_at",
             "channel", "referral_code", "language", "may_contact", "contact_withdrawn_at", "consent_language"],
            csv.Headers);
        Assert.True(csv.StartsWithByteOrderMark);
        Assert.Equal(5, csv.Rows.Count);
        var pledge = site.Content.CausesWithPledges.Single().Pledge!.Id;

        var anna = csv.RowWhere("email", "anna@example.org");
        Assert.Equal((PledgeExportSite.Anna, pledge, site.Content.Causes[1].Id, "1", "yes", "emulator", "", "en-GB", "yes", "", "en"),
            (anna["first_name"], anna["pledge"], anna["voted_for"], anna["consent_statement_version"], anna["confirmed"],
             anna["channel"], anna["referral_code"], anna["language"], anna["may_contact"], anna["contact_withdrawn_at"], anna["consent_language"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", anna["consented_at"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", anna["confirmed_at"]);

        var zoe = csv.RowWhere("email", "zoe@bücher.example");
        Assert.Equal((site.Content.Causes[2].Id, site.ReferralCode, "directline", "no", ""),
            (zoe["voted_for"], zoe["referral_code"], zoe["channel"], zoe["confirmed"], zoe["confirmed_at"]));

        var carl = csv.RowWhere("email", "carl@example.org");
        Assert.Equal(("", "no"), (carl["voted_for"], carl["may_contact"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", carl["contact_withdrawn_at"]);
    }

    [Theory]
    [InlineData("actionnetwork", "email,first_name,pledge,voted_for,consented_at,consent_statement_version,email_confirmed,email_confirmed_at,channel,referral_code,language,consent_language")]
    [InlineData("mailchimp", "Email Address,First Name,Tags,Pledge,Voted For,Consent Time,Consent Statement Version,Email Confirmed,Email Confirmed Time,Channel,Referral Code,Language,Consent Language")]
    [InlineData("npsp", "Contact1 First Name,Contact1 Last Name,Contact1 Personal Email,Contact1 Preferred Email,Pledge,Voted For,Consent Date,Consent Statement Version,Email Confirmed,Email Confirmed Date,Channel,Referral Code,Language,Consent Language")]
    public async Task EachToolsFormatHasItsImportsColumnsNoByteOrderMarkAndLeavesOutWhoSaidStop(string format, string header)
    {
        var csv = await site.ExportAsync(format);

        Assert.False(csv.StartsWithByteOrderMark);
        Assert.StartsWith(header + "\r\n", csv.Text, StringComparison.Ordinal);
        Assert.Equal(4, csv.Rows.Count);
        Assert.DoesNotContain("carl@example.org", csv.Text);
        Assert.Contains("anna@example.org", csv.Text);
    }

    [Fact]
    public async Task MailchimpGetsThePledgeAndTheCauseVotedForAsTags()
    {
        var csv = await site.ExportAsync("mailchimp");
        var pledge = site.Content.CausesWithPledges.Single().Pledge!.Id;

        Assert.Equal($"pledge-{pledge},voted-{site.Content.Causes[1].Id}", csv.RowWhere("Email Address", "anna@example.org")["Tags"]);
        Assert.Equal($"pledge-{pledge}", csv.RowWhere("First Name", "'+Plus")["Tags"]);
    }

    [Fact]
    public async Task NpspGetsAnEmptyLastNameAndThePersonalEmailAsPreferred()
    {
        var row = (await site.ExportAsync("npsp")).RowWhere("Contact1 Personal Email", "anna@example.org");

        Assert.Equal((PledgeExportSite.Anna, "", "Personal"), (row["Contact1 First Name"], row["Contact1 Last Name"], row["Contact1 Preferred Email"]));
    }

    [Fact]
    public async Task CommasQuotesAndOtherScriptsStayInTheirFieldInUtf8()
    {
        var csv = await site.ExportAsync("generic");

        Assert.Contains("\r\n\"Anna \"\"Nan\"\", Jr\",anna@example.org,", csv.Text, StringComparison.Ordinal);
        Assert.True(csv.Bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Zoë 山田,zoe@bücher.example,")) >= 0, "The name and address are not in UTF-8.");
        Assert.Equal(PledgeExportSite.Zoe, csv.RowWhere("email", "zoe@bücher.example")["first_name"]);
    }

    [Fact]
    public async Task ValuesASpreadsheetWouldRunAsFormulasStartWithAnApostrophe()
    {
        var csv = await site.ExportAsync("generic");

        var mallory = csv.RowWhere("email", "'=cmd@example.org");
        Assert.Equal("'" + PledgeExportSite.Formula, mallory["first_name"]);
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",", csv.Text, StringComparison.Ordinal);
        var plus = csv.RowWhere("email", "'-minus@example.org");
        Assert.Equal("'+Plus", plus["first_name"]);
        Assert.DoesNotContain(csv.Rows.SelectMany(row => row.Values), value => value.Length > 0 && "=+-@\t\r".Contains(value[0]));
    }

    [Fact]
    public async Task TheDownloadIsAnUncachedAttachmentAndIsAudited()
    {
        var response = await site.App.CreateAdminClient().GetAsync("/admin/export/pledges.csv?format=mailchimp");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches($@"^{site.Content.Id}-pledges-mailchimp-\d{{4}}-\d\d-\d\d\.csv$", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.True(response.Headers.CacheControl!.NoStore);
        var audit = await site.App.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(100);
        Assert.Contains(new AdminAuditEntry(audit[0].At, "admin key", "exported pledges.csv (format mailchimp)"), audit);
    }

    [Fact]
    public async Task WithoutAFormatTheExportIsGeneric()
    {
        var response = await site.App.CreateAdminClient().GetAsync("/admin/export/pledges.csv");

        Assert.Equal("first_name", (await ExportedCsv.ReadAsync(response)).Headers[0]);
    }

    [Theory]
    [InlineData("excel")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    public async Task AnUnknownFormatGetsAProblemListingTheFormatsWithoutRepeatingIt(string format)
    {
        var response = await site.App.CreateAdminClient().GetAsync($"/admin/export/pledges.csv?format={Uri.EscapeDataString(format)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["generic", "actionnetwork", "mailchimp", "npsp"], problem["formats"]!.Values<string>());
        Assert.DoesNotContain("script", problem.ToString());
    }

    [Theory]
    [InlineData("/admin/export/pledges.csv")]
    [InlineData("/admin/export/votes.csv")]
    public async Task WithoutTheAdminKeyNothingIsExported(string path)
    {
        var client = site.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }
}
