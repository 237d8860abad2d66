using Newtonsoft.Json.Linq;
using PledgeBot.Privacy;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Retention;

/// <summary>The built bot run as <c>retention [--dry-run]</c> on a folder where the host stored pledges and a vote.</summary>
public sealed class RetentionCommandTests : IDisposable
{
    private const string Pledge = "not-on-my-screen";
    private readonly TempFolder data = new();
    private readonly TempFolder campaign = new();

    private DataFolderRows Rows => new(data.Path);

    private string Settings => $"--Storage:DataDirectory={data.Path}";

    // Ended long ago: with the default 24 months, retention has applied since 2022-02-01.
    private string EndedCampaign => $"--Campaign:ContentFile={ShippedCampaign.CopyWithEndDate(campaign.Path, "2020-01-31")}";

    [Fact]
    public async Task ADryRunShowsPerPledgeWhatWouldGoAndTheDateAndChangesNothing()
    {
        await TakePledgesThroughTheHostAsync();
        var before = await PersonalColumnsAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("retention", "--dry-run", Settings, EndedCampaign);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Campaign 'stand-with-them' ended on 2020-01-31; personal data is kept 24 months after that, so retention applies from 2022-02-01.", output);
        Assert.Contains("It is due. Applying it now would take:", output);
        Assert.Contains($"pledge '{Pledge}': the first names, emails and keys of 2 pledges, 2 consent records, 2 confirmation email records", output);
        Assert.Contains("votes: the person keys of 1 vote", output);
        Assert.Contains("Nothing was changed (dry run).", output);
        Assert.Equal(before, await PersonalColumnsAsync());
        Assert.Equal(2, await Rows.CountAsync("SELECT count(*) FROM consent_records"));
        Assert.Equal(0, await Rows.CountAsync("SELECT count(*) FROM erasures"));
    }

    [Fact]
    public async Task RetentionTakesThePersonalDataWhenDueAndEveryCountStaysTheSame()
    {
        await TakePledgesThroughTheHostAsync();
        var before = await PersonalColumnsAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("retention", Settings, EndedCampaign);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"pledge '{Pledge}': the first names, emails and keys of 2 pledges, 2 consent records", output);
        Assert.DoesNotContain("anna", output, StringComparison.OrdinalIgnoreCase);
        await AssertPersonalDataGoneAsync(before, Rows);
        Assert.Equal(1, await Rows.CountAsync(
            "SELECT count(*) FROM erasures WHERE source = 'retention' AND pledges = 2 AND votes = 1 AND consent_records = 2"));

        // A second run finds nothing left, and a dry run says so.
        var again = await BotProcess.RunCommandAsync("retention", "--dry-run", Settings, EndedCampaign);
        Assert.Contains("the first names, emails and keys of 0 pledges, 0 consent records", again.Output);
        Assert.Contains("votes: the person keys of 0 votes", again.Output);

