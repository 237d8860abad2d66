using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// A campaign manager writes a follow-up in the admin area through the real host on SQLite:
/// it is stored with its words, audience and time, or refused beside each field with nothing
/// stored; previewed per language with whom it would reach; cancelled while scheduled; and its
/// progress read as the page's script reads it.
/// </summary>
public sealed class AdminFollowUpsTests : IDisposable
{
    private const string NewPage = "/admin/follow-ups/new";

    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly AdminBrowser browser;
    private readonly CampaignContent content = ShippedCampaign.Load();

    public AdminFollowUpsTests()
    {
        app = new BotApplication(data.Path, AdminRequests.Settings(), FollowUpSubscribers.WithoutTheSender);
        browser = new AdminBrowser(app);
    }

    private IFollowUpQueue Queue => app.Services.GetRequiredService<IFollowUpQueue>();

    [Fact]
    public async Task AScheduledUpdateIsStoredWithItsWordsItsAudienceAndItsTimeAndAuditedWithoutItsWords()
    {
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await browser.SubmitAsync(
            NewPage,
            NewPage,
            ("title-en", "Voting has closed"),
            ("text-en", "Thank you for voting.\n\nThe results are in."),
            ("title-fr", "Le vote est clos"),
            ("text-fr", "Merci d’avoir voté."),
            ("audience", $"voters:{content.Causes[1].Id}"),
            ("sendAt", "2030-01-02T10:30"),
            ("action", "schedule"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/follow-ups?done=scheduled", response.Headers.Location!.OriginalString);
        var update = Assert.Single(await Queue.ProgressAsync(content.Id));
        Assert.Equal(FollowUpKind.Manual, update.Kind);
        Assert.Equal(new FollowUpAudience(FollowUpAudienceKind.VotersFor, content.Causes[1].Id), update.Audience);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 10, 30, 0, TimeSpan.Zero), update.SendAt);
        Assert.Null(update.QueuedAt);
        var words = ManualUpdateWords.FromJson(update.Message)!;
        // The languages left blank are not stored: their readers get the English words.
        Assert.Equal(["en", "fr"], words.ByLanguage.Keys);
        Assert.Equal(new ManualUpdateText("Voting has closed", "Thank you for voting.\n\nThe results are in."), words.ByLanguage["en"]);
        Assert.Equal("Le vote est clos", words.In("fr", "en").Text.Title);
        Assert.Equal("Voting has closed", words.In("sw", "en").Text.Title);
        var audit = Assert.Single(await AuditAsync(), a => a.Action.Contains("follow-up", StringComparison.Ordinal));
        Assert.Equal($"wrote follow-up update {update.UpdateId} for voters:{content.Causes[1].Id}, scheduled for 2030-01-02 10:30 UTC", audit.Action);
        Assert.DoesNotContain("Voting has closed", audit.Action, StringComparison.Ordinal);

        var page = await browser.ReadAsync("/admin/follow-ups?done=scheduled");
        Assert.Contains("Your update is scheduled", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector($"tr[data-update-id='{update.UpdateId}']")!;
        Assert.Contains("Update: “Voting has closed”", row.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Voters for “{content.Causes[1].Title}”", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Scheduled for 2030-01-02 10:30 UTC", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"form[action='/admin/follow-ups/{update.UpdateId}/cancel'] button"));
    }

