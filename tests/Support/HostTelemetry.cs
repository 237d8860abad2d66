using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace PledgeBot.Tests.Support;

/// <summary>
/// What the host's telemetry gives away: the spans its exporters receive (after the host's own
/// processors ran, as an OTLP collector would get them) and every measurement of every instrument.
/// Spans and measurements from other tests' hosts in this process arrive too; tests pick theirs by
/// trace id, or search everything.
/// </summary>
public sealed class HostTelemetry : IDisposable
{
    private readonly SpanList spans = new();
    private readonly MeterListener listener = new();
    private readonly List<RecordedMeasurement> measurements = [];

    public HostTelemetry()
    {
        listener.InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument);
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    /// <summary>For <see cref="BotApplication"/>'s test services: traces on, into this collection.</summary>
    public void Collect(IServiceCollection services) =>
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans));

    public IReadOnlyList<Activity> Spans => spans.Snapshot();

    public IReadOnlyList<RecordedMeasurement> Measurements
    {
        get
        {
            listener.RecordObservableInstruments();
            lock (measurements)
            {
                return measurements.ToList();
            }
        }
    }

    /// <summary>The sum of what <paramref name="instrument"/> recorded with every given tag (from the host's meters only).</summary>
    public double Sum(IServiceProvider host, string instrument, params (string Key, string Value)[] tags)
    {
        var scope = host.GetRequiredService<IMeterFactory>();
        return Measurements
            .Where(m => m.Instrument.Name == instrument && m.Instrument.Meter.Scope == scope)
            .Where(m => tags.All(t => m.Tags.Any(tag => tag.Key == t.Key && Equals(tag.Value, t.Value))))
            .Sum(m => m.Value);
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray();
        lock (measurements)
        {
            measurements.Add(new RecordedMeasurement(instrument, value, copy));
        }
    }

    public sealed record RecordedMeasurement(Instrument Instrument, double Value, IReadOnlyList<KeyValuePair<string, object?>> Tags);

    // The exporter adds from whichever thread ends a span.
    private sealed class SpanList : ICollection<Activity>
    {
        private readonly List<Activity> items = [];

        public int Count { get { lock (items) { return items.Count; } } }

        public bool IsReadOnly => false;

        public IReadOnlyList<Activity> Snapshot() { lock (items) { return items.ToList(); } }

        public void Add(Activity item) { lock (items) { items.Add(item); } }

        public void Clear() { lock (items) { items.Clear(); } }

        public bool Contains(Activity item) { lock (items) { return items.Contains(item); } }

        public void CopyTo(Activity[] array, int arrayIndex) { lock (items) { items.CopyTo(array, arrayIndex); } }

        public bool Remove(Activity item) { lock (items) { return items.Remove(item); } }

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
