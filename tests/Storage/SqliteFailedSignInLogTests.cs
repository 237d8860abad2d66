using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteFailedSignInLogTests : IDisposable
{
    private readonly TempDatabase temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 10, 5, 0, TimeSpan.Zero));

    [Fact]
    public async Task FailuresAreOneCountingLinePerWayOfSigningInAndHour()
    {
        var failures = new SqliteFailedSignInLog(temp.Database, clock);
        var audit = new SqliteAdminAuditLog(temp.Database, clock);

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

    public void Dispose() => temp.Dispose();
}
