using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;
using Xunit.Abstractions;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// What a vote stream sees when the PostgreSQL server goes away under it: restarted by an operator
/// or a failover (pg_ctl -m fast), or crashed (-m immediate), and a connection lost at the one
/// moment that leaves the outcome open, while its COMMIT is under way.
/// </summary>
public sealed class PostgresTransientFailureTests(ITestOutputHelper output)
{
    private const string Campaign = "stand-with-them";
    private const int Callers = 8;
    private const int VotesAfterTheRestart = 40;

    [OwnPostgresFact]
    public Task NoAcknowledgedVoteIsLostOrDoubledWhenTheServerRestartsMidStream() => StreamVotesAcrossARestartAsync("fast");

    [OwnPostgresFact]
    public Task NoAcknowledgedVoteIsLostOrDoubledWhenTheServerCrashesMidStream() => StreamVotesAcrossARestartAsync("immediate");

    /// <summary>
    /// Several callers vote for new people, one after another, and write a line of a log with no
    /// key (so a write run twice would show twice) through the same writer; the server is
    /// restarted once the stream is going, and the stream goes on through the same store.
    /// </summary>
    private async Task StreamVotesAcrossARestartAsync(string mode)
    {
        await using var server = PrivatePostgresServer.Start();
        await using (var setup = NpgsqlDataSource.Create(server.ConnectionString))
        {
            await using var create = setup.CreateCommand("CREATE TABLE stream_log (person text NOT NULL)");
            await create.ExecuteNonQueryAsync();
        }

        await using var database = new PostgresDatabase(server.ConnectionString);
        var store = new PostgresVoteStore(database, TimeProvider.System);
        var acknowledged = new ConcurrentBag<string>();
        var unknown = new ConcurrentBag<string>();
        var failed = new ConcurrentBag<string>();
        var restartRequested = new TaskCompletionSource();
        var restarted = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();
        long lastAcknowledgedTicks = 0, longestPauseTicks = 0;
        var pauseLock = new object();

        async Task CallerAsync(int caller)
        {
            // Until the server is back and this caller has voted a few more times: those must simply work.
            for (int i = 0, afterTheRestart = 0; !restarted.Task.IsCompleted || afterTheRestart++ < VotesAfterTheRestart; i++)
            {
                var person = $"person-{caller}-{i}";
                try
                {
                    var vote = store.RecordVoteAsync(new VoteRequest(Campaign, person, i % 2 == 0 ? "yemen-crisis" : "rohingya-refugees-india", $"request-{person}"));
                    var line = database.WriteAsync(async (connection, token) =>
                    {
                        await using var insert = new NpgsqlCommand("INSERT INTO stream_log (person) VALUES ($1)", connection);
                        insert.Parameters.AddWithValue(person);
                        await insert.ExecuteNonQueryAsync(token);
                    });
                    await Task.WhenAll(vote, line);
                    acknowledged.Add(person);
                    lock (pauseLock)
                    {
                        var now = clock.ElapsedTicks;
                        longestPauseTicks = Math.Max(longestPauseTicks, now - (lastAcknowledgedTicks == 0 ? now : lastAcknowledgedTicks));
                        lastAcknowledgedTicks = now;
                    }

                    if (acknowledged.Count >= 200)
                    {
                        restartRequested.TrySetResult();
                    }
                }
                catch (CommitOutcomeUnknownException)
                {
                    unknown.Add(person);
                }
                catch (NpgsqlException)
                {
                    failed.Add(person);
                }
            }
        }

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(() => CallerAsync(caller))).ToList();
        await restartRequested.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var restartClock = Stopwatch.StartNew();
        await Task.Run(() => server.Restart(mode));
        var restartTook = restartClock.Elapsed;
        restarted.SetResult();
        await Task.WhenAll(callers);

        output.WriteLine($"pg_ctl -m {mode} restart took {restartTook.TotalSeconds:0.00} s; acknowledged {acknowledged.Count}, unknown {unknown.Count}, failed {failed.Count}; longest pause between acknowledgements {TimeSpan.FromTicks(longestPauseTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds:0.00} s");
        Assert.Empty(failed);
        Assert.Empty(unknown);

