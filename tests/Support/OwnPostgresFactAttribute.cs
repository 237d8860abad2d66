namespace PledgeBot.Tests.Support;

/// <summary>A test that starts (and restarts) a PostgreSQL server of its own (<see cref="PrivatePostgresServer"/>): skipped, saying how to run it, where PostgreSQL is not installed (never in CI).</summary>
public sealed class OwnPostgresFactAttribute : FactAttribute
{
    public OwnPostgresFactAttribute()
    {
        Skip = PostgresServer.OwnServerSkipReason;
    }
}
