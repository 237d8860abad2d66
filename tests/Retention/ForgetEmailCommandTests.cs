using Newtonsoft.Json.Linq;
using PledgeBot.Privacy;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Retention;

/// <summary>Erasure by email address for a request by post or email: the built bot run as <c>forget --email</c>.</summary>
public sealed class ForgetEmailCommandTests : IDisposable
{
    private readonly TempFolder data = new();

    private DataFolderRows Rows => new(data.Path);

    [Fact]
    public async Task ForgettingAnAddressErasesItsPledgeVoteAndConsentLeavesAnAuditLineAndNeverPrintsTheAddress()
    {
        await TakePledgesThroughTheHostAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("forget", "--email", " Anna@Example.ORG ", $"--Storage:DataDirectory={data.Path}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Erased 1 pledge, 1 vote and 1 consent record for that address.", output);
        Assert.DoesNotContain("anna", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Rows.CountAsync("SELECT count(*) FROM pledges"));
        Assert.Equal(0, await Rows.CountAsync("SELECT count(*) FROM votes"));
        Assert.Equal(1, await Rows.CountAsync("SELECT count(*) FROM consent_records"));
        Assert.Equal(1, await Rows.CountAsync(
            "SELECT count(*) FROM erasures WHERE source = 'command' AND votes = 1 AND pledges = 1 AND consent_records = 1"));

        // The host, started again on the folder, has forgotten Anna and still counts Ben.
        using var restarted = new BotApplication(data.Path);
        var myData = (await restarted.ExpectRepliesAsync(new ChannelActivities("anna", "anna-chat").Message("my data"))).Single().AsCard();
        Assert.Contains("Nothing: no vote and no pledge", myData.Text());
        var thanks = await PledgeAsync(restarted, new ChannelActivities("cleo", "cleo-chat"), "Cleo", "cleo@example.org");
        Assert.Contains("You are one of 2 people", thanks);
    }

    [Fact]
    public async Task AnAddressWithNothingStoredSaysSoAndStillLeavesAnAuditLine()
    {
        await TakePledgesThroughTheHostAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("forget", "--email=nobody@example.org", $"--Storage:DataDirectory={data.Path}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Nothing is stored for that address.", output);
        Assert.Equal(2, await Rows.CountAsync("SELECT count(*) FROM pledges"));
        Assert.Equal(1, await Rows.CountAsync("SELECT count(*) FROM erasures WHERE source = 'command' AND pledges = 0"));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("anna@localhost")]
    [InlineData("Anna <anna@example.org>")]
    public async Task AnInvalidAddressIsRefusedWithExitCode2WithoutRepeatingIt(string email)
    {
        var (exitCode, output) = await BotProcess.RunCommandAsync("forget", "--email", email, $"--Storage:DataDirectory={data.Path}");

        Assert.Equal(DataCommandHost.Refused, exitCode);
        Assert.Contains("--email must be an email address such as name@example.org.", output);
        Assert.DoesNotContain(email, output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(Directory.Exists(data.Path));
    }

    [Fact]
    public async Task TwoAddressesInOneRunAreRefusedRatherThanOneOfThemGuessed()
    {
        var (exitCode, output) = await BotProcess.RunCommandAsync(
            "forget", "--email", "anna@example.org", "--email", "ben@example.org", $"--Storage:DataDirectory={data.Path}");

        Assert.Equal(DataCommandHost.Refused, exitCode);
        Assert.Contains("--email is given more than once", output);
        Assert.DoesNotContain("example.org", output);
    }

    [Fact]
    public async Task AMissingAddressIsRefusedWithExitCode2AndTheUsage()
    {
        var (exitCode, output) = await BotProcess.RunCommandAsync("forget", $"--Storage:DataDirectory={data.Path}");

        Assert.Equal(DataCommandHost.Refused, exitCode);
        Assert.Contains("--email is required", output);
        Assert.Contains("Usage: dotnet run --project bot -- forget --email <address>", output);
    }

    [Fact]
    public async Task AFolderWithoutADatabaseIsNamedInsteadOfBeingFilledWithAnEmptyOne()
    {
        var (exitCode, output) = await BotProcess.RunCommandAsync("forget", "--email", "anna@example.org", $"--Storage:DataDirectory={data.Path}");

        Assert.Equal(DataCommandHost.Failed, exitCode);
        Assert.Contains($"There is no database at '{Path.Combine(data.Path, "pledgebot.db")}'", output);
        Assert.False(File.Exists(Path.Combine(data.Path, "pledgebot.db")));
    }

    public void Dispose() => data.Dispose();

    /// <summary>Anna votes and pledges, Ben pledges, through the real host on the test's data folder; then the host stops.</summary>
    private async Task TakePledgesThroughTheHostAsync()
    {
        using var host = new BotApplication(data.Path);
        var anna = new ChannelActivities("anna", "anna-chat");
        await host.ExpectRepliesAsync(anna.Click(new JObject { ["action"] = "vote", ["causeId"] = ShippedCampaign.Load().Causes[2].Id }));
        await PledgeAsync(host, anna, "Anna", "anna@example.org");
        await PledgeAsync(host, new ChannelActivities("ben", "ben-chat"), "Ben", "ben@example.org");
    }

    internal static async Task<string> PledgeAsync(BotApplication host, ChannelActivities person, string firstName, string email)
    {
        foreach (var answer in new[] { "pledge", firstName, email, "yes" })
        {
            await host.ExpectRepliesAsync(person.Message(answer));
        }

        return (await host.ExpectRepliesAsync(person.Message("yes"))).Single().AsCard().Text();
    }
}
