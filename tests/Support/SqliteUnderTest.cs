using System.Data.Common;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>A SQLite file in a temp folder (<see cref="TempDatabase"/>).</summary>
public sealed class SqliteUnderTest : DatabaseUnderTest
{
    public TempDatabase Temp { get; } = new();

    public override IVoteStore VoteStore(TimeProvider clock) => new SqliteVoteStore(Temp.Database, clock);

    public override IVoteStore ReopenedVoteStore(TimeProvider clock) => new SqliteVoteStore(Temp.Reopen(), clock);

    public override Task WriteAsync(Func<DbConnection, CancellationToken, Task> work) => Temp.Database.WriteAsync(work);

    public override long WriterCommits => Temp.Database.WriterCommits;

    public override ValueTask CloseAsync() => Temp.Database.DisposeAsync();

    public override Task<DbConnection> OpenRawConnectionAsync() => Task.FromResult<DbConnection>(Temp.OpenRawConnection());

    public override ValueTask DisposeAsync()
    {
        Temp.Dispose();
        return ValueTask.CompletedTask;
    }

    public override IPledgeStore PledgeStore(PersonalDataProtector protector, TimeProvider clock) => new SqlitePledgeStore(Temp.Database, protector, clock);

    public override IPledgeStore ReopenedPledgeStore(PersonalDataProtector protector, TimeProvider clock) => new SqlitePledgeStore(Temp.Reopen(), protector, clock);

    public override IConfirmationEmailQueue ConfirmationEmailQueue(PersonalDataProtector protector) => new SqliteConfirmationEmailStore(Temp.Database, protector);

    public override IPersonalDataStore PersonalDataStore(PersonalDataProtector protector, TimeProvider clock) => new SqlitePersonalDataStore(Temp.Database, protector, clock, []);

    public override IConsentStatements ConsentStatements(TimeProvider clock) => new SqliteConsentStatements(Temp.Database, clock);
}
