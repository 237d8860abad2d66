using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage;

/// <summary>
/// A database error as a log may show it: the engine's code only, never the message, which can
/// quote a value being written.
/// </summary>
public static class DatabaseErrorCode
{
    public static string Of(DbException problem) => problem switch
    {
        SqliteException sqlite => $"SQLite error {sqlite.SqliteErrorCode}",
        { SqlState: { } state } => $"SQLSTATE {state}",
        _ => problem.GetType().Name,
    };
}
