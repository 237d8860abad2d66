namespace PledgeBot.Storage.Postgres;

/// <summary>One step of the schema: applied once per database, in order of <paramref name="Version"/>, and recorded in <c>schema_migrations</c>.</summary>
/// <param name="Description">What the step adds, recorded beside its version for whoever reads the table.</param>
/// <param name="Sql">The statements; they run inside the transaction that records the step.</param>
public sealed record SchemaMigration(int Version, string Description, string Sql);
