using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>
/// The rules both databases' migrators share: which steps a database lacks, how each is applied and
/// recorded in <c>schema_migrations</c>, and that a database with a step this code does not know is
/// refused before anything is written to it. How the migrators serialise instances (SQLite's
/// <c>BEGIN IMMEDIATE</c>, PostgreSQL's advisory lock) is theirs.
/// </summary>
public static class SchemaMigrations
{
    /// <summary>The highest step the code knows; 0 for none.</summary>
    public static int Known(IReadOnlyList<SchemaMigration> migrations) =>
        migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);

    /// <param name="database">The database as the message names it ("The PostgreSQL database 'pledgebot'").</param>
    /// <param name="applied">The highest step the database says it has.</param>
    public static void RefuseNewer(string database, int applied, IReadOnlyList<SchemaMigration> migrations)
    {
        var known = Known(migrations);
        if (applied > known)
        {
            // Writing with older code could lose or misread what the newer version keeps.
            throw new InvalidOperationException(
                $"{database} was migrated by a newer version of the bot (schema {applied}; this version knows {known}). Run the newer version, or restore a backup.");
        }
    }

    /// <summary>The highest step recorded in <c>schema_migrations</c>, which must exist.</summary>
    public static int RecordedVersion(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs and records, in order, each step above <paramref name="applied"/>, inside the caller's transaction.</summary>
    public static void ApplyPending(DbConnection connection, IReadOnlyList<SchemaMigration> migrations, int applied)
    {
        foreach (var migration in migrations.Where(m => m.Version > applied).OrderBy(m => m.Version))
        {
            using (var step = connection.CreateCommand())
            {
                step.CommandText = migration.Sql;
                step.ExecuteNonQuery();
            }

            migration.ThenRun?.Invoke(connection);
            using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, description) VALUES (@version, @description)";
            AddParameter(record, "@version", migration.Version);
            AddParameter(record, "@description", migration.Description);
            record.ExecuteNonQuery();
        }
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
