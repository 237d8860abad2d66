using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

public sealed class PrivacyPageTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task ThePrivacyPageShowsTheCampaignsStatementAndTerms()
    {
        using var app = new BotApplication(data.Path);
        var content = ShippedCampaign.Load();

        var response = await app.CreateClient().GetAsync("/privacy");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(content.PrivacyStatement).Replace("&#39;", "&#x27;"), html);
        Assert.Contains("id=\"terms\"", html);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task TheTermsAddressLeadsToTheTermsSection()
    {
        using var app = new BotApplication(data.Path);

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/terms");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/privacy#terms", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/terms?lang=fr", "/privacy?lang=fr#terms")]
    [InlineData("/terms?lang=ar-EG", "/privacy?lang=ar#terms")]
    [InlineData("/terms?lang=xx", "/privacy#terms")]
    [InlineData("/terms?lang=en", "/privacy#terms")]
    public async Task TheTermsAddressKeepsItsLanguage(string address, string location)
    {
        using var app = new BotApplication(data.Path);

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    public void Dispose() => data.Dispose();
}
