using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Data.Sqlite;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

BenchmarkSwitcher.FromAssembly(typeof(VoteWriteBenchmarks).Assembly).Run(args);

/// <summary>
/// Durable votes (synchronous=FULL, each caller answered after its commit) from many callers at
/// once, each a new person: through the group-commit writer, and the way votes were written
/// before it (one BEGIN IMMEDIATE transaction and one log sync per vote), as the floor. The time
/// reported is per vote, so votes per second is one second divided by it.
/// </summary>
[MemoryDiagnoser]
public class VoteWriteBenchmarks
{
    private const int VotesPerInvoke = 2048;

    private string folder = null!;
    private SqliteDatabase database = null!;
    private SqliteVoteStore votes = null!;
    private int round;

    [Params(1, 16, 256)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "pledgebot-store-bench", Guid.NewGuid().ToString("N"));
        database = new SqliteDatabase(Path.Combine(folder, "pledgebot.db"));
        votes = new SqliteVoteStore(database, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = VotesPerInvoke)]
    public Task OneTransactionPerVote() => RunCallersAsync(OneTransactionAsync);

    [Benchmark(OperationsPerInvoke = VotesPerInvoke)]
    public Task GroupCommit() => RunCallersAsync(request => votes.RecordVoteAsync(request));

    private Task RunCallersAsync(Func<VoteRequest, Task> vote)
    {
        var batch = Interlocked.Increment(ref round);
        var perCaller = VotesPerInvoke / Callers;
        return Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var person = $"person-{batch}-{caller}-{i}";
                await vote(new VoteRequest("bench", person, i % 2 == 0 ? "yemen-crisis" : "rohingya-refugees-india", $"request-{person}"));
            }
        })));
    }

    /// <summary>The write path before group commit, statement for statement.</summary>
    private async Task OneTransactionAsync(VoteRequest request)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var upsert = connection.CreateCommand())
        {
            upsert.CommandText = """
                INSERT INTO votes (campaign_id, person_key, cause_id, voted_at, channel) VALUES ($campaign, $person, $cause, $now, 'bench')
                ON CONFLICT (campaign_id, person_key) DO UPDATE SET cause_id = excluded.cause_id
                """;
            upsert.Parameters.AddWithValue("$campaign", request.CampaignId);
            upsert.Parameters.AddWithValue("$person", request.PersonKey);
            upsert.Parameters.AddWithValue("$cause", request.CauseId);
            upsert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
            await upsert.ExecuteNonQueryAsync();
        }

        await using (var remember = connection.CreateCommand())
        {
            remember.CommandText = "INSERT INTO vote_requests (request_id, outcome, cause_id, previous_cause_id, received_at) VALUES ($request, 'Recorded', $cause, NULL, $now)";
            remember.Parameters.AddWithValue("$request", request.RequestId);
            remember.Parameters.AddWithValue("$cause", request.CauseId);
            remember.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
            await remember.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
