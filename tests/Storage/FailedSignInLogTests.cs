using Microsoft.Extensions.Time.Testing;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Failed sign-ins as counting lines of the audit log, on every database: each derived class runs these on one.</summary>
public abstract class FailedSignInLogTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 10, 5, 0, TimeSpan.Zero));

    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task FailuresAreOneCountingLinePerWayOfSigningInAndHour()
    {
        var failures = Database.FailedSignInLog(clock);
        var audit = Database.AdminAuditLog(clock);

        for (var i = 0; i < 500; i++)
        {
            await failures.RecordAsync("with the admin key");
        }

        await failures.RecordAsync("through Contoso");
        await audit.RecordAsync("admin key", "signed in");
        clock.Advance(TimeSpan.FromMinutes(50));
        await failures.RecordAsync("with the admin key");
        clock.Advance(TimeSpan.FromMinutes(10));
        await failures.RecordAsync("with the admin key");

        var lines = await audit.ReadRecentAsync(100);
        Assert.Equal(
            [
                ("(not signed in)", "failed sign-in with the admin key (1 in this hour)", 11, 5),
                ("admin key", "signed in", 10, 5),
                ("(not signed in)", "failed sign-in through Contoso (1 in this hour)", 10, 5),
                ("(not signed in)", "failed sign-in with the admin key (501 in this hour)", 10, 55),
            ],
            lines.Select(line => (line.Who, line.Action, line.At.Hour, line.At.Minute)));
    }

    [StoreFact]
    public async Task FailuresArrivingTogetherAllCountOnOneLine()
    {
        var failures = Database.FailedSignInLog(clock);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => failures.RecordAsync("with the admin key")));

        var line = Assert.Single(await Database.AdminAuditLog(clock).ReadRecentAsync(10));
        Assert.Equal(("(not signed in)", "failed sign-in with the admin key (50 in this hour)"), (line.Who, line.Action));
    }
}
