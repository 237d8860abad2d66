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
        Assert.Contains("Admin:Key", await response.Content.ReadAsStringAsync());
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
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var wrong = await client.PostAsync("/admin/sign-in", new FormUrlEncodedContent([new("key", "guess")]));
        var right = await client.PostAsync("/admin/sign-in", new FormUrlEncodedContent([new("key", Key)]));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("pledgebot-admin=", cookie);
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var dashboard = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.Equal(("admin key", "signed in"), (Assert.Single(audit).Who, audit[0].Action));
    }

    [Fact]
    public async Task ABrowserThatIsNotSignedInIsSentToTheSignInPage()
    {
        using var app = WithKey();
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.PathAndQuery);
    }

    private BotApplication WithKey() => new(data.Path, new Dictionary<string, string?> { ["Admin:Key"] = Key });

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
