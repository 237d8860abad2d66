using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

public sealed class AdminAccessTests : IDisposable
{
    private const string Key = "a-long-random-admin-key-for-tests-0f3c9e";
    private readonly TempFolder data = new();

    [Fact]
    public async Task WithoutAKeyTheAdminAreaIsOffAndSaysHowToTurnItOn()
    {
        using var app = new BotApplication(data.Path);

        var response = await app.CreateClient().GetAsync("/admin/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Admin:Key", page);
        Assert.Contains("Admin:Oidc:Authority", page);
    }

    [Fact]
    public async Task TheKeyAsABearerTokenOpensTheAdminAreaAndAnyOtherTokenIsRefused()
    {
        using var app = WithKey();
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/admin/", Key)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/admin/", Key + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/admin/", null)).StatusCode);
    }

    [Fact]
    public async Task SigningInWithTheKeySetsASecureHttpOnlyStrictCookieThatOpensTheDashboard()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);

        var wrong = await browser.SignInWithKeyAsync("guess-guess-guess-guess");
        var right = await browser.SignInWithKeyAsync(Key);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That key is not right.", await wrong.Content.ReadAsStringAsync());
        Assert.DoesNotContain(CookiesSetBy(wrong), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = Assert.Single(CookiesSetBy(right), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/admin", cookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenAsync("/admin/")).StatusCode);
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.Equal(("admin key", "signed in"), (audit[0].Who, audit[0].Action));
    }

    [Fact]
    public async Task ABrowserThatIsNotSignedInIsSentToTheSignInPage()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);

        var response = await browser.OpenAsync("/admin/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ASignInPostedWithoutTheFormsAntiforgeryTokenIsRefusedEvenWithTheRightKey()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);
        await browser.OpenAsync("/admin/sign-in");

        // What a page on another (sibling) site could make a browser post: the key, but no token from our form.
        var response = await browser.Http.PostAsync("/admin/sign-in", new FormUrlEncodedContent([new("key", Key)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from this site", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(CookiesSetBy(response), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Empty(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10));
    }

    [Fact]
    public async Task AfterTenSignInAttemptsFromOneAddressTheNextIsRefusedWithRetryAfterEvenWithTheRightKey()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInWithKeyAsync($"guess-number-{attempt:D4}-abcdef")).StatusCode);
        }

        var refused = await browser.SignInWithKeyAsync(Key);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.Equal("text/html", refused.Content.Headers.ContentType!.MediaType);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many sign-in attempts", page);
        Assert.Contains($"Please try again in {(int)Math.Ceiling(retryAfter.TotalMinutes)} minute", page);
        Assert.DoesNotContain(CookiesSetBy(refused), cookie => cookie.StartsWith("pledgebot-admin="));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.OpenAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task GuessingTheKeyAsABearerTokenIsLimitedPerAddressAndThenEvenTheRightKeyIsRefused()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["Admin:Key"] = Key,
            ["RateLimits:AdminKeyRequestsPerMinutePerAddress"] = "5",
        });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        for (var guess = 0; guess < 5; guess++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/admin/", $"guess-{guess}-of-the-admin-key")).StatusCode);
        }

        var refused = await GetAsync(client, "/admin/", Key);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var line = Assert.Single(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10));
        Assert.Equal("failed sign-in with the admin key as a bearer token (5 in this hour)", line.Action);
        // The limit is on the key as a bearer token: a signed-in browser is not held back by it.
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(Key);
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task FailedSignInsAreCountedInTheAuditLogWithoutWhoTriedOrWhatKey()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);

        foreach (var guess in new[] { "first-wrong-guess-1234", "second-wrong-guess-5678", "third-wrong-guess-9012" })
        {
            await browser.SignInWithKeyAsync(guess);
        }

        var line = Assert.Single(await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10));
        Assert.Equal("(not signed in)", line.Who);
        Assert.Equal("failed sign-in with the admin key (3 in this hour)", line.Action);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndIsAudited()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(Key);

        var signedOut = await browser.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/admin/sign-in", signedOut.Headers.Location!.OriginalString);
        Assert.Contains(CookiesSetBy(signedOut), cookie => cookie.StartsWith("pledgebot-admin=;"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.OpenAsync("/admin/")).StatusCode);
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.Equal(("admin key", "signed out"), (audit[0].Who, audit[0].Action));
    }

    [Fact]
    public async Task ASignOutPostedWithoutTheDashboardsTokenLeavesTheAdminSignedIn()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(Key);

        var forged = await browser.Http.PostAsync("/admin/sign-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.OpenAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task TheDashboardListsRecentAdminActionsInATable()
    {
        using var app = WithKey();
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync("not-the-key-at-all-0000");
        await browser.SignInWithKeyAsync(Key);

        var dashboard = await browser.ReadAsync("/admin/");

        var table = dashboard.QuerySelector("#audit-table")!;
        Assert.Equal(["When", "Who", "What"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(["admin key", "signed in"], rows[0][1..]);
        Assert.Equal(["(not signed in)", "failed sign-in with the admin key (1 in this hour)"], rows[1][1..]);
        Assert.EndsWith("UTC", rows[0][0]);
    }

    [Fact]
    public async Task ChangingTheKeyEndsSessionsSignedInWithTheOldOne()
    {
        var cookie = "";
        using (var before = WithKey())
        {
            var signedIn = await new AdminBrowser(before).SignInWithKeyAsync(Key);
            cookie = CookiesSetBy(signedIn).Single(cookie => cookie.StartsWith("pledgebot-admin=")).Split(';')[0];
        }

        using var after = new BotApplication(data.Path, new Dictionary<string, string?> { ["Admin:Key"] = "a-new-key-after-rotation-7a1d2c" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://localhost/admin/");
        request.Headers.Add("Cookie", cookie);

        var response = await after.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminPagesCarryTheHostsSecurityHeadersAndAreNotCached()
    {
        using var app = WithKey();

        var page = await new AdminBrowser(app).OpenAsync("/admin/sign-in");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
    }

    [Fact]
    public void AKeyTooShortToWithstandGuessingStopsTheStartNamingTheSetting()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Admin:Key"] = "short" });

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Admin:Key", problem.ToString());
    }

    private BotApplication WithKey() => new(data.Path, new Dictionary<string, string?> { ["Admin:Key"] = Key });

    private static IEnumerable<string> CookiesSetBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [];

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client.SendAsync(request);
    }

    public void Dispose() => data.Dispose();
}
