using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>An organiser checks, previews and publishes content with translations through the admin API.</summary>
public sealed class ContentTranslationsAdminTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task UnusableTranslationsAreListedPlainlyByTheCheckAndRefusedByAPublishWithNothingPublished()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var admin = app.CreateAdminClient();
        var draft = ContentPublishTests.Draft(json =>
        {
            json["translations"]!["de"] = new JsonObject { ["title"] = "An ihrer Seite" };
            json["translations"]!["xx"] = new JsonObject { ["title"] = "?" };
            json["translations"]!["en"] = new JsonObject { ["title"] = "Stand With Them Again" };
            json["translations"]!["fr"]!["causes"]!["no-such-cause"] = new JsonObject { ["title"] = "Aucune" };
            json["translations"]!["fr"]!["causes"]!["yemen-crisis"]!["keyFacts"] = new JsonArray("Un.", "Deux.");
            json["translations"]!["fil"]!["title"] = new string('a', 81);
            json["translations"]!["ar"]!["causes"]!["burundi-refugees-tanzania"]!["story"] = string.Join(" ", Enumerable.Repeat("كلمة", 201));
            json["translations"]!["sw"] = "Simama Pamoja Nao";
        });

        var check = await admin.PostAsync("/admin/api/content/check", Json(draft));
        var publish = await admin.PutAsync("/admin/api/content", Json(draft));

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var answer = JObject.Parse(await check.Content.ReadAsStringAsync());
        Assert.False(answer.Value<bool>("valid"));
        var problems = answer["problems"]!.Values<string>().ToList();
        Assert.Equal(
            [
                "content: translations 'fr': cause 'no-such-cause' is not one of the campaign's causes (a cause's translations go when the cause does)",
                "content: translations 'fr', cause 'yemen-crisis': field 'keyFacts' has 2 facts; the default language has 3, and each fact needs its translation",
                "content: translations 'fil': field 'title' is longer than 80 characters",
                "content: translations 'ar', cause 'burundi-refugees-tanzania': field 'story' has 201 words; keep a translated story to 200 or fewer",
                "content: translations 'sw': must be an object with the language's texts, like { \"title\": \"...\" } (got a string)",
                "content: translations 'de': 'de' is not one of the bot's languages (en, fr, fil, ar, sw); the bot's own words exist only in those",
                "content: translations 'xx': 'xx' is not one of the bot's languages (en, fr, fil, ar, sw); the bot's own words exist only in those",
                "content: translations 'en': 'en' is the default language, whose texts are the campaign's own fields",
            ],
            problems);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType!.MediaType);
        Assert.Equal(problems, JObject.Parse(await publish.Content.ReadAsStringAsync())["errors"]!.Values<string>().ToList());
        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task JsonOfTheWrongKindInsideTranslationsIsAProblemNotAServerError()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var admin = app.CreateAdminClient();

        foreach (var (change, field) in new (Action<JsonNode> Change, string Field)[]
        {
            (json => json["translations"]!["fr"]!["title"] = 42, "field 'title'"),
            (json => json["translations"]!["fr"]!["causes"]!["yemen-crisis"] = new JsonArray("La catastrophe"), "field 'causes.yemen-crisis'"),
            (json => json["translations"]!["fr"]!["reviewedByNativeSpeaker"] = "oui", "field 'reviewedByNativeSpeaker'"),
            (json => json["translations"] = "fr", "field 'translations' must be an object"),
        })
        {
            var draft = ContentPublishTests.Draft(change);
            var check = await admin.PostAsync("/admin/api/content/check", Json(draft));
            var publish = await admin.PutAsync("/admin/api/content", Json(draft));

            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            var problem = Assert.Single(JObject.Parse(await check.Content.ReadAsStringAsync())["problems"]!.Values<string>());
            Assert.Contains(field, problem);
            Assert.DoesNotContain("not valid JSON", problem);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
            var body = await publish.Content.ReadAsStringAsync();
            Assert.Equal([problem], JObject.Parse(body)["errors"]!.Values<string>());
            Assert.DoesNotContain("   at ", body);
        }

        Assert.Null(await app.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
    }

    [Fact]
    public async Task TheCheckSaysWhatEachTranslationLacksAndAPublishedTranslationIsWhatItsReadersGet()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var admin = app.CreateAdminClient();
        var draft = ContentPublishTests.Draft(json =>
        {
            json["translations"]!["fr"]!["intro"] = "Bienvenue ! Lisez quatre histoires, puis votez.";
            json["translations"]!["sw"]!.AsObject().Remove("intro");
            json["translations"]!["ar"]!["reviewedByNativeSpeaker"] = true;
        });

        var check = JObject.Parse(await (await admin.PostAsync("/admin/api/content/check", Json(draft))).Content.ReadAsStringAsync());
        var preview = await admin.PostAsync("/admin/api/content/preview", Json(draft));
        var publish = await admin.PutAsync("/admin/api/content", Json(draft));

        Assert.True(check.Value<bool>("valid"));
        Assert.Equal(
            [
                "fr (French, français): complete, not yet reviewed by a native speaker",
                "fil (Filipino, Filipino): complete, not yet reviewed by a native speaker",
                "ar (Arabic, العربية): complete, reviewed by a native speaker",
                "sw (Swahili, Kiswahili): not yet reviewed by a native speaker; 1 text missing, shown in en instead: intro",
            ],
            check["translations"]!.Values<string>());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var inFrench = new ChannelActivities("amelie", "amelies-chat").Joined();
        inFrench["locale"] = "fr-CA";
        var inSwahili = new ChannelActivities("baraka", "barakas-chat").Joined();
        inSwahili["locale"] = "sw-TZ";
        var french = (await app.ExpectRepliesAsync(inFrench))[^1].AsCard().Text();
        var swahili = (await app.ExpectRepliesAsync(inSwahili))[^1].AsCard().Text();
        Assert.Contains("Bienvenue ! Lisez quatre histoires, puis votez.", french);
        Assert.Contains("Welcome to Stand With Them.", swahili);
        Assert.DoesNotContain("Bienvenue", (await app.ExpectRepliesAsync(new ChannelActivities().Joined()))[^1].AsCard().Text());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public void Dispose() => data.Dispose();
}
