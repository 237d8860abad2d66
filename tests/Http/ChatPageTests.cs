using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.ChatPage;
using PledgeBot.Security;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

// The tests only read pages and files; the few that need other settings start their own host.
public sealed class ChatPageTests(SharedBotApplication host) : IClassFixture<SharedBotApplication>, IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task ThePageIsEnglishHtmlTitledWithTheCampaign()
    {
        var app = host.App;

        var (response, page) = await GetPageAsync(app, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Stand With Them", page.Title);
        Assert.Contains("width=device-width", page.QuerySelector("meta[name=viewport]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task TheHeaderShowsTheCampaignTitleAndIntro()
    {
        var app = host.App;
        var content = ShippedCampaign.Load();

        var (_, page) = await GetPageAsync(app, "/");

        Assert.Equal(content.Title, page.QuerySelector("header h1")?.TextContent);
        Assert.Equal(content.Intro, page.QuerySelector("header p")?.TextContent);
    }

    [Fact]
    public async Task TheChatRegionIsLabelledAndTheNoScriptMessageIsThere()
    {
        var app = host.App;

        var (_, page) = await GetPageAsync(app, "/");

        var chat = page.GetElementById("webchat");
        Assert.NotNull(chat);
        Assert.Equal("region", chat.GetAttribute("role"));
        Assert.Equal("Chat with Stand With Them", chat.GetAttribute("aria-label"));
        Assert.Contains("needs JavaScript", page.QuerySelector("noscript")?.TextContent);
        Assert.Equal("alert", page.GetElementById("chat-problem-message")?.GetAttribute("role"));
    }

    [Fact]
    public async Task ThePageHasNoInlineScriptOnlyFilesAndTheJsonConfig()
    {
        var app = host.App;

        var (_, page) = await GetPageAsync(app, "/");

        var scripts = page.Scripts.ToList();
        Assert.Equal(3, scripts.Count);
        Assert.All(scripts, script => Assert.True(
            script.Source is { Length: > 0 } ? script.TextContent.Length == 0 : script.Type == "application/json",
            $"inline script: {script.OuterHtml}"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlainVisitCarriesTheThemeAndNoCause()
    {
        var app = host.App;

        var (_, page) = await GetPageAsync(app, "/");

        var config = ReadConfig(page);
        Assert.Null(config["cause"]);
        Assert.Equal("/api/directline/token", (string?)config["tokenUrl"]);
        Assert.Equal("#1D6A72", (string?)config["theme"]!["accentColor"]);
        Assert.Equal("#F4F7F7", (string?)config["theme"]!["backgroundColor"]);
        Assert.Equal("#1F1F1F", (string?)config["theme"]!["textOnBackgroundColor"]);
    }

    [Theory]
    [InlineData("yemen-crisis", "yemen-crisis")]
    [InlineData("Protecting-Innocence", "protecting-innocence")]
    public async Task AKnownCauseIsPassedOnByItsId(string asked, string expected)
    {
        var app = host.App;

        var (_, page) = await GetPageAsync(app, $"/?cause={Uri.EscapeDataString(asked)}");

        Assert.Equal(expected, (string?)ReadConfig(page)["cause"]);
    }

    [Theory]
    [InlineData("no-such-cause")]
    [InlineData("</script><script>alert(1)</script>")]
    [InlineData("\"-alert(1)-\"")]
    [InlineData("yemen-crisis\"><img src=x onerror=alert(1)>")]
    [InlineData("")]
    public async Task AnUnknownOrHostileCauseOpensLikeAPlainVisit(string cause)
    {
        var app = host.App;

        var response = await app.CreateClient().GetAsync($"/?cause={Uri.EscapeDataString(cause)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(ReadConfig(await new HtmlParser().ParseDocumentAsync(html))["cause"]);
        Assert.DoesNotContain("alert(1)", html);
    }

    [Fact]
    public void TheConfigCannotCloseItsScriptElementWhateverItHolds()
    {
        var theme = new ChatPageTheme("#1D6A72", "#F4F7F7", "#1F1F1F");
        var config = new ChatPageConfig("/api/directline/token", "</script><script>alert(1)</script><!--", "nonce", theme);

        var html = ChatPageHtml.Render(ShippedCampaign.Load(), config, new ChatPageAssets());
        var page = new HtmlParser().ParseDocument(html);

        Assert.Equal("</script><script>alert(1)</script><!--", (string?)ReadConfig(page)["cause"]);
        Assert.Equal(3, page.Scripts.Length);
    }

    [Fact]
    public async Task CampaignTextIsHtmlEncoded()
    {
        var contentFile = CampaignCopy(json =>
        {
            json["title"] = "Kids & <b>Families</b>";
            json["intro"] = "Read \"their\" stories </p><script>alert(1)</script>";
        });
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Campaign:ContentFile"] = contentFile });

        var response = await app.CreateClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);

        Assert.Contains("<title>Kids &amp; &lt;b&gt;Families&lt;/b&gt;</title>", html);
        Assert.Equal("Kids & <b>Families</b>", page.QuerySelector("header h1")?.TextContent);
        Assert.Equal("Read \"their\" stories </p><script>alert(1)</script>", page.QuerySelector("header p")?.TextContent);
        Assert.Equal("Chat with Kids & <b>Families</b>", page.GetElementById("webchat")?.GetAttribute("aria-label"));
        Assert.Equal(3, page.Scripts.Length);
    }

    [Fact]
    public async Task TheContentFilesThemeColoursThePage()
    {
        var contentFile = CampaignCopy(json => json["theme"] = new JsonObject { ["accentColor"] = "#2b5f8a", ["backgroundColor"] = "#ffffff" });
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Campaign:ContentFile"] = contentFile });

        var (_, page) = await GetPageAsync(app, "/");

        var theme = ReadConfig(page)["theme"]!;
        Assert.Equal("#2B5F8A", (string?)theme["accentColor"]);
        Assert.Equal("#FFFFFF", (string?)theme["backgroundColor"]);
        Assert.Contains("--accent: #2B5F8A;", page.QuerySelector("head style")?.TextContent);
        Assert.Equal("#2B5F8A", page.QuerySelector("meta[name=theme-color]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task ThePageIsNeverCachedBecauseItCarriesANonce()
    {
        var app = host.App;

        var (response, _) = await GetPageAsync(app, "/");

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/webchat/webchat.js")]
    [InlineData("/web/chat.css")]
    [InlineData("/campaign/images/yemen-crisis.png")]
    [InlineData("/no-such-page")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var app = host.App;

        var response = await app.CreateClient().GetAsync(path);

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("img-src 'self' data: blob: http://localhost:3978;", policy);
        Assert.Contains("connect-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("base-uri 'self'", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.DoesNotContain("directline.botframework.com", policy);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=()", Header(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task AFailureBeforeAnyTurnIsA503ProblemThatStillCarriesTheSecurityHeaders()
    {
        // A problem written after a failure must not lose the headers the middleware set first.
        using var app = new BotApplication(data.Path, testServices: services =>
            services.AddSingleton<IBotFrameworkHttpAdapter, CrashingAdapter>());

        var response = await app.CreateClient().PostAsync("/api/messages",
            new StringContent(new ChannelActivities().Message("hi").ToString(), null, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("default-src 'self'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task EachPageGetsItsOwnStyleNonceInThePolicyTheStyleElementAndTheConfig()
    {
        var app = host.App;

        var (first, firstPage) = await GetPageAsync(app, "/");
        var (second, _) = await GetPageAsync(app, "/");

        var nonce = (string?)ReadConfig(firstPage)["styleNonce"];
        Assert.False(string.IsNullOrEmpty(nonce));
        Assert.True(nonce.Length >= 22);
        Assert.Contains($"style-src 'self' {ContentSecurityPolicy.EmptyStyleElementHash} 'nonce-{nonce}';", Header(first, "Content-Security-Policy"));
        Assert.Equal(nonce, firstPage.QuerySelector("head style")?.GetAttribute("nonce"));
        Assert.DoesNotContain(nonce, Header(second, "Content-Security-Policy"));
    }

    [Fact]
    public async Task TheAzureDirectLineIsAllowedOnlyWhenSwitchedOn()
    {
        using var app = new BotApplication(data.Path, testServices: services =>
            services.Configure<SecurityHeadersOptions>(options => options.AllowAzureDirectLine = true));

        var (response, _) = await GetPageAsync(app, "/");

        Assert.Contains(
            "connect-src 'self' https://directline.botframework.com wss://directline.botframework.com;",
            Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task CardImagesMayComeFromThePublicBaseAddress()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Campaign:PublicBaseUrl"] = "https://campaign.example.org/bot/" });

        var response = await app.CreateClient().GetAsync("/");

        Assert.Contains("img-src 'self' data: blob: https://campaign.example.org;", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task WebChatIsServedAsJavaScript()
    {
        var app = host.App;

        var response = await app.CreateClient().GetAsync("/webchat/webchat.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Content.Headers.ContentLength > 1_000_000);
    }

    [Fact]
    public async Task ThePagesScriptsAndStylesAreServedUnderVersionedAddressesCachedForAYear()
    {
        var app = host.App;
        var client = app.CreateClient();
        var (_, page) = await GetPageAsync(app, "/");

        var addresses = page.Scripts.Select(s => s.Source).OfType<string>().Where(s => s.Length > 0)
            .Concat(page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!))
            .ToList();

        Assert.Equal(3, addresses.Count);
        Assert.Contains(addresses, a => a.StartsWith("/webchat/webchat.js?v=", StringComparison.Ordinal));
        Assert.Contains(addresses, a => a.StartsWith("/web/chat.js?v=", StringComparison.Ordinal));
        Assert.Contains(addresses, a => a.StartsWith("/web/chat.css?v=", StringComparison.Ordinal));
        foreach (var address in addresses)
        {
            var response = await client.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(address.Contains(".css") ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        }
    }

    [Theory]
    [InlineData("/web/chat.js")]
    [InlineData("/web/chat.js?v=old")]
    public async Task AnAddressWithoutTheCurrentVersionIsCheckedAgainEachTime(string address)
    {
        var app = host.App;

        var response = await app.CreateClient().GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task ScriptsAreCompressedForBrowsersThatAcceptIt()
    {
        var app = host.App;
        var request = new HttpRequestMessage(HttpMethod.Get, "/webchat/webchat.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task TheBuiltAppServesThePageAndWebChatFromItsOwnFolder()
    {
        // `dotnet PledgeBot.dll` started from the tests' output folder, as an operator would run it.
        using var bot = BotProcess.Start(data.Path);
        await bot.WaitUntilHealthyAsync();
        using var client = new HttpClient { BaseAddress = bot.Address };

        var page = await client.GetAsync("/");
        var webChat = await client.GetAsync("/webchat/webchat.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Stand With Them</title>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, webChat.StatusCode);
        Assert.Equal("text/javascript", webChat.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => data.Dispose();

    private static async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(BotApplication app, string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return (response, page);
    }

    private static JsonNode ReadConfig(IDocument page)
    {
        var script = page.GetElementById("chat-config");
        Assert.NotNull(script);
        Assert.Equal("application/json", script.GetAttribute("type"));
        return JsonNode.Parse(script.TextContent)!;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    /// <summary>The shipped campaign, changed and written with its images into the test's own folder.</summary>
    private string CampaignCopy(Action<JsonNode> change)
    {
        var folder = Path.Combine(data.Path, "campaign");
        var shippedFolder = Path.GetDirectoryName(ShippedCampaign.ContentFile)!;
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        foreach (var image in Directory.GetFiles(Path.Combine(shippedFolder, "images")))
        {
            File.Copy(image, Path.Combine(folder, "images", Path.GetFileName(image)));
        }

        var json = JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!;
        change(json);
        var file = Path.Combine(folder, "campaign.json");
        File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    private sealed class CrashingAdapter : IBotFrameworkHttpAdapter
    {
        public Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The adapter broke.");
    }
}
