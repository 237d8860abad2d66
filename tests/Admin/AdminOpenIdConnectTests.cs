using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// Sign-in through an organisation's identity provider, against a local stand-in provider: the
/// whole redirect dance (sign-in page, provider, callback, dashboard) driven the way a browser does.
/// </summary>
public sealed class AdminOpenIdConnectTests : IAsyncLifetime
{
    private const string Ada = "ada@contoso.example";
    private readonly TempFolder data = new();
    private OidcProviderStandIn provider = null!;

    public async Task InitializeAsync() => provider = await OidcProviderStandIn.StartAsync();

    [Fact]
    public async Task AnAllowedAdminSignsInThroughTheProviderWithPkceAndOpensTheDashboard()
    {
        // The allowed list is compared without regard to case.
        using var app = new BotApplication(data.Path, provider.AdminSettings("ADA@Contoso.Example"));
        var browser = new AdminBrowser(app);
        provider.User = new() { ["sub"] = "ada-subject-1", ["preferred_username"] = Ada, ["name"] = "Ada Lovelace" };

        var callback = await SignInThroughProviderAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/admin/sign-in/done", callback.Headers.Location!.OriginalString);
        var cookie = Assert.Single(CookiesSetBy(callback), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        var landing = await browser.ReadAsync("/admin/sign-in/done");
        Assert.Equal("0; url=/admin/", landing.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        var dashboard = await browser.OpenAsync("/admin/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains($"Signed in as {Ada}.", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(["S256"], provider.CodeChallengeMethods);
        Assert.Equal(1, provider.VerifiedCodeExchanges);
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.Equal((Ada, "signed in through Contoso ID"), (Assert.Single(audit).Who, audit[0].Action));
    }

    [Fact]
    public async Task SomeoneTheProviderSignedInWhoIsNotAnAllowedAdminGets403AndNoAdminCookie()
    {
        using var app = new BotApplication(data.Path, provider.AdminSettings(Ada));
        var browser = new AdminBrowser(app);
        provider.User = new() { ["sub"] = "mallory-subject-9", ["preferred_username"] = "mallory@contoso.example", ["name"] = "Mallory" };

        var callback = await SignInThroughProviderAsync(browser);

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("not on this campaign's list of admins", await callback.Content.ReadAsStringAsync());
        Assert.DoesNotContain(CookiesSetBy(callback), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.OpenAsync("/admin/")).StatusCode);
        var line = Assert.Single(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10));
        Assert.Equal(("(not signed in)", "failed sign-in through Contoso ID, not an allowed admin (1 in this hour)"), (line.Who, line.Action));
    }

    [Fact]
    public async Task AnIdTokenChangedAfterTheProviderSignedItIsRefused()
    {
        using var app = new BotApplication(data.Path, provider.AdminSettings(Ada));
        var browser = new AdminBrowser(app);
        provider.User = new() { ["sub"] = "mallory-subject-9", ["preferred_username"] = "mallory@contoso.example" };
        provider.TamperWith = new() { ["sub"] = "ada-subject-1", ["preferred_username"] = Ada };

        var callback = await SignInThroughProviderAsync(browser);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Contains("could not be accepted", await callback.Content.ReadAsStringAsync());
        Assert.DoesNotContain(CookiesSetBy(callback), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.OpenAsync("/admin/")).StatusCode);
        var line = Assert.Single(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10));
        Assert.Equal("failed sign-in through Contoso ID (1 in this hour)", line.Action);
    }

    [Fact]
    public async Task AnEmailTheProviderHasNotVerifiedDoesNotMakeSomeoneAnAdmin()
    {
        using var app = new BotApplication(data.Path, provider.AdminSettings(Ada));
        var browser = new AdminBrowser(app);
        // Some providers let users set their own email attribute; only a verified one counts.
        provider.User = new() { ["sub"] = "mallory-subject-9", ["email"] = Ada, ["email_verified"] = false };

        Assert.Equal(HttpStatusCode.Forbidden, (await SignInThroughProviderAsync(browser)).StatusCode);

        provider.User = new() { ["sub"] = "ada-subject-1", ["email"] = Ada, ["email_verified"] = true };
        Assert.Equal(HttpStatusCode.Redirect, (await SignInThroughProviderAsync(browser)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task AnAdminRemovedFromTheAllowedListIsSignedOutAfterARestart()
    {
        string cookie;
        using (var before = new BotApplication(data.Path, provider.AdminSettings(Ada)))
        {
            provider.User = new() { ["sub"] = "ada-subject-1", ["preferred_username"] = Ada };
            var callback = await SignInThroughProviderAsync(new AdminBrowser(before));
            cookie = CookiesSetBy(callback).Single(cookie => cookie.StartsWith("pledgebot-admin=")).Split(';')[0];
        }

        using var after = new BotApplication(data.Path, provider.AdminSettings("grace@contoso.example"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://localhost/admin/");
        request.Headers.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, (await after.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TheSignInPageOffersTheProviderAndTheKeyFormOnlyWhenEachIsConfigured()
    {
        using (var providerOnly = new BotApplication(data.Path, provider.AdminSettings(Ada)))
        {
            var browser = new AdminBrowser(providerOnly);
            var page = await browser.ReadAsync("/admin/sign-in");
            Assert.Equal("Sign in with Contoso ID", page.QuerySelector("a[href='/admin/sign-in/oidc']")!.TextContent);
            Assert.Empty(page.Forms);
            Assert.NotEqual(HttpStatusCode.Redirect, (await browser.Http.PostAsync("/admin/sign-in", new FormUrlEncodedContent([new("key", "anything-at-all-here")]))).StatusCode);
        }

        var both = new Dictionary<string, string?>(provider.AdminSettings(Ada)) { ["Admin:Key"] = "a-long-random-admin-key-for-tests-0f3c9e" };
        using var withKey = new BotApplication(data.Path, both);
        var signIn = await new AdminBrowser(withKey).ReadAsync("/admin/sign-in");
        Assert.NotNull(signIn.QuerySelector("a[href='/admin/sign-in/oidc']"));
        Assert.Single(signIn.Forms);
    }

    [Fact]
    public void AProviderWithoutAllowedAdminsStopsTheStartNamingTheSetting()
    {
        using var app = new BotApplication(data.Path, provider.AdminSettings());

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Admin:Oidc:AllowedAdmins", problem.ToString());
    }

    /// <summary>Clicks "Sign in with Contoso ID", follows the redirects to the provider and back, and returns the callback's answer.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(AdminBrowser browser)
    {
        var signInPage = await browser.ReadAsync("/admin/sign-in");
        var start = await browser.OpenAsync(signInPage.QuerySelector("a[href='/admin/sign-in/oidc']")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith($"{provider.Authority}/authorize?", start.Headers.Location!.AbsoluteUri);

        using var atTheProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var backFromProvider = await atTheProvider.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, backFromProvider.StatusCode);
        Assert.StartsWith("https://localhost/admin/sign-in/oidc/callback?", backFromProvider.Headers.Location!.AbsoluteUri);

        return await browser.Http.GetAsync(backFromProvider.Headers.Location);
    }

    private static IEnumerable<string> CookiesSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        data.Dispose();
    }
}
