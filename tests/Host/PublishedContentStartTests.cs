using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Tests.Admin;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Host;

/// <summary>The start with published content: a version that no longer validates stops it, and the operator's way back to the file.</summary>
public sealed class PublishedContentStartTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task APublishedVersionWhoseImageWasDeletedStopsTheStartAndUseFileGoesBackToTheFile()
    {
        var campaignFolder = Path.Combine(data.Path, "campaign");
        var contentFile = ShippedCampaign.CopyWith(campaignFolder, _ => { });
        File.Copy(Path.Combine(campaignFolder, "images", "yemen-crisis.png"), Path.Combine(campaignFolder, "images", "yemen-new.png"));
        var settings = AdminRequests.Settings(("Campaign:ContentFile", contentFile));
        using (var app = new BotApplication(data.Path, settings))
        {
            var draft = ContentPublishTests.Draft(json =>
            {
                json["intro"] = "The published intro.";
                json["causes"]![2]!["image"]!["file"] = "images/yemen-new.png";
            });
            var published = await app.CreateAdminClient().PutAsync("/admin/api/content", new StringContent(draft, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        File.Delete(Path.Combine(campaignFolder, "images", "yemen-new.png"));
        using (var bot = BotProcess.Start(data.Path, $"--Campaign:ContentFile={contentFile}"))
        {
            Assert.NotEqual(0, await bot.WaitForExitAsync());
            Assert.Contains("Published content version 1", bot.Output);
            Assert.Contains("published content version 1: cause 'yemen-crisis': field 'image.file' names 'images/yemen-new.png', which does not exist", bot.Output);
            Assert.Contains("dotnet run --project bot -- content use-file", bot.Output);
        }

        var (exitCode, output) = await BotProcess.RunCommandAsync("content", "use-file", $"--Storage:DataDirectory={data.Path}", $"--Campaign:ContentFile={contentFile}");

        Assert.Equal(0, exitCode);
        Assert.Contains("runs from the next start. 1 published version was withdrawn", output);
        using var restarted = new BotApplication(data.Path, settings);
        var welcome = Assert.Single(await restarted.ExpectRepliesAsync(new ChannelActivities().Joined())).AsCard();
        Assert.DoesNotContain("The published intro.", welcome.Text());
        Assert.Null(await restarted.Services.GetRequiredService<IContentVersions>().ReadRunningAsync());
        var audit = await restarted.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(1);
        Assert.Equal("went back to the content file (1 published version withdrawn)", audit[0].Action);
    }

    [Fact]
    public async Task TheStartLogsWhichContentRunsWithoutNamingWhoPublishedIt()
    {
        using (var app = new BotApplication(data.Path, AdminRequests.Settings()))
        {
            var draft = ContentPublishTests.Draft(json => json["intro"] = "Logged intro.");
            await app.CreateAdminClient().PutAsync("/admin/api/content", new StringContent(draft, Encoding.UTF8, "application/json"));
        }

        using var bot = BotProcess.Start(data.Path);
        await bot.WaitUntilHealthyAsync();

        Assert.Contains("Campaign content: published version 1", bot.Output);
        Assert.DoesNotContain("admin key", bot.Output);
        Assert.DoesNotContain("Logged intro.", bot.Output);
    }

    public void Dispose() => data.Dispose();
}
