using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDatabase temp = new();

    [Fact]
    public async Task EveryConnectionCommitsDurablyThroughTheWriteAheadLog()
    {
        await using var connection = await temp.Database.OpenAsync();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous")); // 2 = FULL
    }

    [Fact]
    public async Task TheSchemaIsCreatedOnFirstUseAndOpeningAgainKeepsIt()
    {
        var again = temp.Reopen();

        Assert.True(await again.CanWriteAsync(TimeProvider.System));
        await using var connection = await again.OpenAsync();
        Assert.Equal(SqliteDatabase.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await PragmaAsync(connection, "user_version"));
        Assert.Equal(10, SqliteDatabase.SchemaVersion);
    }

    [Fact]
    public void ANewDatabaseFileIsReadableByTheBotsOwnUserOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.File));
    }

    public void Dispose() => temp.Dispose();

    private static async Task<string?> PragmaAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
