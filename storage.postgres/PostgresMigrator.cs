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
        SchemaMigrations.RefuseNewer($"The PostgreSQL database '{connection.Database}'", applied, migrations);
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

        SchemaMigrations.ApplyPending(connection, migrations, applied);
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

        return SchemaMigrations.RecordedVersion(connection);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
