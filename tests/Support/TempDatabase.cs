using Microsoft.Data.Sqlite;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>A real SQLite file in a fresh temp folder, deleted when the test is done.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly TempFolder folder = new();

    public TempDatabase()
    {
        File = Path.Combine(folder.Path, "pledgebot.db");
        Database = new SqliteDatabase(File);
    }

    public string File { get; }

    public string Folder => folder.Path;

    public SqliteDatabase Database { get; }

    /// <summary>Opens the same file afresh, as a restarted bot would: no pooled connection is reused.</summary>
    public SqliteDatabase Reopen()
    {
        SqliteConnection.ClearAllPools();
        return new SqliteDatabase(File);
    }

    /// <summary>A plain connection to the file, for checking or tampering with rows behind the stores' backs.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        Database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        folder.Dispose();
    }
}
