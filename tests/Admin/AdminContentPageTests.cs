using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>A campaign manager edits or uploads the content on /admin/content and publishes it.</summary>
public sealed class AdminContentPageTests : IDisposable
{
    private const string Page = "/admin/content";
    private const string Publish = "/admin/content/publish";

    private readonly TempFolder data = new();

    [Fact]
    public async Task ThePageHoldsTheRunningContentInAFormThatCanPreviewOrPublish()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = await SignedInAsync(app);

        var page = await browser.ReadAsync(Page);

        Assert.Contains("Running now: the content file.", page.Body!.TextContent);
        var form = page.Forms.Single(f => f.GetAttribute("action") == Publish);
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.Equal(File.ReadAllText(ShippedCampaign.ContentFile), form.QuerySelector("textarea[name=content]")!.TextContent);
        Assert.NotNull(form.QuerySelector("input[type=file][name=file]"));
        Assert.NotNull(form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]"));
        Assert.Equal("/admin/content/preview", form.QuerySelectorAll("button").Single(b => b.TextContent == "Check and preview").GetAttribute("formaction"));
        Assert.Contains(form.QuerySelectorAll("button"), b => b.TextContent == "Publish" && b.GetAttribute("formaction") is null);
    }

    [Fact]
    public async Task PublishingTheEditedTextSaysWhichVersionRunsAndTheBotUsesIt()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = await SignedInAsync(app);

        var response = await browser.SubmitWithFileAsync(Page, Publish, file: null,
            ("content", ContentPublishTests.Draft(json => json["intro"] = "Edited in the admin page.")));
        var answer = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Published version 1", answer.QuerySelector("h1")!.TextContent);
        Assert.NotNull(answer.QuerySelector("a[href='/admin/']"));
        var welcome = Assert.Single(await app.ExpectRepliesAsync(new ChannelActivities().Joined())).AsCard();
        Assert.Contains("Edited in the admin page.", welcome.Text());
        var again = await browser.ReadAsync(Page);
        Assert.Contains("Running now: version 1, published by admin key on", again.Body!.TextContent);
    }

    [Fact]
    public async Task AnUploadedFileWinsOverTheTextBox()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = await SignedInAsync(app);
        var uploaded = Encoding.UTF8.GetBytes(ContentPublishTests.Draft(json => json["intro"] = "From the uploaded file."));

        var response = await browser.SubmitWithFileAsync(Page, Publish, ("file", "campaign.json", uploaded),
            ("content", ContentPublishTests.Draft(json => json["intro"] = "From the text box.")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(await app.ExpectRepliesAsync(new ChannelActivities().Joined())).AsCard();
        Assert.Contains("From the uploaded file.", welcome.Text());
    }

    [Fact]
    public async Task ARefusedDraftListsEveryProblemAndStaysInTheForm()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = await SignedInAsync(app);
        var draft = ContentPublishTests.Draft(json =>
        {
            json["intro"] = "Typed <b>with care</b> and not lost.";
            json["causes"]![0]!["title"] = "";
            json["causes"]![1]!["keyFacts"] = new System.Text.Json.Nodes.JsonArray();
        });

        var response = await browser.SubmitWithFileAsync(Page, Publish, file: null, ("content", draft));
        var answer = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = answer.QuerySelector("[role=alert]")!;
        Assert.Equal("problems", problems.GetAttribute("aria-labelledby"));
        Assert.Equal("-1", answer.GetElementById("problems")!.GetAttribute("tabindex"));
        Assert.True(answer.GetElementById("problems")!.HasAttribute("autofocus"));
        var items = problems.QuerySelectorAll("ul > li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.Contains("cause 'protecting-innocence': field 'title' is missing or empty"));
        Assert.Contains(items, i => i.Contains("cause 'burundi-refugees-tanzania': field 'keyFacts' needs one to five facts"));
        Assert.Equal(draft, answer.QuerySelector("textarea[name=content]")!.TextContent);
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task AFormOpenedBeforeAnotherAdminPublishedIsNotPublishedAndKeepsItsDraft()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var first = await SignedInAsync(app);
        var second = await SignedInAsync(app);
        var secondsForm = await second.ReadAsync(Page);
        var basedOn = secondsForm.QuerySelector("input[name=basedOn]")!.GetAttribute("value")!;
        var token = secondsForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        (await first.SubmitWithFileAsync(Page, Publish, file: null, ("content", ContentPublishTests.Draft(json => json["intro"] = "The first admin published this.")))).Dispose();

        var draft = ContentPublishTests.Draft(json => json["intro"] = "The second admin typed this.");
        var response = await second.Http.PostAsync(Publish, new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(basedOn), "basedOn" },
            { new StringContent(draft), "content" },
        });
        var answer = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else published version 1 while you were editing", answer.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(draft, answer.QuerySelector("textarea[name=content]")!.TextContent);
        var welcome = Assert.Single(await app.ExpectRepliesAsync(new ChannelActivities().Joined())).AsCard();
        Assert.Contains("The first admin published this.", welcome.Text());
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryTokenPublishesNothing()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = await SignedInAsync(app);
        var body = new MultipartFormDataContent { { new StringContent(ContentPublishTests.Draft(json => json["intro"] = "Forged.")), "content" } };

        var response = await browser.Http.PostAsync(Publish, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task WithoutSigningInThePageSendsToTheSignInAndPublishingIsRefused()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = new AdminBrowser(app);

        var page = await browser.OpenAsync(Page);
        var publish = await browser.Http.PostAsync(Publish, new MultipartFormDataContent { { new StringContent("{}"), "content" } });

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/admin/sign-in", page.Headers.Location!.PathAndQuery);
        Assert.True(publish.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{publish.StatusCode}");
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    public void Dispose() => data.Dispose();

    private static async Task<AdminBrowser> SignedInAsync(BotApplication app)
    {
        var browser = new AdminBrowser(app);
        (await browser.SignInWithKeyAsync(AdminRequests.Key)).Dispose();
        return browser;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
