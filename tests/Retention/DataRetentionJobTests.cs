using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Retention;

/// <summary>The host's daily retention job, on a fake clock: the campaign ends on 2027-06-30, and with 24 months retention applies from 2029-07-01.</summary>
public sealed class DataRetentionJobTests : IDisposable
{
    private static readonly DateTimeOffset LastDayKept = new(2029, 6, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder data = new();
    private readonly TempFolder campaign = new();

    private DataFolderRows Rows => new(data.Path);

    [Fact]
    public async Task OnTheDayAfterTheRetentionPeriodTheDailyRoundTakesThePersonalDataAndKeepsTheCounts()
    {
        var clock = new FakeTimeProvider(LastDayKept);
        using var host = StartHost(clock);
        await TakePledgesAsync(host);
        var before = await RetentionCommandTests.PersonalColumnsAsync(Rows);
        Assert.Equal(2, await Rows.CountAsync("SELECT count(*) FROM consent_records"));

        clock.Advance(TimeSpan.FromDays(1));

        await Eventually.TrueAsync(
            async () => await Rows.CountAsync("SELECT count(*) FROM erasures WHERE source = 'retention'") == 1,
            "the daily round left its erasure line");
        await RetentionCommandTests.AssertPersonalDataGoneAsync(before, Rows);
        var anna = new ChannelActivities("anna", "anna-chat");
        Assert.Contains("Nothing: no vote and no pledge", (await host.ExpectRepliesAsync(anna.Message("my data"))).Single().AsCard().Text());
        Assert.Contains("1 vote so far", (await host.ExpectRepliesAsync(anna.Message("results"))).Single().AsCard().Text());
    }

    [Fact]
    public async Task AHostStartedAfterTheRetentionPeriodTakesThePersonalDataAtStart()
    {
        using (var before = new BotApplication(data.Path))
        {
            await TakePledgesAsync(before);
        }

        var personal = await RetentionCommandTests.PersonalColumnsAsync(Rows);
        using var host = StartHost(new FakeTimeProvider(LastDayKept.AddDays(400)));

        await Eventually.TrueAsync(
            async () => await Rows.CountAsync("SELECT count(*) FROM erasures WHERE source = 'retention' AND pledges = 2 AND votes = 1") == 1,
            "the round at start left its erasure line");
        await RetentionCommandTests.AssertPersonalDataGoneAsync(personal, Rows);
    }

    public void Dispose()
    {
        data.Dispose();
        campaign.Dispose();
    }

    private BotApplication StartHost(FakeTimeProvider clock)
    {
        var host = new BotApplication(
            data.Path,
            new Dictionary<string, string?> { ["Campaign:ContentFile"] = ShippedCampaign.CopyWithEndDate(campaign.Path, "2027-06-30") },
            services => services.AddSingleton<TimeProvider>(clock));
        host.CreateClient().Dispose();
        return host;
    }

    private static async Task TakePledgesAsync(BotApplication host)
    {
        var anna = new ChannelActivities("anna", "anna-chat");
        await host.ExpectRepliesAsync(anna.Click(new JObject { ["action"] = "vote", ["causeId"] = ShippedCampaign.Load().Causes[2].Id }));
        await ForgetEmailCommandTests.PledgeAsync(host, anna, "Anna", "anna@example.org");
        await ForgetEmailCommandTests.PledgeAsync(host, new ChannelActivities("ben", "ben-chat"), "Ben", "ben@example.org");
    }
}
