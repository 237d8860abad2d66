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
