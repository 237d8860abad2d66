using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Which errors mean the connection to the server was lost or the server cannot be reached for
/// now (restarting, failing over, a reset on the way), as opposed to an error in what was sent.
/// The same work may succeed on a new connection a moment later; whether it may be run again is
/// for the caller to say (a read always; a write only when it surely did not commit).
/// </summary>
public static class PostgresConnectionLoss
{
    public static bool Is(Exception problem) => problem switch
    {
        // The server ended the session: shut down by an operator or a failover (57P01), crashed
        // (57P02), is starting or stopping (57P03), or a connection error reported as such (08xxx).
        PostgresException server => server.SqlState.StartsWith("08", StringComparison.Ordinal)
            || server.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        // Npgsql's own: the socket failed, was reset or timed out, or the server refused the connection.
        NpgsqlException client => client.IsTransient,
        _ => false,
    };
}
