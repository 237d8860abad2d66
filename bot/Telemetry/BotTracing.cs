using System.Diagnostics;

namespace PledgeBot.Telemetry;

/// <summary>The bot's own spans: one per turn. Storage has its own source (<see cref="Storage.StorageTracing"/>).</summary>
public static class BotTracing
{
    public const string SourceName = "PledgeBot";

    // Static, as ActivitySources are meant to be: StartActivity costs a null check while nobody listens.
    public static readonly ActivitySource Source = new(SourceName);
}
