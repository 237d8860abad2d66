using Microsoft.Data.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>Reads the database in a bot's data folder directly, behind the stores' backs, to check what is stored.</summary>
public sealed class DataFolderRows(string dataDirectory)
{
    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        (await ColumnAsync(sql, parameters)).FirstOrDefault();

    public async Task<IReadOnlyList<object?>> ColumnAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "pledgebot.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<object?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }

        return values;
    }
}
