namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// How load is offered. Closed: N workers, each sending its next turn as soon as the last one was
/// answered (saturation: the throughput the host can give). Open: people arrive at a fixed rate
/// whatever the host does, and each first turn's latency counts from when it should have been
/// sent, so time spent queueing behind a slow host is counted (no coordinated omission).
/// </summary>
public abstract record LoadShape
{
    public sealed record Closed(int Workers) : LoadShape
    {
        public override string ToString() => $"closed {Workers}";
    }

    /// <param name="ArrivalsPerSecond">People starting their turns (a pledge: their five turns) per second.</param>
    public sealed record Open(double ArrivalsPerSecond) : LoadShape
    {
        public override string ToString() => $"open {ArrivalsPerSecond:0.#}/s";
    }
}
