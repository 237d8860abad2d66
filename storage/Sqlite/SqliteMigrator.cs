using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Brings a database file's schema up to <see cref="SqliteSchema.Migrations"/>. Every step not yet
/// in <c>schema_migrations</c> is applied, and recorded, in one transaction begun with
/// <c>BEGIN IMMEDIATE</c>, which takes the file's write lock before anything is read: two processes
/// opening the same file migrate one after the other, the second finding nothing left to do.
/// SQLite's DDL is transactional, so a step that fails leaves nothing half-made. A file with a step
/// this code does not know was written by a newer version and is refused before anything is written.
/// </summary>
public static class SqliteMigrator
{
    public static void Migrate(SqliteConnection connection, string databaseFile, IReadOnlyList<SchemaMigration> migrations)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            // A file made before migrations were recorded has no schema_migrations but its
            // user_version (0 to 6): all its steps run, and the first completes it whatever it
            // lacks (see SqliteSchema). user_version is still read for the refusal, so a file whose
            // user_version alone says newer is refused too.
            var recorded = HasMigrationsTable(connection) ? SchemaMigrations.RecordedVersion(connection) : 0;
            SchemaMigrations.RefuseNewer($"The database file '{databaseFile}'", Math.Max(recorded, UserVersion(connection)), migrations);
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     INTEGER PRIMARY KEY,
                    description TEXT NOT NULL,
                    applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                )
                """);
            SchemaMigrations.ApplyPending(connection, migrations, recorded);

            // Kept equal to the highest step: releases from before recorded migrations check only
            // user_version, and refuse a file above the 6 they know, as they should once a later step ran.
            Execute(connection, $"PRAGMA user_version = {SchemaMigrations.Known(migrations)}");
            Execute(connection, "COMMIT");
        }
        catch
        {
            if (connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
            {
                Execute(connection, "ROLLBACK");
            }

            throw;
        }
    }

    private static bool HasMigrationsTable(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
