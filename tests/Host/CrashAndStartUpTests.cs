using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Host;

public sealed class CrashAndStartUpTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task VotesAndPledgesSurviveTheProcessBeingKilled()
    {
        var content = ShippedCampaign.Load();
        var anna = new ChannelActivities("anna", "conversation-a");
        using (var bot = BotProcess.Start(data.Path))
        {
            await bot.WaitUntilHealthyAsync();
            await ExpectRepliesAsync(bot, anna.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[2].Id }));
            foreach (var answer in new[] { "pledge", "Anna", "anna@example.org", "yes", "yes" })
            {
                await ExpectRepliesAsync(bot, anna.Message(answer));
            }

            bot.Crash();
        }

        using var restarted = BotProcess.Start(data.Path);
        await restarted.WaitUntilHealthyAsync();
        var results = (await ExpectRepliesAsync(restarted, anna.Message("results"))).Single().AsCard();
        Assert.Contains($"**{content.Causes[2].Title}** (your vote): 1 vote (100%)", results.Text());
        var ben = new ChannelActivities("ben", "conversation-b");
        foreach (var answer in new[] { "pledge", "Ben", "ben@example.org", "yes" })
        {
            await ExpectRepliesAsync(restarted, ben.Message(answer));
        }

        var thanks = (await ExpectRepliesAsync(restarted, ben.Message("yes"))).Single().AsCard();
        Assert.Contains("You are one of 2 people", thanks.Text());
    }

    [Fact]
    public async Task EveryVoteAcknowledgedBeforeAKillMidStreamIsThereAfterTheRestart()
    {
        var content = ShippedCampaign.Load();
        var acknowledged = 0;
        var sent = 0;
        using (var bot = BotProcess.Start(data.Path))
        {
            await bot.WaitUntilHealthyAsync();
            using var client = new HttpClient { BaseAddress = bot.Address };
            using var stop = new CancellationTokenSource();
            // Many people voting at once, so that the kill lands while votes share a transaction.
            var voters = Enumerable.Range(0, 24).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var person = new ChannelActivities($"voter-{worker}-{i}", $"conversation-{worker}-{i}");
                    var activity = person.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[i % content.Causes.Count].Id });
                    activity["deliveryMode"] = "expectReplies";
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var response = await client.PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"));
                        if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("your vote", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref acknowledged);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            for (var waited = 0; Volatile.Read(ref acknowledged) < 300 && waited < 1200; waited++)
            {
                await Task.Delay(100);
            }

            Assert.True(Volatile.Read(ref acknowledged) >= 300, $"only {acknowledged} votes acknowledged in two minutes");
            bot.Crash();
            await stop.CancelAsync();
            await Task.WhenAll(voters);
        }

        using var restarted = BotProcess.Start(data.Path);
        await restarted.WaitUntilHealthyAsync();
        using var reader = new HttpClient { BaseAddress = restarted.Address };
        var stored = JObject.Parse(await reader.GetStringAsync("/results.json"))["votes"]!.Value<int>("total");
        Assert.InRange(stored, acknowledged, sent);
    }

    [Fact]
    public async Task ABrokenContentFileStopsTheStartWithAMessageNamingFileCauseAndField()
    {
        var campaignFolder = Path.Combine(data.Path, "campaign");
        Directory.CreateDirectory(Path.Combine(campaignFolder, "images"));
        foreach (var image in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "campaign", "images")))
        {
            File.Copy(image, Path.Combine(campaignFolder, "images", Path.GetFileName(image)));
        }

        var json = JObject.Parse(await File.ReadAllTextAsync(ShippedCampaign.ContentFile));
        json["causes"]![1]!["story"] = "";
        var contentFile = Path.Combine(campaignFolder, "my-campaign.json");
        await File.WriteAllTextAsync(contentFile, json.ToString());

        using var bot = BotProcess.Start(data.Path, $"--Campaign:ContentFile={contentFile}");
        var exitCode = await bot.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("my-campaign.json: cause 'burundi-refugees-tanzania': field 'story' is missing or empty", bot.Output);
    }

    public void Dispose() => data.Dispose();

    private static Task<IReadOnlyList<JObject>> ExpectRepliesAsync(BotProcess bot, JObject activity) =>
        ExpectReplies.PostAsync(new HttpClient { BaseAddress = bot.Address }, activity);
}
