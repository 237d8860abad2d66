using System.Collections.Concurrent;
using System.Diagnostics;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>A turn's storage calls on PostgreSQL appear in its trace as they do on SQLite: reads and writes, named by database.</summary>
public sealed class PostgresStorageSpansTests : IAsyncLifetime, IDisposable
{
    private const string TurnSourceName = "PledgeBot.Tests.Turn";
    private static readonly ActivitySource Turn = new(TurnSourceName);
    private readonly ConcurrentBag<Activity> stopped = [];
    private readonly ActivityListener listener;
    private PostgresUnderTest database = null!;

    public PostgresStorageSpansTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is StorageTracing.SourceName or TurnSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public async Task InitializeAsync() => database = await PostgresUnderTest.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [PostgresFact]
    public async Task AVoteAndATallyReadAreAWriteSpanAndAReadSpanInTheTurnsTrace()
    {
        var votes = new PostgresVoteStore(database.Database, TimeProvider.System);
        ActivityTraceId trace;
        using (var turn = Turn.StartActivity("turn"))
        {
            trace = turn!.TraceId;
            await votes.RecordVoteAsync(new VoteRequest("stand-with-them", "anna", "yemen-crisis", "request-1"));
            await votes.GetTallyAsync("stand-with-them");
        }

        var spans = stopped.Where(span => span.TraceId == trace && span.Source.Name == StorageTracing.SourceName).ToList();
        Assert.Contains(spans, span => span.OperationName == "storage read" && (string?)span.GetTagItem(StorageTracing.DatabaseSystemAttribute) == "postgresql");
        Assert.Contains(spans, span => span.OperationName == "storage write" && (string?)span.GetTagItem(StorageTracing.DatabaseSystemAttribute) == "postgresql");
    }

    public void Dispose() => listener.Dispose();
}
