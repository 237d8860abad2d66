using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>One step of a database's schema: applied once per database, in order of <paramref name="Version"/>, and recorded in <c>schema_migrations</c>.</summary>
/// <param name="Description">What the step adds, recorded beside its version for whoever reads the table.</param>
/// <param name="Sql">The statements; they run inside the transaction that records the step.</param>
public sealed record SchemaMigration(int Version, string Description, string Sql)
{
    /// <summary>
    /// What SQL alone cannot say, run after <see cref="Sql"/> in the same transaction. SQLite has no
    /// <c>ADD COLUMN IF NOT EXISTS</c>: the step that completes files made before migrations were
    /// recorded looks at each table before it adds a column.
    /// </summary>
    public Action<DbConnection>? ThenRun { get; init; }
}
