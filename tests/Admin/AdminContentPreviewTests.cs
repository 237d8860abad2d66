using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>A campaign manager previews a content draft: every card as supporters will see it, or every problem, and nothing changes.</summary>
public sealed class AdminContentPreviewTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent shipped = ShippedCampaign.Load();

    public AdminContentPreviewTests() => app = new BotApplication(data.Path, AdminRequests.Settings());

    [Fact]
    public async Task AToolGetsEveryCardOfADraftBuiltFromTheDraftWithTodaysCounts()
    {
        await app.VoteAsync(new ChannelActivities("voter", "conversation-voter"), shipped.Causes[1].Id);
        var draft = ShippedDraft(json => json["causes"]![1]!["title"] = "A new title for the second story");

        var response = await app.CreateAdminClient().PostAsync("/admin/api/content/preview", Json(draft));
        var answer = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(shipped.Causes.Count, answer.Value<int>("causes"));
        var labels = answer["cards"]!.Select(card => card.Value<string>("label")!).ToList();
        Assert.Equal("Welcome", labels[0]);
        Assert.Contains("Story 2: A new title for the second story", labels);
        Assert.Contains("Ballot", labels);
        Assert.Contains("Results", labels);
        Assert.Contains("Help", labels);
        Assert.Equal(shipped.Causes.Count, labels.Count(label => label.StartsWith("Share after a vote: ", StringComparison.Ordinal)));
        foreach (var pledge in shipped.CausesWithPledges.Select(c => c.Pledge!))
        {
            Assert.Contains($"Pledge “{pledge.Title}”, as a form", labels);
            Assert.Contains($"Pledge “{pledge.Title}”, in conversation: email address", labels);
        }

        var story = answer["cards"]!.Single(card => card.Value<string>("label") == "Story 2: A new title for the second story")["card"]!;
        Assert.Equal("AdaptiveCard", story.Value<string>("type"));
        Assert.Contains("A new title for the second story", story.ToString());
        Assert.Contains("1 vote so far (100%).", ((JObject)story).Text(), StringComparison.Ordinal);
        var ballot = await SupporterSeesAsync("vote");
        Assert.Contains(shipped.Causes[1].Title, ballot);
        Assert.DoesNotContain("A new title", ballot);
    }

    [Fact]
    public async Task ABrokenDraftGetsEveryProblemAndNothingElse()
    {
        var draft = ShippedDraft(json =>
        {
            json["causes"]![0]!["title"] = "";
            json["causes"]![2]!["image"]!["file"] = "images/not-there.png";
            json["voteGoal"] = "lots";
        });

        var response = await app.CreateAdminClient().PostAsync("/admin/api/content/preview", Json(draft));
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = problem["errors"]!.Values<string>().ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e!.Contains($"cause '{shipped.Causes[0].Id}': field 'title' is missing or empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("images/not-there.png", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("field 'voteGoal'", StringComparison.Ordinal));
        Assert.Null(problem["cards"]);
    }

    [Fact]
    public async Task ADraftThatPublishWouldRefuseIsNotPreviewedAsIfItCheckedOut()
    {
        var draft = ShippedDraft(json => json["id"] = "another-campaign");

        var response = await app.CreateAdminClient().PostAsync("/admin/api/content/preview", Json(draft));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("the id cannot change while the campaign runs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WhatIsNotAContentFileGetsAClearProblem()
    {
        var client = app.CreateAdminClient();

        var notUtf8 = new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        notUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var notJson = await client.PostAsync("/admin/api/content/preview", new StringContent("id: x", Encoding.UTF8, "text/plain"));
        var badBytes = await client.PostAsync("/admin/api/content/preview", notUtf8);
        var tooLarge = await client.PostAsync("/admin/api/content/preview", Json(new string(' ', 1024 * 1024 + 1)));
        var syntax = await client.PostAsync("/admin/api/content/preview", Json("{\"id\": "));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBytes.StatusCode);
        Assert.Contains("not UTF-8", await badBytes.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, syntax.StatusCode);
        Assert.Contains("not valid JSON near line 1", await syntax.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NobodyButAnAdminSeesAPreview()
    {
        var anonymous = app.CreateClient();

        var tool = await anonymous.PostAsync("/admin/api/content/preview", Json(File.ReadAllText(ShippedCampaign.ContentFile)));
        var page = await new AdminBrowser(app).OpenAsync("/admin/content/preview");

        Assert.Equal(HttpStatusCode.Unauthorized, tool.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/admin/sign-in", page.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ThePreviewPageShowsTheRunningContentAndEachOfItsCards()
    {
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var page = await browser.ReadAsync("/admin/content/preview");

        Assert.Equal(File.ReadAllText(ShippedCampaign.ContentFile), page.QuerySelector<IHtmlTextAreaElement>("textarea#content")!.Value);
        var cards = JArray.Parse(page.QuerySelector("script#preview-cards")!.TextContent);
        Assert.Equal(cards.Count, page.QuerySelectorAll(".card-host").Length);
        Assert.Equal("Welcome", page.QuerySelector("#card-0-label")!.TextContent);
        Assert.Contains(shipped.Title, cards[0]!.ToString());
    }

    [Fact]
    public async Task AnUploadedDraftWinsOverTheTextAndABrokenOneKeepsTheDraftWithItsProblems()
    {
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        var good = ShippedDraft(json => json["title"] = "Uploaded <b>title</b>");
        var broken = ShippedDraft(json => json["causes"]![0]!["keyFacts"] = new JsonArray());

        using var uploaded = await PostFormAsync(browser, text: broken, file: good);
        using var typed = await PostFormAsync(browser, text: broken, file: null);
        var uploadedPage = await Html(uploaded);
        var typedPage = await Html(typed);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Contains("This draft checks out", uploadedPage.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Uploaded <b>title</b>", uploadedPage.QuerySelector("script#preview-cards")!.TextContent.Replace("\\u003C", "<").Replace("\\u003E", ">"));
        Assert.Null(uploadedPage.QuerySelector("b"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typed.StatusCode);
        Assert.Contains("field 'keyFacts' needs one to five facts", Assert.Single(typedPage.QuerySelectorAll("#problem-list li")).TextContent);
        Assert.Equal(broken, typedPage.QuerySelector<IHtmlTextAreaElement>("textarea#content")!.Value);
        Assert.Null(typedPage.QuerySelector("script#preview-cards"));
        Assert.DoesNotContain("Uploaded", await SupporterSeesAsync("menu"));
        Assert.Contains(shipped.Title, await SupporterSeesAsync("menu"));
    }

    [Fact]
    public async Task AFormSentWithoutItsAntiforgeryTokenIsRefusedWithAWayBack()
    {
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await browser.Http.PostAsync("/admin/content/preview", new FormUrlEncodedContent([new("content", File.ReadAllText(ShippedCampaign.ContentFile))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostFormAsync(AdminBrowser browser, string text, string? file)
    {
        var form = (await browser.ReadAsync("/admin/content/preview")).Forms.Single();
        var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        body.Add(new StringContent(text), "content");
        var upload = new ByteArrayContent(file is null ? [] : Encoding.UTF8.GetBytes(file));
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // As a browser sends the file field when no file was chosen: an empty part with an empty file name.
        upload.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = file is null ? "\"\"" : "\"campaign.json\"" };
        body.Add(upload);
        return await browser.Http.PostAsync("/admin/content/preview", body);
    }

    private static async Task<IHtmlDocument> Html(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    private static string ShippedDraft(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!;
        change(json);
        return json.ToJsonString();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Every text of the cards a supporter gets for <paramref name="text"/>: a preview changes nothing they see.</summary>
    private async Task<string> SupporterSeesAsync(string text)
    {
        var replies = await app.ExpectRepliesAsync(new ChannelActivities("reader", "conversation-reader").Message(text));
        return string.Join("\n", replies.Where(reply => reply["attachments"] is JArray).Select(reply => reply.AsCard().Text()));
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
