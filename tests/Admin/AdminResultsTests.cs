using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// A known set of votes (in Teams, the web chat and the emulator), pledges (one confirmed) and
/// referral counters, then every figure of <c>GET /admin/api/results</c>, with segments below 2 hidden.
/// </summary>
public sealed class AdminResultsTests : IDisposable
{
    private const string Code = "abcdefghjk";
    private readonly TempFolder data = new();

    [Fact]
    public async Task EveryFigureMatchesTheVotesAndPledgesStoredAndSmallSegmentsSayFewerThan()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 22, 30, 0, TimeSpan.Zero));
        using var app = new BotApplication(
            data.Path, AdminRequests.Settings(("Admin:SmallSegmentThreshold", "2")), services => services.AddSingleton<TimeProvider>(clock));
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var causes = content.Causes;
        var anna = new ChannelActivities("anna", "annas-chat");
        await app.VoteAsync(anna, causes[0].Id);
        await app.VoteAsync(new ChannelActivities("ben", "bens-chat", "msteams"), causes[0].Id);
        await app.VoteAsync(new ChannelActivities("carl", "carls-chat", "msteams"), causes[1].Id);
        clock.Advance(TimeSpan.FromHours(2));
        await app.VoteAsync(new ChannelActivities("dora", "doras-chat", "directline"), causes[1].Id);
        await app.VoteAsync(new ChannelActivities("emil", "emils-chat", "webchat"), causes[0].Id);
        await app.PledgeAsync(anna, "Anna", "anna@example.org");
        var annasEmail = (await ConfirmationEmails.InOutboxAsync(data.Path)).Single();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(ConfirmationEmails.Link(annasEmail).PathAndQuery)).StatusCode);
        await app.PledgeAsync(new ChannelActivities("fay", "fays-chat"), "Fay", "fay@example.org");
        var referrals = app.Services.GetRequiredService<IReferralStore>();
        await referrals.RecordIssuedCodeAsync(content.Id, Code);
        await referrals.RecordVisitAsync(content.Id, Code, causes[0].Id);
        await referrals.RecordConversionAsync(content.Id, Code, causes[0].Id, ReferralConversion.Vote, "person-1");
        await referrals.RecordConversionAsync(content.Id, Code, causes[0].Id, ReferralConversion.Vote, "person-2");
        await referrals.RecordConversionAsync(content.Id, Code, causes[0].Id, ReferralConversion.Pledge, "person-1");

        var response = await app.CreateAdminClient().GetAsync("/admin/api/results");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var json = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.Value<int>("smallSegmentThreshold"));
        var figures = json["public"]!;
        Assert.Equal(content.Id, figures["campaign"]!.Value<string>("id"));
        Assert.Equal(5, figures["votes"]!.Value<int>("total"));
        var perCause = figures["causes"]!.ToDictionary(c => c.Value<string>("id")!, c => c.Value<int>("votes"));
        Assert.Equal(3, perCause[causes[0].Id]);
        Assert.Equal(2, perCause[causes[1].Id]);
        Assert.All(causes.Skip(2), c => Assert.Equal(0, perCause[c.Id]));
        // Per cause totals are not segments: 0 and 1 are shown as they are.
        Assert.Equal([new JObject { ["day"] = "2026-03-01", ["votes"] = 3 }, new JObject { ["day"] = "2026-03-02", ["votes"] = 2 }],
            figures["votesPerDay"]!.Select(d => new JObject { ["day"] = d.Value<string>("day"), ["votes"] = d.Value<int>("votes") }), JToken.EqualityComparer);
        var hours = figures["votesPerHour"]!.ToList();
        Assert.Equal(48, hours.Count);
        Assert.Equal((3, 0, 2), (hours[^3].Value<int>("votes"), hours[^2].Value<int>("votes"), hours[^1].Value<int>("votes")));
        Assert.Equal(5, hours.Sum(h => h.Value<int>("votes")));
        var pledge = Assert.Single(figures["pledges"]!);
        Assert.Equal((2, 1), (pledge.Value<int>("total"), pledge.Value<int>("confirmed")));
        Assert.NotNull(pledge["goal"]!["target"]);
        Assert.True(figures["votes"]!["goal"]!.Value<int>("target") > 5);

        var channels = json["channels"]!.ToDictionary(c => c.Value<string>("channel")!, c => c["votes"]!);
        Assert.Equal(2, channels["teams"].Value<int?>("count"));
        Assert.Equal(2, channels["webChat"].Value<int?>("count"));
        Assert.Equal((null, 2), (channels["other"].Value<int?>("count"), channels["other"].Value<int?>("fewerThan")));

        var referral = Assert.Single(json["referrals"]!);
        Assert.Equal((Code, causes[0].Id, 1), (referral.Value<string>("code"), referral.Value<string>("causeId"), referral.Value<int>("visits")));
        Assert.Equal(2, referral["votes"]!.Value<int?>("count"));
        Assert.Equal((null, 2), (referral["pledges"]!.Value<int?>("count"), referral["pledges"]!.Value<int?>("fewerThan")));

        var funnel = json["funnel"]!;
        Assert.Equal((5, 2, 1), (funnel.Value<int>("voted"), funnel.Value<int>("pledged"), funnel.Value<int>("confirmed")));
        // Everyone wrote to the bot; nobody was shown a story or a share card.
        Assert.Equal((6, 0, 0), (funnel.Value<int>("joined"), funnel.Value<int>("readAStory"), funnel.Value<int>("shared")));
    }

    [Fact]
    public async Task ByDefaultASegmentOfNinePeopleIsFewerThanTenAndTheCauseTotalsStayExact()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var cause = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes[0].Id;
        for (var i = 0; i < 3; i++)
        {
            await app.VoteAsync(new ChannelActivities($"person-{i}", $"chat-{i}", "msteams"), cause);
        }

        var json = JObject.Parse(await app.CreateAdminClient().GetStringAsync("/admin/api/results"));

        Assert.Equal(10, json.Value<int>("smallSegmentThreshold"));
        Assert.All(json["channels"]!, c => Assert.Equal((null, 10), (c["votes"]!.Value<int?>("count"), c["votes"]!.Value<int?>("fewerThan"))));
        Assert.DoesNotContain("\"count\":3", json.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
        Assert.Equal(3, json["public"]!["causes"]!.Single(c => c.Value<string>("id") == cause).Value<int>("votes"));
    }

    [Fact]
    public async Task WithoutTheKeyTheFiguresAreRefused()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var none = await client.GetAsync("/admin/api/results");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/api/results");
        wrong.Headers.Authorization = new("Bearer", AdminRequests.Key + "x");
        var wrongKey = await client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.DoesNotContain("votes", await wrongKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void AThresholdBelowOneStopsTheHostNamingTheSetting()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings(("Admin:SmallSegmentThreshold", "0")));

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Admin:SmallSegmentThreshold", problem.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => data.Dispose();
}
