using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Brings a database's schema up to <see cref="PostgresSchema.Migrations"/>. Every step not yet in
/// <c>schema_migrations</c> is applied, and recorded, in one transaction that first takes an
/// advisory lock: instances starting at the same moment apply each step exactly once, the others
/// waiting and then finding nothing left to do. A database with a step this code does not know
/// was written by a newer version and is refused before anything is written to it.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>The advisory lock held while migrating; any fixed number, the same in every version ("PledgeBt").</summary>
    public const long MigrationLockKey = 0x506C65646765_4274;

    public static void Migrate(NpgsqlDataSource dataSource, IReadOnlyList<SchemaMigration> migrations)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})");

        var applied = AppliedVersion(connection);
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (applied > known)
        {
            // Writing with older code could lose or misread what the newer version keeps.
            throw new InvalidOperationException(
                $"The PostgreSQL database '{connection.Database}' was migrated by a newer version of the bot (schema {applied}; this version knows {known}). Run the newer version, or restore a backup.");
        }

        if (applied == 0)
        {
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer PRIMARY KEY,
                    description text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """);
        }

        foreach (var migration in migrations.Where(m => m.Version > applied).OrderBy(m => m.Version))
        {
            Execute(connection, migration.Sql);
            using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)", connection);
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Description);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The highest step recorded; 0 for a database the bot never used.</summary>
    private static int AppliedVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        if (!(bool)command.ExecuteScalar()!)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return (int)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
