using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PledgeBot.Storage.Postgres;

namespace PledgeBot.Storage;

/// <summary>
/// Copies a campaign's SQLite database into an empty PostgreSQL database (the <c>migrate-to</c>
/// command): every table's rows, with SQLite's text instants, days and 0/1 flags turned into
/// PostgreSQL's <c>timestamptz</c>, <c>date</c> and <c>boolean</c>, ids kept, encrypted values as they
/// are. All of it is written in one transaction, so a failure leaves the target as empty as it was.
/// </summary>
public static class SqliteToPostgresCopy
{
    /// <summary>
    /// Not copied: each database's own record of its steps; the health check's probe row, which the
    /// target's schema already has; the tallies, rebuilt from the copied votes on the target
    /// (on PostgreSQL they are <c>vote_counts</c> plus <c>vote_count_changes</c>).
    /// </summary>
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "schema_migrations", "health_probe", "vote_counts", "vote_count_changes",
    };

    /// <summary>Rows read from SQLite and written to PostgreSQL for one table.</summary>
    public sealed record TableCopied(string Table, long Read, long Written, long OnTarget)
    {
        public bool Complete => Read == Written && Written == OnTarget;
    }

    /// <summary>The tables of the target that hold rows (the probe row aside); empty for a target that may be copied into.</summary>
    public static async Task<IReadOnlyList<string>> TablesHoldingDataAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var holding = new List<string>();
        foreach (var table in await TablesAsync(target, cancellationToken))
        {
            // Rows the schema itself writes: the probe, the built-in Direct Line's totals.
            if (table is "schema_migrations" or "health_probe" or "directline_totals")
            {
                continue;
            }

            await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM \"{table}\")", target);
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
            {
                holding.Add(table);
            }
        }

        return holding;
    }

    /// <summary>
    /// Copies every table of <paramref name="source"/> into <paramref name="target"/> (migrated to the
    /// current schema, empty) and rebuilds the tallies, in one transaction on the target and one
    /// snapshot of the source. Throws <see cref="InvalidOperationException"/> when a count does not
    /// match or the two schemas do not fit; the transaction is then rolled back.
    /// </summary>
    public static async Task<IReadOnlyList<TableCopied>> CopyAsync(SqliteConnection source, NpgsqlConnection target, CancellationToken cancellationToken = default)
    {
        // One read transaction: every table is read as of one moment, even if a bot writes meanwhile.
        // Begun as SQL rather than with BeginTransaction, which would make every command name it.
        await ExecuteAsync(source, "BEGIN", cancellationToken);
        try
        {
            return await CopyInSnapshotAsync(source, target, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(source, "ROLLBACK", CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<TableCopied>> CopyInSnapshotAsync(SqliteConnection source, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        var holding = await TablesHoldingDataAsync(target, cancellationToken);
        if (holding.Count > 0)
        {
            throw new InvalidOperationException($"The PostgreSQL database already holds data (in {string.Join(", ", holding)}); nothing was copied.");
        }

        var targetTables = (await TablesAsync(target, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var copied = new List<TableCopied>();
        foreach (var table in await SqliteTablesAsync(source, cancellationToken))
        {
            if (NotCopied.Contains(table))
            {
                continue;
            }

            if (!targetTables.Contains(table))
            {
                throw new InvalidOperationException($"The PostgreSQL schema has no table '{table}': the SQLite database is newer than this version of the bot knows.");
            }

            copied.Add(await CopyTableAsync(source, target, table, cancellationToken));
        }

        await RebuildTalliesAsync(target, cancellationToken);
        copied.Add(await CheckTalliesAsync(source, target, cancellationToken));
        if (copied.FirstOrDefault(t => !t.Complete) is { } mismatch)
        {
            throw new InvalidOperationException($"The copy of '{mismatch.Table}' does not match: {mismatch.Read} rows read, {mismatch.Written} written, {mismatch.OnTarget} on the target; nothing was copied.");
        }

        await transaction.CommitAsync(cancellationToken);
        return copied;
    }

    private static async Task<TableCopied> CopyTableAsync(SqliteConnection source, NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        var columns = await TargetColumnsAsync(target, table, cancellationToken);
        var sourceColumns = await SqliteColumnsAsync(source, table, cancellationToken);
        if (sourceColumns.Names.FirstOrDefault(name => columns.All(c => c.Name != name)) is { } missing)
        {
            throw new InvalidOperationException($"The PostgreSQL table '{table}' has no column '{missing}': the SQLite database is newer than this version of the bot knows.");
        }

        // SQLite's implicit rowid becomes the table's identity column (admin_audit.id, erasures.id,
        // crm_outbox.seq), so rows keep the ids and the order the stores rely on. Columns only
        // PostgreSQL has otherwise (crm_outbox.prepared) get their defaults.
        columns = columns.Where(c => sourceColumns.Names.Contains(c.Name) || c.IsIdentity).ToList();
        var selected = columns.Select(c => sourceColumns.Names.Contains(c.Name) ? $"\"{c.Name}\"" : c.IsIdentity ? "rowid" : "NULL");
        var order = sourceColumns.PrimaryKey.Count > 0 ? string.Join(", ", sourceColumns.PrimaryKey.Select(c => $"\"{c}\"")) : "rowid";
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", selected)} FROM \"{table}\" ORDER BY {order}";

        long rowsRead = 0;
        ulong rowsWritten;
        // Binary COPY: one round trip per table. It writes identity columns as given, as INSERT's OVERRIDING SYSTEM VALUE would.
        await using (var copy = await target.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rowsRead++;
                await copy.StartRowAsync(cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = Convert(reader.GetValue(i), columns[i], table);
                    if (value is null)
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await copy.WriteAsync(value, columns[i].Type, cancellationToken);
                    }
                }
            }

            rowsWritten = await copy.CompleteAsync(cancellationToken);
        }

        foreach (var identity in columns.Where(c => c.IsIdentity))
        {
            // The next id the target hands out follows the copied ones.
            await using var follow = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{identity.Name}'), coalesce(max(\"{identity.Name}\"), 0) + 1, false) FROM \"{table}\"", target);
            await follow.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TableCopied(table, rowsRead, (long)rowsWritten, await CountAsync(target, table, cancellationToken));
    }

    /// <summary>SQLite's value as the target column's type wants it; null for NULL.</summary>
    private static object? Convert(object value, TargetColumn column, string table)
    {
        if (value is DBNull)
        {
            return null;
        }

        try
        {
            return column.Type switch
            {
                // Instants are stored as ISO 8601 text; Npgsql writes timestamptz from UTC only.
                NpgsqlDbType.TimestampTz => value switch
                {
                    long seconds => DateTimeOffset.FromUnixTimeSeconds(seconds),
                    "" => null,
                    _ => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
                },
                NpgsqlDbType.Date => DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                NpgsqlDbType.Boolean => (long)value != 0,
                NpgsqlDbType.Integer => checked((int)(long)value),
                NpgsqlDbType.Bigint => (long)value,
                _ => value is string text ? text : System.Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception problem) when (problem is FormatException or InvalidCastException or OverflowException)
        {
            // The value itself is not shown: it may be personal data.
            throw new InvalidOperationException($"A value in {table}.{column.Name} cannot be stored as PostgreSQL's {column.DataType}; nothing was copied.", problem);
        }
    }

    /// <summary>The tally from the copied votes, as the schema's step fills it: the triggers' changes made by the copy are replaced.</summary>
    private static async Task RebuildTalliesAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var rebuild = new NpgsqlCommand("""
            DELETE FROM vote_count_changes;
            DELETE FROM vote_counts;
            INSERT INTO vote_counts (campaign_id, cause_id, votes)
                SELECT campaign_id, cause_id, count(*) FROM votes GROUP BY campaign_id, cause_id;
            """, target);
        await rebuild.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The tallies on both sides, as votes per campaign and cause (causes left with no vote aside): read, written and on the target as votes counted.</summary>
    private static async Task<TableCopied> CheckTalliesAsync(SqliteConnection source, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var read = source.CreateCommand();
        read.CommandText = "SELECT coalesce(sum(votes), 0) FROM vote_counts WHERE votes > 0";
        var inSource = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
        await using var written = new NpgsqlCommand("SELECT coalesce(sum(votes), 0)::bigint FROM vote_counts", target);
        var onTarget = (long)(await written.ExecuteScalarAsync(cancellationToken))!;
        await using var votes = new NpgsqlCommand("SELECT count(*) FROM votes", target);
        var votesOnTarget = (long)(await votes.ExecuteScalarAsync(cancellationToken))!;
        return new TableCopied("vote_counts (votes counted)", inSource, onTarget, votesOnTarget);
    }

    private sealed record TargetColumn(string Name, string DataType, NpgsqlDbType Type, bool IsIdentity);

    private static async Task<List<TargetColumn>> TargetColumnsAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT column_name, data_type, is_identity = 'YES'
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            ORDER BY ordinal_position
            """, target);
        command.Parameters.AddWithValue(table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<TargetColumn>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var dataType = reader.GetString(1);
            var type = dataType switch
            {
                "timestamp with time zone" => NpgsqlDbType.TimestampTz,
                "date" => NpgsqlDbType.Date,
                "boolean" => NpgsqlDbType.Boolean,
                "integer" => NpgsqlDbType.Integer,
                "bigint" => NpgsqlDbType.Bigint,
                "json" => NpgsqlDbType.Json,
                "text" => NpgsqlDbType.Text,
                _ => throw new InvalidOperationException($"The PostgreSQL column {table}.{reader.GetString(0)} has a type the copy does not know ({dataType})."),
            };
            columns.Add(new TargetColumn(reader.GetString(0), dataType, type, reader.GetBoolean(2)));
        }

        return columns;
    }

    private static async Task<(HashSet<string> Names, List<string> PrimaryKey)> SqliteColumnsAsync(SqliteConnection source, string table, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.CommandText = "SELECT name, pk FROM pragma_table_info($table) ORDER BY pk";
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var primaryKey = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
            if (reader.GetInt64(1) > 0)
            {
                primaryKey.Add(reader.GetString(0));
            }
        }

        return (names, primaryKey);
    }

    private static async Task<List<string>> SqliteTablesAsync(SqliteConnection source, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", target);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CountAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", target);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
