using Microsoft.Data.Sqlite;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// Rows the bot wrote in a window, read from its database file after the window. Every table a
/// turn writes has a time of writing in UTC round-trip text (so text order is time order), except
/// the funnel's and referrals' tables, which only ever gain rows from turns; so a row counts when
/// its time is in the window, or as the growth of those tables. A row written twice in one window
/// (the same person's state, say) counts once, so this is a lower bound of row writes; each vote
/// request (one per vote turn) and each vote, pledge and consent record counts exactly.
/// </summary>
public sealed class DatabaseWrites(string databaseFile)
{
    private static readonly (string Table, string Column)[] TimedTables =
    [
        ("votes", "voted_at"),
        ("vote_requests", "received_at"),
        ("pledges", "consented_at"),
        ("consent_records", "recorded_at"),
        ("confirmation_emails", "queued_at"),
        ("bot_state", "updated_at"),
    ];

    private static readonly string[] GrowingTables = ["funnel_steps", "referral_codes", "referral_conversions"];

    public bool Exists => File.Exists(databaseFile);

    /// <summary>The row counts of the tables without a time of writing, before a window.</summary>
    public async Task<long> GrowingRowsAsync()
    {
        if (!Exists)
        {
            return 0;
        }

        await using var connection = await OpenAsync();
        long rows = 0;
        foreach (var table in GrowingTables)
        {
            rows += await ScalarAsync(connection, $"SELECT count(*) FROM {table}");
        }

        return rows;
    }

    public async Task<long> RowsWrittenSinceAsync(DateTimeOffset start, long growingRowsBefore)
    {
        if (!Exists)
        {
            return 0;
        }

        await using var connection = await OpenAsync();
        var since = start.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        long rows = 0;
        foreach (var (table, column) in TimedTables)
        {
            rows += await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE {column} >= $since", since);
        }

        return rows + await GrowingRowsAsync() - growingRowsBefore;
    }

    /// <summary>Votes stored: the smoke test's proof that each vote turn was kept.</summary>
    public async Task<long> VotesAsync()
    {
        await using var connection = await OpenAsync();
        return await ScalarAsync(connection, "SELECT count(*) FROM votes");
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, string? since = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (since is not null)
        {
            command.Parameters.AddWithValue("$since", since);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
