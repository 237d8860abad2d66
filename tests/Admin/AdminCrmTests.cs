using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// The CRM deliveries page (<c>/admin/crm</c>) and its JSON, through the host with a webhook CRM on
/// loopback: what an admin sees of a delivery the CRM refused, and the retry of dead letters.
/// </summary>
public sealed class AdminCrmTests : IAsyncLifetime
{
    private const string FirstName = "Annabel";
    private const string Email = "annabel.crm@example.org";

    private readonly TempFolder data = new();
    private WebhookReceiverStandIn receiver = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiverStandIn.StartAsync();
        receiver.Answer = 400;
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task ADeliveryTheCrmRefusedShowsAsDeadWithItsStatusAndNeitherThePersonNorTheSecrets()
    {
        using var app = await PledgeDeadLetteredAsync();
        var browser = await SignedInAsync(app);

        var json = await ReadJsonAsync(app);
        var page = await browser.ReadAsync("/admin/crm");
        var pageText = page.DocumentElement.OuterHtml;
        var jsonText = json.ToJsonString();

        var crm = Assert.Single(json["destinations"]!.AsArray())!;
        Assert.Equal(("webhook", "Signed webhooks"), ((string)crm["name"]!, (string)crm["label"]!));
        Assert.Equal((0, 0, 0, 0, 1), Counts(crm));
        Assert.Equal((400, "Bad Request"), ((int)crm["lastError"]!["status"]!, (string)crm["lastError"]!["reason"]!));
        Assert.InRange(DateTimeOffset.Parse((string)crm["lastError"]!["at"]!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        var row = page.QuerySelector("tr[data-crm='webhook']")!;
        Assert.Equal("Signed webhooks", row.QuerySelector("th")!.TextContent);
        Assert.Equal("1", row.QuerySelector("[data-count='dead']")!.TextContent);
        Assert.Equal("0", row.QuerySelector("[data-count='delivered']")!.TextContent);
        Assert.StartsWith("HTTP 400: Bad Request, ", row.QuerySelector("[data-last-error]")!.TextContent);
        Assert.Single(page.Forms, form => form.GetAttribute("action") == "/admin/crm/webhook/retry");
        foreach (var text in new[] { pageText, jsonText })
        {
            Assert.DoesNotContain(Email, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(FirstName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(receiver.Secret["whsec_".Length..], text);
            Assert.DoesNotContain(WebhookReceiverStandIn.SecretQuery, text);
            Assert.DoesNotContain("/hooks/", text);
        }
    }

    [Fact]
    public async Task AnAdminRetriesTheDeadLettersFromThePageAndTheCrmTakesThemThisTime()
    {
        using var app = await PledgeDeadLetteredAsync();
        var browser = await SignedInAsync(app);
        receiver.Answer = 200;

        var retry = await browser.SubmitAsync("/admin/crm", "/admin/crm/webhook/retry");
        var confirmation = await browser.ReadAsync(retry.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, retry.StatusCode);
        Assert.Equal(
            "Retried 1 dead-lettered delivery to Signed webhooks: they are being delivered again.",
            confirmation.QuerySelector("[role=status]")!.TextContent);
        await Eventually.TrueAsync(async () => Counts(await WebhookAsync(browser)) == (1, 0, 0, 0, 0), "the retried delivery is delivered");
        Assert.Equal(1, receiver.Taken);
        Assert.Null((await WebhookAsync(browser))["lastError"]);
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.Contains(audit, line => line.Who == "admin key" && line.Action == "retried 1 dead CRM delivery to webhook");
        var after = await browser.ReadAsync("/admin/crm");
        Assert.DoesNotContain(after.Forms, form => form.GetAttribute("action") == "/admin/crm/webhook/retry");
        Assert.Null(after.QuerySelector("[role=status]"));
    }

    [Fact]
    public async Task ARetryWithoutSignInOrWithoutItsAntiforgeryTokenRetriesNothing()
    {
        using var app = await PledgeDeadLetteredAsync();
        var signedIn = await SignedInAsync(app);
        var stranger = new AdminBrowser(app);
        receiver.Answer = 200;

        var anonymous = await stranger.Http.PostAsync("/admin/crm/webhook/retry", new FormUrlEncodedContent([]));
        var anonymousPage = await stranger.OpenAsync("/admin/crm");
        var anonymousJson = await app.CreateClient().GetAsync("/admin/crm.json");
        var withoutToken = await signedIn.Http.PostAsync("/admin/crm/webhook/retry", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/admin/sign-in"), (anonymousPage.StatusCode, anonymousPage.Headers.Location!.AbsolutePath));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("This form has expired", await withoutToken.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0, 0, 1), Counts(await WebhookAsync(signedIn)));
        Assert.Equal(0, receiver.Taken);
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.DoesNotContain(audit, line => line.Action.StartsWith("retried", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("mailchimp")]
    public async Task ARetryForACrmThatIsNotConfiguredIsNotFound(string destination)
    {
        using var app = await PledgeDeadLetteredAsync();
        var browser = await SignedInAsync(app);
        var page = await browser.ReadAsync("/admin/crm");
        var token = page.Forms.First().QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value));

        var response = await browser.Http.PostAsync($"/admin/crm/{destination}/retry", new FormUrlEncodedContent(token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Configured CRMs: webhook.", await response.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0, 0, 1), Counts(await WebhookAsync(browser)));
    }

    [Fact]
    public async Task ADeliveryStillBeingTriedShowsAsPendingAndFailing()
    {
        receiver.Answer = 503;
        using var app = new BotApplication(data.Path, AdminRequests.Settings(receiver.SettingsDeadLetteringAfter(maxAttempts: 12)));
        await app.PledgeAsync(new ChannelActivities("annabel", "annabel-chat"), FirstName, Email);
        var browser = await SignedInAsync(app);

        await Eventually.TrueAsync(async () => Counts(await WebhookAsync(browser)) == (0, 0, 1, 1, 0), "the delivery failed once and waits for its next attempt");

        var crm = await WebhookAsync(browser);
        Assert.Equal((503, "Service Unavailable"), ((int)crm["lastError"]!["status"]!, (string)crm["lastError"]!["reason"]!));
        var page = await browser.ReadAsync("/admin/crm");
        Assert.Equal("nothing to retry", page.QuerySelector("tr[data-crm='webhook'] td:last-child")!.TextContent.Trim());
    }

    [Fact]
    public async Task WithoutACrmThePageSaysSoAndNamesTheSettingsThatTurnOneOn()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = await SignedInAsync(app);

        var page = await browser.ReadAsync("/admin/crm");
        var json = await ReadJsonAsync(app);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("No CRM is configured", text);
        Assert.Contains("Crm:Webhook:Url", text);
        Assert.Contains("Crm:Mailchimp:ApiKey", text);
        Assert.Contains("Crm:ActionNetwork:ApiKey", text);
        Assert.Empty(json["destinations"]!.AsArray());
        var current = page.QuerySelector("nav[aria-label='Admin'] a[aria-current='page']")!;
        Assert.Equal(("CRMs", "/admin/crm"), (current.TextContent, current.GetAttribute("href")));
    }

    /// <summary>A host whose webhook CRM refused Annabel's pledge (400, dead-lettered at once).</summary>
    private async Task<BotApplication> PledgeDeadLetteredAsync()
    {
        var app = new BotApplication(data.Path, AdminRequests.Settings(receiver.SettingsDeadLetteringAfter()));
        await app.PledgeAsync(new ChannelActivities("annabel", "annabel-chat"), FirstName, Email);
        var browser = await SignedInAsync(app);
        await Eventually.TrueAsync(async () => Counts(await WebhookAsync(browser)).Dead == 1, "the refused delivery is dead-lettered");
        return app;
    }

    private static async Task<AdminBrowser> SignedInAsync(BotApplication app)
    {
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        return browser;
    }

    /// <summary>With the key as a bearer token, as a tool reads it.</summary>
    private static Task<JsonNode> ReadJsonAsync(BotApplication app) => ReadJsonAsync(app.CreateAdminClient());

    /// <summary>
    /// With <paramref name="client"/>'s credentials; tests that wait for the dispatcher read with a
    /// signed-in browser's cookie, since bearer requests are rate limited.
    /// </summary>
    private static async Task<JsonNode> ReadJsonAsync(HttpClient client)
    {
        var response = await client.GetAsync("/admin/crm.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static async Task<JsonNode> WebhookAsync(AdminBrowser browser) =>
        (await ReadJsonAsync(browser.Http))["destinations"]!.AsArray().Single(d => (string)d!["name"]! == "webhook")!;

    private static (long Delivered, long Skipped, long Pending, long Failing, long Dead) Counts(JsonNode crm) =>
        ((long)crm["delivered"]!, (long)crm["skipped"]!, (long)crm["pending"]!, (long)crm["failing"]!, (long)crm["dead"]!);
}
