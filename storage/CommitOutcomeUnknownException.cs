using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>
/// A write whose commit was under way when the connection to the database was lost, and the
/// database could not be asked afterwards whether it committed. The write may or may not be
/// stored (never twice); the person is told so, and asked to check (see the turn-error handler).
/// </summary>
public sealed class CommitOutcomeUnknownException(string message, Exception innerException)
    : DbException(message, innerException);
