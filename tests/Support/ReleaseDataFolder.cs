using Microsoft.Data.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A data folder an earlier release wrote, kept in tests/Fixtures/&lt;name&gt;: its encryption keys
/// and person key secret as files, its database as the SQL that rebuilds it (a database file in git
/// could not be read in a review nor merged).
/// </summary>
public static class ReleaseDataFolder
{
    public const string DumpFileName = "pledgebot.sql";

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Writes the release's folder into <paramref name="dataDirectory"/>, its database as pledgebot.db.</summary>
    public static void CopyTo(string name, string dataDirectory)
    {
        var fixture = Fixture(name);
        foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != DumpFileName))
        {
            var target = Path.Combine(dataDirectory, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        RebuildDatabase(name, Path.Combine(dataDirectory, "pledgebot.db"));
    }

    /// <summary>The release's database file, made again from its dump (tables, indexes, triggers, rows and schema version).</summary>
    public static void RebuildDatabase(string name, string databaseFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(Path.Combine(Fixture(name), DumpFileName));
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of every table of the file (schema_migrations aside), as text, table by table in a fixed order.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> RowsOfEveryTableAsync(SqliteConnection connection, IEnumerable<string> tables)
    {
        var rows = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : $"{reader.GetName(i)}={reader.GetString(i)}")));
            }

            rows[table] = [.. lines.Order(StringComparer.Ordinal)];
        }

        return rows;
    }

    public static async Task<IReadOnlyList<string>> TablesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
