using Microsoft.Data.Sqlite;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The database file's versioned steps: each applied once and recorded, whole or not at all, however many processes open the file together, and never by older code onto a newer file.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempFolder folder = new();

    private string File => Path.Combine(folder.Path, "pledgebot.db");

    /// <summary>Today's steps and one more, as a later release would have them.</summary>
    private static IReadOnlyList<SchemaMigration> WithALaterStep(string sql = "CREATE TABLE later_things (id INTEGER PRIMARY KEY)") =>
        [.. SqliteSchema.Migrations, new SchemaMigration(SqliteDatabase.SchemaVersion + 1, "later things", sql)];

    [Fact]
    public async Task ANewFileGetsEveryStepOnceAndUserVersionFollowsTheHighest()
    {
        await using (new SqliteDatabase(File))
        {
        }

        await using (var again = new SqliteDatabase(File))
        {
            Assert.Equal(SqliteSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync());
            Assert.Equal(SqliteDatabase.SchemaVersion, await UserVersionAsync());
        }
    }

    [Fact]
    public async Task ALaterStepIsAppliedOnceAndRecordedWithItsDescription()
    {
        await using (new SqliteDatabase(File))
        {
        }

        await using (new SqliteDatabase(File, WithALaterStep()))
        {
        }

        await using (new SqliteDatabase(File, WithALaterStep()))
        {
        }

        Assert.Equal([.. SqliteSchema.Migrations.Select(m => m.Version), SqliteDatabase.SchemaVersion + 1], await AppliedVersionsAsync());
        Assert.Equal("later things", await ScalarAsync($"SELECT description FROM schema_migrations WHERE version = {SqliteDatabase.SchemaVersion + 1}"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM later_things"));
        Assert.Equal(SqliteDatabase.SchemaVersion + 1, await UserVersionAsync());
    }

    [Fact]
    public async Task AStepThatFailsLeavesNothingHalfMadeAndTheFileStillOpens()
    {
        await using (new SqliteDatabase(File))
        {
        }

        Assert.Throws<SqliteException>(() => new SqliteDatabase(File, WithALaterStep("CREATE TABLE later_things (id INTEGER); SELECT * FROM no_such_table")));

        Assert.Equal(SqliteSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'later_things'"));
        await using var database = new SqliteDatabase(File);
        Assert.True(await database.CanWriteAsync(TimeProvider.System));
    }

    [Fact]
    public async Task AFileMigratedByANewerVersionIsRefusedNamingTheFileAndBothVersionsAndNothingIsWritten()
    {
        await using (new SqliteDatabase(File, WithALaterStep()))
        {
        }

        SqliteConnection.ClearAllPools();
        var written = await System.IO.File.ReadAllBytesAsync(File);
        var newer = SqliteDatabase.SchemaVersion + 1;

        var refused = Assert.Throws<InvalidOperationException>(() => new SqliteDatabase(File));

        Assert.Equal(
            $"The database file '{File}' was migrated by a newer version of the bot (schema {newer}; this version knows {newer - 1}). Run the newer version, or restore a backup.",
            refused.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(written, await System.IO.File.ReadAllBytesAsync(File));
        Assert.False(System.IO.File.Exists(File + "-wal") && new FileInfo(File + "-wal").Length > 0, "nothing was written to the log either");
    }

    [Fact]
    public async Task TwoDatabasesOpeningOneNewFileAtOnceMigrateOneAfterTheOtherAndBothWork()
    {
        // The later step holds the write lock a while, so the second opener meets the first mid-way.
        var slow = WithALaterStep("""
            CREATE TABLE later_things (id INTEGER PRIMARY KEY);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
            INSERT INTO later_things (id) SELECT i FROM n;
            """);
        using var start = new ManualResetEventSlim();
        var openers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return new SqliteDatabase(File, slow);
        })).ToList();

        start.Set();
        var opened = await Task.WhenAll(openers);

        Assert.Equal(slow.Select(m => m.Version), await AppliedVersionsAsync());
        Assert.Equal(200000L, await ScalarAsync("SELECT count(*) FROM later_things"));
        var votes = opened.Select(database => new SqliteVoteStore(database, TimeProvider.System)).ToList();
        await votes[0].RecordVoteAsync(new VoteRequest("stand-with-them", "anna", "yemen-crisis", "request-1"));
        await votes[1].RecordVoteAsync(new VoteRequest("stand-with-them", "ben", "yemen-crisis", "request-2"));
        Assert.Equal(2, (await votes[1].GetTallyAsync("stand-with-them")).Total);
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
    }

    public void Dispose() => folder.Dispose();

    private async Task<IReadOnlyList<int>> AppliedVersionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private async Task<int> UserVersionAsync() => Convert.ToInt32(await ScalarAsync("PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
