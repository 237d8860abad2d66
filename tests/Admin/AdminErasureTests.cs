using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>A request to be forgotten that arrived by post or email, handled in the admin area.</summary>
public sealed class AdminErasureTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task AToolErasesByEmailAddressAndGetsCountsOnly()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await PledgerAsync(app);

        var response = await app.CreateAdminClient().PostAsJsonAsync("/admin/api/forget", new { email = "  ANNA.Q@Example.ORG " });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new JObject { ["pledges"] = 1, ["votes"] = 1, ["consentRecords"] = 1, ["nothingFound"] = false }, JObject.Parse(body), JToken.EqualityComparer);
        Assert.DoesNotContain("anna", body, StringComparison.OrdinalIgnoreCase);
        await AssertErasedAsync(app);
        var again = await app.CreateAdminClient().PostAsJsonAsync("/admin/api/forget", new { email = "anna.q@example.org" });
        Assert.True((bool)JObject.Parse(await again.Content.ReadAsStringAsync())["nothingFound"]!);
    }

    [Theory]
    [InlineData("""{"email": "not-an-address<script>"}""")]
    [InlineData("""{"email": ""}""")]
    [InlineData("""{}""")]
    public async Task AnAnswerThatIsNotAnEmailAddressGetsAProblemAndErasesNothing(string json)
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await PledgerAsync(app);

        var response = await app.CreateAdminClient().PostAsync("/admin/api/forget", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("email must be an email address", body);
        Assert.DoesNotContain("script", body);
        Assert.Equal(1, await PledgeCountAsync(app));
        Assert.Empty(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"email": 5}""")]
    public async Task ABodyThatIsNotTheRequestGetsA400AndErasesNothing(string body)
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await PledgerAsync(app);

        var response = await app.CreateAdminClient().PostAsync("/admin/api/forget", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("email must be an email address", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await PledgeCountAsync(app));
    }

    [Fact]
    public async Task WithoutTheAdminKeyNothingIsErased()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await PledgerAsync(app);

        var response = await app.CreateClient().PostAsJsonAsync("/admin/api/forget", new { email = "anna.q@example.org" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, await PledgeCountAsync(app));
    }

    [Fact]
    public async Task ASignedInAdminErasesWithTheFormAndSeesCountsOnly()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await PledgerAsync(app);
        var browser = await SignedInBrowserAsync(app);

        var page = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/admin/forget"));
        var form = page.QuerySelector("form[action='/admin/forget']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        fields.Add(new("email", "anna.q@example.org"));
        var response = await browser.PostAsync("/admin/forget", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Erased 1 pledge, 1 vote and 1 consent record for that address.", html);
        Assert.DoesNotContain("anna", html, StringComparison.OrdinalIgnoreCase);
        await AssertErasedAsync(app);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenErasesNothing()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await PledgerAsync(app);
        var browser = await SignedInBrowserAsync(app);

        var response = await browser.PostAsync("/admin/forget", new FormUrlEncodedContent([new("email", "anna.q@example.org")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await PledgeCountAsync(app));
    }

    private static async Task PledgerAsync(BotApplication app)
    {
        var anna = new ChannelActivities("anna", "annas-chat");
        await app.VoteAsync(anna, app.Services.GetRequiredService<CurrentCampaign>().Content.Causes[0].Id);
        await app.PledgeAsync(anna, "Anna", "anna.q@example.org");
        Assert.Equal(1, await PledgeCountAsync(app));
    }

    /// <summary>A browser over https (the admin cookies are Secure) that has signed in with the key, through the sign-in form.</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(BotApplication app)
    {
        var browser = new AdminBrowser(app);
        var signIn = await browser.SignInWithKeyAsync(AdminRequests.Key);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser.Http;
    }

    private static async Task AssertErasedAsync(BotApplication app)
    {
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        Assert.Equal(0, await PledgeCountAsync(app));
        Assert.Equal(0, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total);
        var rows = new DataFolderRows(app.DataDirectory);
        Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM erasures WHERE source = 'admin' AND pledges = 1 AND votes = 1"));
        var audit = Assert.Single(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10), entry => entry.Action.StartsWith("erased", StringComparison.Ordinal));
        Assert.Equal(("admin key", "erased by email address: 1 pledge(s), 1 vote(s), 1 consent record(s)"), (audit.Who, audit.Action));
    }

    private static Task<int> PledgeCountAsync(BotApplication app)
    {
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        return app.Services.GetRequiredService<IPledgeStore>().CountAsync(content.Id, content.CausesWithPledges.Single().Pledge!.Id);
    }

    public void Dispose() => data.Dispose();
}