    [Fact]
    public async Task AnUpdateSentNowIsDueAtOnceAndQueuedForEveryoneInItsAudience()
    {
        await app.SubscribeInTeamsAsync("anna", "ben");
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await SendNowAsync("Goal reached", FollowUpAudience.Everyone.Stored);

        Assert.Equal("/admin/follow-ups?done=sent", response.Headers.Location!.OriginalString);
        Assert.Equal(2, await Queue.QueueDueAsync(DateTimeOffset.UtcNow));
        Assert.Contains(await AuditAsync(), a => a.Action.EndsWith("for all, to send now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongInputIsRefusedBesideEachFieldInPlainWordsAndNothingIsStored()
    {
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await browser.SubmitAsync(
            NewPage,
            NewPage,
            ("title-en", ""),
            ("text-en", "Only a text"),
            ("text-fr", "Seulement un texte"),
            ("audience", "voters:no-such-cause"),
            ("sendAt", "2020-01-01T10:00"),
            ("action", "schedule"));
        var page = await Parse(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("English (en): the title is empty.", page.QuerySelector("#title-en-error")!.TextContent);
        Assert.Equal("Français (fr): the title is empty.", page.QuerySelector("#title-fr-error")!.TextContent);
        Assert.Contains("not one the campaign has", page.QuerySelector("#audience-error")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("2020-01-01 10:00 UTC has passed", page.QuerySelector("#sendAt-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, page.QuerySelectorAll("#problem-list li a").Length);
        // Each error is read out with its field, and what was typed is kept for fixing.
        Assert.Equal("title-en-error", page.QuerySelector("#title-en")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.QuerySelector("#title-en")!.GetAttribute("aria-invalid"));
        Assert.Contains("sendAt-error", page.QuerySelector("#sendAt")!.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal("Only a text", page.QuerySelector<IHtmlTextAreaElement>("#text-en")!.Value);
        Assert.Null(page.QuerySelector("#text-en")!.GetAttribute("aria-invalid"));
        Assert.Empty(await Queue.ProgressAsync(content.Id));
        Assert.DoesNotContain(await AuditAsync(), a => a.Action.Contains("follow-up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUpdateWithoutTheDefaultLanguageIsRefusedEvenWithAnotherLanguageWritten()
    {
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await browser.SubmitAsync(NewPage, NewPage, ("title-fr", "Nouvelles"), ("text-fr", "Du texte."), ("audience", "all"), ("action", "send"));
        var page = await Parse(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "The update needs a title and a text in the campaign's default language (English (en)).",
            page.QuerySelector("#title-en-error")!.TextContent);
        Assert.Empty(await Queue.ProgressAsync(content.Id));
    }

    [Fact]
    public async Task ThePreviewDrawsTheCardInEachLanguageAndSaysWhomItWouldReachNowStoringNothing()
    {
        await app.SubscribeInTeamsAsync("anna", "ben", "carla");
        await app.Services.GetRequiredService<IFollowUps>().AnswerAsync(TeamsFollowUpAnswers.AnswerOf("dan", route: null));
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var response = await browser.SubmitAsync(
            NewPage, NewPage, ("title-en", "Thank you"), ("text-en", "We did it."), ("title-fr", "Merci"), ("text-fr", "Nous l’avons fait."), ("audience", "all"), ("action", "preview"));
        var page = await Parse(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sent now, this update would reach 3 people.", page.QuerySelector("#reach")!.TextContent);
        var cards = JArray.Parse(page.QuerySelector("#preview-cards")!.TextContent);
        Assert.Equal(content.Languages.Count, cards.Count);
        var labels = page.QuerySelectorAll(".preview-card h3").Select(h => h.TextContent).ToList();
        Assert.Equal("Readers in English (en)", labels[0]);
        Assert.Contains(labels, l => l.StartsWith("Readers in Kiswahili (sw) (no words of their own: they get the English (en) words)", StringComparison.Ordinal));
        Assert.Contains("Thank you", cards[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("Merci", cards[content.Languages.ToList().IndexOf("fr")].ToString(), StringComparison.Ordinal);
        Assert.Equal("Thank you", page.QuerySelector<IHtmlInputElement>("#title-en")!.Value);
        Assert.Empty(await Queue.ProgressAsync(content.Id));
    }

    [Fact]
    public async Task AScheduledUpdateCanBeCancelledAndIsThenNeverQueuedButOneBeingSentCannot()
    {
        await app.SubscribeInTeamsAsync("anna");
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        await browser.SubmitAsync(NewPage, NewPage, ("title-en", "Later"), ("text-en", "Soon."), ("audience", "all"), ("sendAt", "2030-01-02T10:30"), ("action", "schedule"));
        await SendNowAsync("Now", "all");
        await Queue.QueueDueAsync(DateTimeOffset.UtcNow);
        var updates = await Queue.ProgressAsync(content.Id);
        var later = updates.Single(u => u.SendAt.Year == 2030).UpdateId;
        var now = updates.Single(u => u.SendAt.Year != 2030).UpdateId;

        var cancelled = await browser.SubmitAsync("/admin/follow-ups", $"/admin/follow-ups/{later}/cancel");
        var refused = await PostWithTokenAsync($"/admin/follow-ups/{now}/cancel");

        Assert.Equal("/admin/follow-ups?done=cancelled", cancelled.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("could not be cancelled", (await Parse(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Queue.QueueDueAsync(new DateTimeOffset(2030, 1, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(await AuditAsync(), a => a.Action == $"cancelled follow-up update {later}");
        var row = (await browser.ReadAsync("/admin/follow-ups")).QuerySelector($"tr[data-update-id='{later}']")!;
        Assert.Contains("Cancelled", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("form"));
    }

    [Fact]
    public async Task APostWithoutTheFormsAntiforgeryTokenIsRefusedWith400AndStoresNothing()
    {
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        await browser.SubmitAsync(NewPage, NewPage, ("title-en", "Later"), ("text-en", "Soon."), ("audience", "all"), ("sendAt", "2030-01-02T10:30"), ("action", "schedule"));
        var later = Assert.Single(await Queue.ProgressAsync(content.Id)).UpdateId;

        var write = await browser.Http.PostAsync(NewPage, new FormUrlEncodedContent(
            [new("title-en", "Forged"), new("text-en", "Forged."), new("audience", "all"), new("action", "send")]));
        var cancel = await browser.Http.PostAsync($"/admin/follow-ups/{later}/cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
        Assert.Contains("This form has expired", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        var only = Assert.Single(await Queue.ProgressAsync(content.Id));
        Assert.Null(only.CancelledAt);
    }

    [Fact]
    public async Task TheProgressAnswerCountsEachOutcomeAndEstimatesTheTimeToFinishFromTheLastMinute()
    {
        await app.SubscribeInTeamsAsync("anna", "ben", "carla", "dan");
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        await SendNowAsync("Goal reached", "all");
        var now = DateTimeOffset.UtcNow;
        await Queue.QueueDueAsync(now);
        var id = Assert.Single(await Queue.ProgressAsync(content.Id)).UpdateId;
        await Queue.RecordAsync(id, "person-key-anna", FollowUpOutcome.Sent, now);
        await Queue.RecordAsync(id, "person-key-ben", new FollowUpOutcome(FollowUpDeliveryStatus.Failed, "http 400"), now);
        await Queue.RecordAsync(id, "person-key-carla", new FollowUpOutcome(FollowUpDeliveryStatus.Blocked, "http 403"), now);

        var response = await browser.Http.GetAsync("/admin/follow-ups/progress");
        var update = (JObject)Assert.Single(JObject.Parse(await response.Content.ReadAsStringAsync())["updates"]!);

        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(id, update.Value<string>("id"));
        Assert.Equal(
            (1, 1, 1, 1, 0, 4, 75),
            (update.Value<int>("sent"), update.Value<int>("pending"), update.Value<int>("failed"), update.Value<int>("blocked"),
             update.Value<int>("skipped"), update.Value<int>("total"), update.Value<int>("percent")));
        Assert.Equal(("Sending", "3 of 4 done (75%)"), (update.Value<string>("state"), update.Value<string>("done")));
        // Three finished in the last minute and one is left: well under a minute more.
        Assert.Equal("Less than a minute", update.Value<string>("timeToFinish"));
        Assert.Equal("Update: “Goal reached”", update.Value<string>("what"));
        var row = (await browser.ReadAsync("/admin/follow-ups")).QuerySelector($"tr[data-update-id='{id}']")!;
        Assert.Equal("75", row.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("1", row.QuerySelector("[data-figure=pending]")!.TextContent);
    }

    [Fact]
    public async Task TheFollowUpsPagesAreForSignedInAdminsOnly()
    {
        var stranger = new AdminBrowser(app);

        foreach (var path in new[] { "/admin/follow-ups", NewPage, "/admin/follow-ups/progress" })
        {
            var response = await stranger.OpenAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
        }
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private Task<HttpResponseMessage> SendNowAsync(string title, string audience) =>
        browser.SubmitAsync(NewPage, NewPage, ("title-en", title), ("text-en", "Thank you."), ("audience", audience), ("action", "send"));

    /// <summary>Posts with a valid antiforgery token to an address no form posts to any more (a button the page no longer shows).</summary>
    private async Task<HttpResponseMessage> PostWithTokenAsync(string path)
    {
        var page = await browser.ReadAsync(NewPage);
        var token = page.QuerySelector<IHtmlInputElement>("form input[type=hidden]")!;
        return await browser.Http.PostAsync(path, new FormUrlEncodedContent([new(token.Name!, token.Value)]));
    }

    private async Task<IReadOnlyList<AdminAuditEntry>> AuditAsync() =>
        await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(50);

    private static async Task<IHtmlDocument> Parse(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
