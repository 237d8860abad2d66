using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>What admins did, on every database: each derived class runs these on one.</summary>
public abstract class AdminAuditLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 10, 5, 0, TimeSpan.Zero));
    private DatabaseUnderTest database = null!;
    private IAdminAuditLog audit = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        audit = database.AdminAuditLog(clock);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [StoreFact]
    public async Task TheNewestLinesComeFirstWithWhoWhatAndWhen()
    {
        await audit.RecordAsync("admin key", "signed in");
        clock.Advance(TimeSpan.FromMinutes(3));
        await audit.RecordAsync("ada@example.org", "exported the pledges");
        clock.Advance(TimeSpan.FromMinutes(3));
        await audit.RecordAsync("admin key", "signed out");

        var lines = await audit.ReadRecentAsync(2);

        Assert.Equal(
            [
                new AdminAuditEntry(new DateTimeOffset(2026, 11, 26, 10, 11, 0, TimeSpan.Zero), "admin key", "signed out"),
                new AdminAuditEntry(new DateTimeOffset(2026, 11, 26, 10, 8, 0, TimeSpan.Zero), "ada@example.org", "exported the pledges"),
            ],
            lines);
    }

    [StoreFact]
    public async Task LinesWrittenInTheSameInstantKeepTheirOrder()
    {
        foreach (var action in new[] { "first", "second", "third" })
        {
            await audit.RecordAsync("admin key", action);
        }

        Assert.Equal(["third", "second", "first"], (await audit.ReadRecentAsync(10)).Select(line => line.Action));
    }

    [StoreFact]
    public async Task AnOverlongNameOrActionIsCutToFiveHundredCharactersAndStillRecorded()
    {
        await audit.RecordAsync(new string('n', 2000), "erased " + new string('x', 2000));

        var line = Assert.Single(await audit.ReadRecentAsync(10));
        Assert.Equal(new string('n', 500), line.Who);
        Assert.Equal(500, line.Action.Length);
        Assert.StartsWith("erased xxx", line.Action, StringComparison.Ordinal);
    }
}
