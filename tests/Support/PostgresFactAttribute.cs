namespace PledgeBot.Tests.Support;

/// <summary>A test that needs the PostgreSQL server of <see cref="PostgresServer"/>: skipped, saying how to run it, where there is none (never in CI).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}