        await using var check = NpgsqlDataSource.Create(server.ConnectionString);
        var logged = await CountsAsync(check, "SELECT person, count(*) FROM stream_log GROUP BY person");
        var voted = await CountsAsync(check, "SELECT person_key, count(*) FROM votes GROUP BY person_key");
        foreach (var person in acknowledged)
        {
            Assert.Equal(1, logged.GetValueOrDefault(person));
            Assert.Equal(1, voted.GetValueOrDefault(person));
        }

        Assert.Equal(acknowledged.Count, logged.Count);
        Assert.Equal(acknowledged.Count, voted.Count);
        // Through the same store and its pool, which the restart emptied: reads work again too.
        Assert.Equal(acknowledged.Count, (await store.GetTallyAsync(Campaign)).Total);
        Assert.Equal("yemen-crisis", await store.FindVoteAsync(Campaign, "person-0-0"));
    }

    /// <summary>
    /// The server gets the COMMIT and commits, but the connection is cut before its answer arrives:
    /// the writer finds the batch's marker on a new connection and answers the caller with success,
    /// without running the write again.
    /// </summary>
    [PostgresFact]
    public async Task ACommitWhoseAnswerIsLostIsFoundCommittedAndNotRunAgain()
    {
        var (runs, answer, proxy, rows) = await WriteWithTheConnectionCutAsync(CommitCuttingProxy.Cut.AfterTheServerCommitted);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal("stored", answer);
        Assert.Equal(1, runs);
        Assert.Equal(1, rows.Written);
        // Only the marker of the last commit is kept: the earlier ones were known and deleted.
        Assert.Equal(1, rows.Markers);
    }

    /// <summary>
    /// The connection is cut as the COMMIT leaves, before the server has it, so the server rolls the
    /// transaction back: the writer finds no marker, fences the batch's id so that it can never
    /// commit after all, runs the batch again and answers the caller once it committed.
    /// </summary>
    [PostgresFact]
    public async Task ACommitTheServerNeverGotIsRunAgainAndStoredOnce()
    {
        var (runs, answer, proxy, rows) = await WriteWithTheConnectionCutAsync(CommitCuttingProxy.Cut.BeforeTheServerGetsIt);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal("stored", answer);
        Assert.Equal(2, runs);
        Assert.Equal(1, rows.Written);
        // The fence, and the marker of the first commit, went with the commit that ran it again.
        Assert.Equal(1, rows.Markers);
    }

    private static async Task<(int Runs, string Answer, CommitCuttingProxy Proxy, (long Written, long Markers) Rows)> WriteWithTheConnectionCutAsync(CommitCuttingProxy.Cut cut)
    {
        await using var database = await PostgresUnderTest.CreateAsync();
        await using (var create = await database.OpenRawConnectionAsync())
        await using (var table = create.CreateCommand())
        {
            table.CommandText = "CREATE TABLE written (line text NOT NULL)";
            await table.ExecuteNonQueryAsync();
        }

        var proxy = CommitCuttingProxy.Start(database.ConnectionString);
        await using (proxy)
        await using (var throughProxy = new PostgresDatabase(proxy.ConnectionString))
        {
            // A first write opens the writer's connection (and the migrations commit) before the cut is armed.
            await throughProxy.WriteAsync((_, _) => Task.CompletedTask);
            proxy.Arm(cut);
            var runs = 0;
            var answer = await throughProxy.WriteAsync(async (connection, token) =>
            {
                Interlocked.Increment(ref runs);
                await using var insert = new NpgsqlCommand("INSERT INTO written (line) VALUES ('the one line')", connection);
                await insert.ExecuteNonQueryAsync(token);
                return "stored";
            });

            await using var check = await database.OpenRawConnectionAsync();
            await using var count = check.CreateCommand();
            count.CommandText = "SELECT (SELECT count(*) FROM written), (SELECT count(*) FROM writer_batches)";
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (runs, answer, proxy, (reader.GetInt64(0), reader.GetInt64(1)));
        }
    }

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource source, string sql)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
