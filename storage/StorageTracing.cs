using System.Diagnostics;

namespace PledgeBot.Storage;

/// <summary>
/// Spans of storage work: a group of reads (one connection, as a store uses it for one call), a
/// write as its caller waits for it, and each commit of the group writer with links to the writes
/// it holds. Attributes say which database and how many writes, never what was read or written.
/// </summary>
public static class StorageTracing
{
    public const string SourceName = "PledgeBot.Storage";

    // Static, as ActivitySources are meant to be: StartActivity costs a null check while nobody listens.
    public static readonly ActivitySource Source = new(SourceName);

    public const string DatabaseSystemAttribute = "db.system.name";
}