        // The host on the same folder: counts and tallies as before, Anna unknown.
        using var restarted = new BotApplication(data.Path);
        var anna = new ChannelActivities("anna", "anna-chat");
        Assert.Contains("Nothing: no vote and no pledge", (await restarted.ExpectRepliesAsync(anna.Message("my data"))).Single().AsCard().Text());
        var results = (await restarted.ExpectRepliesAsync(anna.Message("results"))).Single().AsCard().Text();
        Assert.Contains("1 vote so far", results);
        var thanks = await ForgetEmailCommandTests.PledgeAsync(restarted, new ChannelActivities("cleo", "cleo-chat"), "Cleo", "cleo@example.org");
        Assert.Contains("You are one of 3 people", thanks);
    }

    [Fact]
    public async Task BeforeItIsDueRetentionSaysWhenAndChangesNothing()
    {
        await TakePledgesThroughTheHostAsync();
        var before = await PersonalColumnsAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("retention", Settings, EndedCampaign, "--Privacy:RetentionMonths=1200");

        Assert.True(exitCode == 0, output);
        Assert.Contains("It is not due yet: it applies from 2120-02-01. Nothing was changed.", output);
        Assert.Equal(before, await PersonalColumnsAsync());
        Assert.Equal(0, await Rows.CountAsync("SELECT count(*) FROM erasures"));
    }

    [Fact]
    public async Task ACampaignWithoutAnEndDateKeepsItsDataUntilPeopleAsk()
    {
        await TakePledgesThroughTheHostAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("retention", Settings);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Campaign 'stand-with-them' has no end date (endsOn in the campaign content file)", output);
        Assert.Equal(2, await Rows.CountAsync("SELECT count(*) FROM consent_records"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task ARetentionPeriodOfNoMonthsIsRefusedNamingTheSetting(string months)
    {
        await TakePledgesThroughTheHostAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("retention", Settings, EndedCampaign, $"--Privacy:RetentionMonths={months}");

        Assert.Equal(DataCommandHost.Failed, exitCode);
        Assert.Contains("Privacy:RetentionMonths must be a whole number of months from 1 to 1200.", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(2, await Rows.CountAsync("SELECT count(*) FROM consent_records"));
    }

    [Fact]
    public async Task AMistypedOptionIsRefusedRatherThanTakenForARealRun()
    {
        await TakePledgesThroughTheHostAsync();

        var (exitCode, output) = await BotProcess.RunCommandAsync("retention", "--dryrun", Settings, EndedCampaign);

        Assert.Equal(DataCommandHost.Refused, exitCode);
        Assert.Contains("Unknown option '--dryrun'.", output);
        Assert.Equal(2, await Rows.CountAsync("SELECT count(*) FROM consent_records"));
    }

    public void Dispose()
    {
        data.Dispose();
        campaign.Dispose();
    }

    /// <summary>
    /// After retention: every pledge and vote row is still there (so counts and tallies are the
    /// same), with no name, email, key or consent record left from before.
    /// </summary>
    internal static async Task AssertPersonalDataGoneAsync(IReadOnlyList<object?> before, DataFolderRows rows)
    {
        Assert.Equal(2, await rows.CountAsync("SELECT count(*) FROM pledges WHERE first_name = '' AND email = '' AND retained_at IS NOT NULL"));
        Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM votes WHERE retained_at IS NOT NULL"));
        Assert.Equal(0, await rows.CountAsync("SELECT count(*) FROM consent_records"));
        var after = await PersonalColumnsAsync(rows);
        Assert.Empty(after.Where(v => v is string { Length: > 0 }).Intersect(before.Where(v => v is string { Length: > 0 })));
        Assert.Equal(2, await rows.CountAsync("SELECT count(*) FROM pledges WHERE consented_at LIKE '____-__-__T00:00:00.0000000+00:00'"));
    }

    /// <summary>Every stored value that names or points at a person: names, emails, keys, record ids.</summary>
    internal static Task<IReadOnlyList<object?>> PersonalColumnsAsync(DataFolderRows rows) => rows.ColumnAsync("""
        SELECT first_name FROM pledges UNION ALL SELECT email FROM pledges UNION ALL SELECT person_key FROM pledges
        UNION ALL SELECT email_key FROM pledges UNION ALL SELECT record_id FROM pledges UNION ALL SELECT person_key FROM votes
        """);

    private Task<IReadOnlyList<object?>> PersonalColumnsAsync() => PersonalColumnsAsync(Rows);

    /// <summary>Anna votes and pledges, Ben pledges, through the real host (no end date yet); then the host stops.</summary>
    private async Task TakePledgesThroughTheHostAsync()
    {
        using var host = new BotApplication(data.Path);
        var anna = new ChannelActivities("anna", "anna-chat");
        await host.ExpectRepliesAsync(anna.Click(new JObject { ["action"] = "vote", ["causeId"] = ShippedCampaign.Load().Causes[2].Id }));
        await ForgetEmailCommandTests.PledgeAsync(host, anna, "Anna", "anna@example.org");
        await ForgetEmailCommandTests.PledgeAsync(host, new ChannelActivities("ben", "ben-chat"), "Ben", "ben@example.org");
    }
}
