using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.SharePage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Pages;

// The tests only read pages (and draw pictures), so they share one site.
public sealed class PageLanguageTests(TranslatedPagesSite site) : IClassFixture<TranslatedPagesSite>
{
    public static TheoryData<string, string, string> PagesInEachLanguage()
    {
        string[] paths = ["/", "/privacy", "/c/protecting-innocence", "/results", "/c/no-such-cause", "/results/nothing-here", "/confirm?token=broken"];
        var data = new TheoryData<string, string, string>();
        foreach (var path in paths)
        {
            data.Add(path, "en", "ltr");
            data.Add(path, "fr", "ltr");
            data.Add(path, "ar", "rtl");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task EveryPageNamesItsLanguageAndDirection(string path, string language, string direction)
    {
        var (_, page) = await site.GetPageAsync(WithLanguage(path, language));

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, page.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task TheLanguageInTheAddressBeatsTheBrowsersLanguage()
    {
        var (_, page) = await site.GetPageAsync($"/c/{site.PledgeCause.Id}?lang=ar", acceptLanguage: "fr-FR,fr;q=0.9");

        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(TranslatedCampaign.ArabicCauseTitle(site.PledgeCause.Id), page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task WithoutOneTheBrowsersBestOfferedLanguageIsChosenAndCachesAreTold()
    {
        // Swahili is one of the bot's languages, but this campaign is not offered in it.
        var (response, page) = await site.GetPageAsync($"/c/{site.PledgeCause.Id}", acceptLanguage: "sw-KE, sw;q=0.9, fr-CA;q=0.8, en;q=0.5");

        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(TranslatedCampaign.FrenchCauseTitle(site.PledgeCause.Id), page.QuerySelector("h1")?.TextContent);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Theory]
    [InlineData("sw")]
    [InlineData("xx")]
    [InlineData("english")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("ar%00")]
    [InlineData("fr&lang=ar")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task ALanguageNotOfferedOrGarbledIsIgnored(string lang)
    {
        foreach (var path in new[] { "/", "/privacy", $"/c/{site.PledgeCause.Id}", "/results", "/c/nope" })
        {
            var (response, page) = await site.GetPageAsync($"{path}?lang={lang}");

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
            Assert.DoesNotContain("alert(1)", page.DocumentElement.OuterHtml);
        }
    }

    [Fact]
    public async Task AnIgnoredLanguageLeavesTheChoiceToTheBrowser()
    {
        var (_, page) = await site.GetPageAsync("/results?lang=sw", acceptLanguage: "ar");

        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task TheFrenchSharePageHasTheTranslatedCauseAndPageWordsAndKeepsItsLanguageInItsLinks()
    {
        var cause = site.PledgeCause;
        var (_, page) = await site.GetPageAsync($"/c/{cause.Id}?lang=fr");

        Assert.Equal(TranslatedCampaign.FrenchCauseTitle(cause.Id), page.QuerySelector("h1")?.TextContent);
        Assert.Equal($"Résumé en français de {cause.Id}.", page.QuerySelector(".share-summary")?.TextContent);
        Assert.Equal("Le soutien à ce jour", page.QuerySelector("#share-counts-heading")?.TextContent);
        var chatLink = page.QuerySelector("a.share-cta")!;
        Assert.Equal("Parler à la campagne", chatLink.TextContent);
        Assert.Equal($"/?cause={cause.Id}&lang=fr", chatLink.GetAttribute("href"));
        Assert.Equal($"{TranslatedCampaign.FrenchCauseTitle(cause.Id)} – {TranslatedCampaign.FrenchTitle}", page.Title);
        Assert.Equal($"Résumé en français de {cause.Id}.", page.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        Assert.Equal("Confidentialité et conditions", page.QuerySelector(".share-footer a")?.TextContent);
    }

    [Fact]
    public async Task ASharePagesLinkPreviewIsInItsLanguageAndNamesTheOthers()
    {
        var cause = site.PledgeCause;
        var pageUrl = $"{TranslatedPagesSite.PublicBaseUrl}c/{cause.Id}";

        var (_, page) = await site.GetPageAsync($"/c/{cause.Id}?lang=fr");

        Assert.Equal("fr_FR", Meta(page, "og:locale"));
        Assert.Equal(["en_US", "fil_PH", "ar_SA"], page.QuerySelectorAll("meta[property='og:locale:alternate']").Select(m => m.GetAttribute("content")));
        Assert.Equal(TranslatedCampaign.FrenchCauseTitle(cause.Id), Meta(page, "og:title"));
        Assert.Equal($"{pageUrl}?lang=fr", Meta(page, "og:url"));
        Assert.Equal($"{pageUrl}?lang=fr", page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal($"{pageUrl}/card.png?lang=fr", Meta(page, "og:image"));
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href"));
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["en"] = $"{pageUrl}?lang=en",
                ["fr"] = $"{pageUrl}?lang=fr",
                ["fil"] = $"{pageUrl}?lang=fil",
                ["ar"] = $"{pageUrl}?lang=ar",
                ["x-default"] = pageUrl,
            },
            alternates);
    }

    [Fact]
    public async Task TheDefaultLanguagesPreviewKeepsThePlainAddresses()
    {
        var cause = site.PledgeCause;
        var pageUrl = $"{TranslatedPagesSite.PublicBaseUrl}c/{cause.Id}";

        var (_, page) = await site.GetPageAsync($"/c/{cause.Id}");

        Assert.Equal("en_US", Meta(page, "og:locale"));
        Assert.Equal(pageUrl, Meta(page, "og:url"));
        Assert.Equal($"{pageUrl}/card.png", Meta(page, "og:image"));
        Assert.Equal($"/?cause={cause.Id}", page.QuerySelector("a.share-cta")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheArabicResultsPageIsTranslatedAndTheJsonStaysInTheDefaultLanguage()
    {
        var (_, page) = await site.GetPageAsync("/results?lang=ar");

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("النتائج حتى الآن", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("الأصوات لكل قضية", page.QuerySelector("#results-causes")?.TextContent);
        Assert.Contains(TranslatedCampaign.ArabicCauseTitle(site.Content.Causes[0].Id), page.QuerySelectorAll(".results-table th[scope=row] a").Select(a => a.TextContent));
        Assert.Equal("ar_SA", Meta(page, "og:locale"));
        Assert.Equal($"النتائج – {TranslatedCampaign.ArabicTitle}", page.Title);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/results.json?lang=ar");
        request.Headers.TryAddWithoutValidation("Accept-Language", "ar");
        var json = JsonNode.Parse(await (await site.Client.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal(site.Content.Title, (string?)json["campaign"]!["title"]);
        Assert.Equal(site.Content.Causes[0].Title, (string?)json["causes"]![0]!["title"]);
    }

    [Fact]
    public async Task NumbersAreWrittenInTheReadersForm()
    {
        var (_, page) = await site.GetPageAsync("/results?lang=fr");

        // French puts a space before the percent sign (a narrow no-break one).
        Assert.All(page.QuerySelectorAll(".results-percent"), percent => Assert.EndsWith("\u202F%", percent.TextContent));
    }

    [Fact]
    public async Task CountsOnPagesFollowTheCardsPluralRule()
    {
        var (_, page) = await site.GetPageAsync("/results?lang=fr");

        // French counts zero as singular, as the cards do: a cause without votes has "0 vote", not "0 votes".
        var counts = page.QuerySelectorAll("*").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("0 vote", counts);
        Assert.DoesNotContain("0 votes", counts);
    }

    [Fact]
    public async Task TheNotFoundPagesSpeakTheReadersLanguage()
    {
        var (causeResponse, causePage) = await site.GetPageAsync("/c/no-such-cause?lang=fr");
        var (resultsResponse, resultsPage) = await site.GetPageAsync("/results/nothing", acceptLanguage: "ar");

        Assert.Equal(HttpStatusCode.NotFound, causeResponse.StatusCode);
        Assert.Equal("Nous n'avons pas trouvé cette cause", causePage.QuerySelector("h1")?.TextContent);
        Assert.Contains(TranslatedCampaign.FrenchCauseTitle(site.PledgeCause.Id), causePage.QuerySelectorAll("main li a").Select(a => a.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, resultsResponse.StatusCode);
        Assert.Equal("لم نعثر على هذه الصفحة", resultsPage.QuerySelector("h1")?.TextContent);
        Assert.Equal("rtl", resultsPage.DocumentElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task ThePrivacyAndConfirmationPagesAreTranslated()
    {
        var (_, privacy) = await site.GetPageAsync("/privacy", acceptLanguage: "fr");
        var (_, confirmation) = await site.GetPageAsync("/confirm?token=broken&lang=ar");

        Assert.Equal($"{TranslatedCampaign.FrenchTitle} : confidentialité et conditions".Replace(" :", "\u202F:"), privacy.QuerySelector("h1")?.TextContent);
        Assert.Equal("Conditions d'utilisation", privacy.QuerySelector("#terms")?.TextContent);
        // The words to type, as a French reader would type them to the bot.
        var typed = privacy.QuerySelectorAll("main strong").Select(s => s.TextContent).ToList();
        Assert.Contains("mes données", typed);
        Assert.Contains("oubliez-moi", typed);
        Assert.DoesNotContain("forget me", typed);
        Assert.Equal("هذا الرابط لا يعمل", confirmation.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task TheChatPageTellsWebChatItsLanguageAndDirection()
    {
        var (_, arabic) = await site.GetPageAsync("/?lang=ar");
        var (_, filipino) = await site.GetPageAsync("/", acceptLanguage: "fil-PH");

        var config = ChatConfig(arabic);
        Assert.Equal("ar", (string?)config["language"]);
        Assert.Equal("ar-SA", (string?)config["locale"]);
        Assert.Equal("rtl", (string?)config["dir"]);
        Assert.Equal("جارٍ الاتصال بالمحادثة…", (string?)config["words"]!["connecting"]);
        Assert.Equal("اكتب رسالتك", (string?)config["words"]!["webChat"]!["TEXT_INPUT_PLACEHOLDER"]);
        Assert.Equal("إعادة المحاولة", arabic.QuerySelector("#chat-retry")?.TextContent);
        Assert.Equal(ArabicChatLabel, arabic.QuerySelector("#webchat")?.GetAttribute("aria-label"));

        // Web Chat reads any "fi…" tag as Finnish, so Filipino goes as Tagalog, which the bot reads as Filipino.
        var filipinoConfig = ChatConfig(filipino);
        Assert.Equal("fil", (string?)filipinoConfig["language"]);
        Assert.Equal("tl-PH", (string?)filipinoConfig["locale"]);
        Assert.Equal("I-type ang iyong mensahe", (string?)filipinoConfig["words"]!["webChat"]!["TEXT_INPUT_PLACEHOLDER"]);
    }

    [Fact]
    public async Task TheArabicSharePictureDiffersFromTheEnglishOneAndEachIsCachedForItsLanguage()
    {
        var cache = site.App.Services.GetRequiredService<ShareCardCache>();
        var path = $"/c/{site.Content.Causes[1].Id}/card.png";

        var english = await site.Client.GetAsync(path);
        var arabic = await site.Client.GetAsync($"{path}?lang=ar");
        var rendered = cache.RenderCount;
        var englishAgain = await site.Client.GetAsync(path);
        var arabicAgain = await site.Client.GetAsync($"{path}?lang=ar");
        // The picture's language is in its address: a browser preferring Arabic still gets the English one at the plain address.
        using var byBrowser = new HttpRequestMessage(HttpMethod.Get, path);
        byBrowser.Headers.TryAddWithoutValidation("Accept-Language", "ar");
        var plainForArabicBrowser = await site.Client.SendAsync(byBrowser);

        Assert.Equal("image/png", arabic.Content.Headers.ContentType?.MediaType);
        var englishPng = await english.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(englishPng, await arabic.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(english.Headers.ETag, arabic.Headers.ETag);
        Assert.Equal(rendered, cache.RenderCount);
        Assert.Equal(english.Headers.ETag, englishAgain.Headers.ETag);
        Assert.Equal(arabic.Headers.ETag, arabicAgain.Headers.ETag);
        Assert.Equal(englishPng, await plainForArabicBrowser.Content.ReadAsByteArrayAsync());
    }

    private static string ArabicChatLabel => $"محادثة مع {TranslatedCampaign.ArabicTitle}";

    private static JsonNode ChatConfig(IDocument page) => JsonNode.Parse(page.GetElementById("chat-config")!.TextContent)!;

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

    private static string WithLanguage(string path, string language) => $"{path}{(path.Contains('?') ? '&' : '?')}lang={language}";
}
