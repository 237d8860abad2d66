using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>A campaign manager publishes new content through the admin API while the bot runs.</summary>
public sealed class ContentPublishTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task APublishedFileRunsOnTheNextTurnAndTheResultsAndSharePagesFollow()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var person = new ChannelActivities();
        var before = Assert.Single(await app.ExpectRepliesAsync(person.Joined())).AsCard();
        Assert.DoesNotContain("Together we can", before.Text());
        var shareBefore = await app.CreateClient().GetStringAsync("/c/yemen-crisis");

        var response = await PutAsync(app, Draft(json =>
        {
            json["title"] = "Stand With Them Now";
            json["intro"] = "Together we can help. Read four stories and choose a cause.";
            json["causes"]![2]!["title"] = "Yemen: the crisis continues";
            json["theme"] = new JsonObject { ["accentColor"] = "#8A1C1C" };
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, published.Value<int>("version"));
        Assert.Equal(4, published.Value<int>("causes"));
        Assert.NotNull(published["publishedAt"]);
        var welcome = Assert.Single(await app.ExpectRepliesAsync(new ChannelActivities("user-2", "conversation-2").Joined())).AsCard();
        Assert.Contains("Together we can help", welcome.Text());
        var story = Assert.Single(await app.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "stories", ["story"] = 3 }))).AsCard();
        Assert.Contains("Yemen: the crisis continues", story.Text());
        Assert.Contains("Stand With Them Now", await app.CreateClient().GetStringAsync("/results"));
        var shareAfter = await app.CreateClient().GetStringAsync("/c/yemen-crisis");
        Assert.Contains("Yemen: the crisis continues", shareAfter);
        Assert.NotEqual(ThemeAddress(shareBefore), ThemeAddress(shareAfter));
        Assert.Contains("#8A1C1C", await app.CreateClient().GetStringAsync(ThemeAddress(shareAfter)));
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(5);
        Assert.Equal("published content version 1", audit[0].Action);
    }

    [Fact]
    public async Task TheSharePictureIsDrawnAgainAfterAPublish()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var client = app.CreateClient();
        var before = await client.GetAsync("/c/yemen-crisis/card.png");

        await PutAsync(app, Draft(json => json["causes"]![2]!["title"] = "Yemen: the crisis continues"));
        var after = await client.GetAsync("/c/yemen-crisis/card.png");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task ABrokenFileIsRefusedWithEveryProblemAndTheBotKeepsItsContent()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());

        var response = await PutAsync(app, Draft(json =>
        {
            json["intro"] = "Changed, but not published";
            json["causes"]![0]!["story"] = "";
            json["causes"]![1]!["image"]!["file"] = "images/missing.png";
            json["theme"] = new JsonObject { ["accentColor"] = "yellow" };
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!.Values<string>().ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e!.Contains("cause 'protecting-innocence': field 'story' is missing or empty"));
        Assert.Contains(errors, e => e!.Contains("'images/missing.png', which does not exist"));
        Assert.Contains(errors, e => e!.Contains("theme.accentColor"));
        var welcome = Assert.Single(await app.ExpectRepliesAsync(new ChannelActivities().Joined())).AsCard();
        Assert.DoesNotContain("Changed, but not published", welcome.Text());
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
        Assert.Equal("refused content (3 problems)", (await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(1))[0].Action);
    }

    [Fact]
    public async Task RemovingOrRenamingACauseOrPledgeWithStoredVotesOrPledgesIsRefused()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await app.VoteAsync(new ChannelActivities("voter-1", "c-1"), "yemen-crisis");
        await app.VoteAsync(new ChannelActivities("voter-2", "c-2"), "yemen-crisis");
        await app.PledgeAsync(new ChannelActivities("pledger", "c-3"), "Anna", "anna@example.org");

        var response = await PutAsync(app, Draft(json =>
        {
            var causes = json["causes"]!.AsArray();
            causes.RemoveAt(2);
            causes[0]!["pledge"]!["id"] = "renamed-pledge";
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!.Values<string>().ToList();
        Assert.Contains(errors, e => e!.Contains("cause 'yemen-crisis' has 2 stored votes") && e.Contains("vanish from the results"));
        Assert.Contains(errors, e => e!.Contains("pledge 'not-on-my-screen' of cause 'protecting-innocence' has 1 stored pledge;"));
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task RemovingACauseNobodyVotedForIsAllowed()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await app.VoteAsync(new ChannelActivities("voter-1", "c-1"), "yemen-crisis");

        var response = await PutAsync(app, Draft(json => RemoveCause(json, 3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, JObject.Parse(await response.Content.ReadAsStringAsync()).Value<int>("causes"));
    }

    [Fact]
    public async Task TheCampaignIdCannotChangeWhileTheCampaignRuns()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());

        var response = await PutAsync(app, Draft(json => json["id"] = "another-campaign"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(JObject.Parse(await response.Content.ReadAsStringAsync())["errors"]!.Values<string>());
        Assert.Contains("field 'id' is 'another-campaign', but the running campaign is 'stand-with-them'", error);
    }

    [Fact]
    public async Task ADraftBasedOnAnOlderVersionGets412AndDoesNotOverwrite()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var admin = app.CreateAdminClient();
        var read = await admin.GetAsync("/admin/api/content");
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal(File.ReadAllText(ShippedCampaign.ContentFile), await read.Content.ReadAsStringAsync());

        var first = await PutAsync(app, Draft(json => json["intro"] = "The first admin wrote this intro."), etag);
        var second = await PutAsync(app, Draft(json => json["intro"] = "The second admin wrote this intro."), etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("\"v1\"", second.Headers.ETag!.Tag);
        var now = await admin.GetAsync("/admin/api/content");
        Assert.Equal("\"v1\"", now.Headers.ETag!.Tag);
        Assert.Contains("The first admin wrote this intro.", await now.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CheckingADraftPublishesNothing()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var admin = app.CreateAdminClient();

        var good = JObject.Parse(await (await admin.PostAsync("/admin/api/content/check", Json(Draft(json => json["intro"] = "Checked only.")))).Content.ReadAsStringAsync());
        var bad = JObject.Parse(await (await admin.PostAsync("/admin/api/content/check", Json("{ \"id\": "))).Content.ReadAsStringAsync());

        Assert.True(good.Value<bool>("valid"));
        Assert.Empty(good["problems"]!);
        Assert.False(bad.Value<bool>("valid"));
        Assert.Contains("not valid JSON", Assert.Single(bad["problems"]!.Values<string>()));
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task ABodyOver1MBIsRefusedWith413AndAnotherEncodingWith400()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var admin = app.CreateAdminClient();

        var large = await admin.PutAsync("/admin/api/content", Json(new string(' ', 1024 * 1024 + 1)));
        var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes(Draft(json => json["intro"] = "CAFE").Replace("CAFE", "Caf\u00e9 und Gr\u00fc\u00dfe", StringComparison.Ordinal)));
        latin1.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var notUtf8 = await admin.PutAsync("/admin/api/content", latin1);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("larger than 1 MB", await large.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Contains("not UTF-8", await notUtf8.Content.ReadAsStringAsync());
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task APublishedVersionStillRunsAfterARestart()
    {
        using (var app = new BotApplication(data.Path, AdminRequests.Settings()))
        {
            Assert.Equal(HttpStatusCode.OK, (await PutAsync(app, Draft(json => json["intro"] = "Published before the restart."))).StatusCode);
        }

        using var restarted = new BotApplication(data.Path, AdminRequests.Settings());
        var welcome = Assert.Single(await restarted.ExpectRepliesAsync(new ChannelActivities().Joined())).AsCard();
        Assert.Contains("Published before the restart.", welcome.Text());
        Assert.Equal("\"v1\"", (await restarted.CreateAdminClient().GetAsync("/admin/api/content")).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task AConversationOnARemovedCauseCarriesOnWithoutAnError()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var person = new ChannelActivities();
        var story3 = Assert.Single(await app.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "stories", ["story"] = 3 }))).AsCard();
        var next = (JObject)story3.Button("Next story")["data"]!;
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(app, Draft(json => RemoveCause(json, 3)))).StatusCode);

        var afterNext = await app.ExpectRepliesAsync(person.Click(next));
        var vote = await app.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = "rohingya-refugees-india" }));

        Assert.Contains("Story 3 of 3", Assert.Single(afterNext).AsCard().Text());
        Assert.Contains("That cause is not on the ballot", vote[0].AsCard().Text());
        Assert.DoesNotContain(afterNext.Concat(vote), reply => reply.ToString().Contains("something went wrong"));
        Assert.Equal(0, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync("stand-with-them")).Total);
    }

    [Fact]
    public async Task WithoutSigningInTheContentCannotBeReadOrPublished()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var anonymous = app.CreateClient();

        var read = await anonymous.GetAsync("/admin/api/content");
        var publish = await anonymous.PutAsync("/admin/api/content", Json(Draft(json => json["intro"] = "Not an admin.")));

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    public void Dispose() => data.Dispose();

    /// <summary>The shipped content file, changed as an admin would edit it.</summary>
    internal static string Draft(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!;
        change(json);
        return json.ToJsonString();
    }

    /// <summary>Removes a cause as an organiser does: the cause and its translations.</summary>
    internal static void RemoveCause(JsonNode json, int index)
    {
        var id = (string)json["causes"]![index]!["id"]!;
        json["causes"]!.AsArray().RemoveAt(index);
        foreach (var (_, translation) in json["translations"]!.AsObject())
        {
            translation!["causes"]!.AsObject().Remove(id);
        }
    }

    private static Task<HttpResponseMessage> PutAsync(BotApplication app, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/admin/api/content") { Content = Json(json) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return app.CreateAdminClient().SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string ThemeAddress(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "/share-theme\\.css\\?v=[0-9a-f]+").Value;
}
