using System.Net.Sockets;
using Npgsql;

namespace PledgeBot.Storage;

/// <summary>
/// A PostgreSQL connection string, server or sign-in problem in an operator's words, for the host's
/// start and for commands: never a stack trace, and never the connection string (it may hold a password).
/// </summary>
public static class PostgresProblems
{
    public static bool TryExplain(Exception problem, out string message)
    {
        message = problem switch
        {
            PostgresException refused => $"The PostgreSQL server refused: {refused.MessageText} ({refused.SqlState}).",
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } unreachable =>
                $"The PostgreSQL server could not be reached: {unreachable.Message} ({unreachable.InnerException!.Message}).",
            NpgsqlException failed => $"The PostgreSQL server could not be used: {failed.Message}.",
            _ => "",
        };
        return message.Length > 0;
    }

    /// <summary>Reads a connection string as Npgsql does; false, with what is wrong, when it cannot be used.</summary>
    public static bool TryRead(string connectionString, out NpgsqlConnectionStringBuilder target, out string problem)
    {
        target = new NpgsqlConnectionStringBuilder();
        problem = "";
        try
        {
            target = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException invalid)
        {
            problem = $"The connection string is not valid: {invalid.Message} Give it as Npgsql reads it, e.g. \"Host=db.example.org;Database=pledgebot;Username=pledgebot;Password=...\".";
            return false;
        }

        if (string.IsNullOrWhiteSpace(target.Host) || string.IsNullOrWhiteSpace(target.Database))
        {
            problem = "The connection string must name the server (Host=...) and the database (Database=...).";
            return false;
        }

        return true;
    }
}
