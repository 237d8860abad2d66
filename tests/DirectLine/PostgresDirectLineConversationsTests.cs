using PledgeBot.DirectLine;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// The conversations in PostgreSQL, and what only several instances can do to them: two stores on
/// two <see cref="PostgresDatabase"/>s (each with its own pool and writer) are two instances.
/// </summary>
public sealed class PostgresDirectLineConversationsTests : DirectLineConversationsTests, IRunsOnPostgres
{
    private PostgresUnderTest? database;

    public override async Task InitializeAsync() => database = await PostgresUnderTest.CreateAsync();

    public override async Task DisposeAsync() => await database!.DisposeAsync();

    protected override Task<IDirectLineConversations> CreateStoreAsync(DirectLineOptions options) =>
        Task.FromResult(Instance(options, Clock));

    [PostgresFact]
    public async Task ActivitiesAddedOnTwoInstancesAreReadOnEitherInTheOrderTheyWereAddedWithGrowingWatermarks()
    {
        var first = Instance(new DirectLineOptions(), TimeProvider.System);
        var second = Instance(new DirectLineOptions(), TimeProvider.System);
        await first.OpenAsync("c1");

        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await (i % 2 == 0 ? first : second).AppendAsync("c1", Message($"message {i}")))!);
        }

        var (onFirst, firstWatermark) = await first.SinceAsync("c1", null);
        var (onSecond, secondWatermark) = await second.SinceAsync("c1", null);
        Assert.Equal(ids, onFirst.Select(a => Read(a).Value<string>("id")));
        Assert.Equal(ids, onSecond.Select(a => Read(a).Value<string>("id")));
        Assert.Equal(firstWatermark, secondWatermark);
        var numbers = ids.Select(id => long.Parse(id.Split('|')[1])).ToList();
        Assert.True(numbers.Zip(numbers.Skip(1)).All(pair => pair.First < pair.Second), string.Join(", ", numbers));
    }

    [PostgresFact]
    public async Task APagePollingOneInstanceWhileTwoInstancesAddGetsEveryActivityOnceAndInOrder()
    {
        var first = Instance(new DirectLineOptions(), TimeProvider.System);
        var second = Instance(new DirectLineOptions(), TimeProvider.System);
        var poller = Instance(new DirectLineOptions(), TimeProvider.System);
        await first.OpenAsync("c1");
        var adding = Task.WhenAll(
            Task.Run(() => AddAsync(first, "first", 60)),
            Task.Run(() => AddAsync(second, "second", 60)));

        // As Web Chat does: poll from the last watermark, keep what comes, until everything came.
        var seen = new List<string>();
        long? watermark = null;
        while (!adding.IsCompleted || seen.Count < 120)
        {
            var (activities, next) = await poller.SinceAsync("c1", watermark);
            seen.AddRange(activities.Select(a => Read(a).Value<string>("text")!));
            watermark = next;
            Assert.True(seen.Count <= 120, $"{seen.Count} activities seen");
        }

        await adding;
        Assert.Equal(120, seen.Distinct().Count());
        // Each instance's own activities arrive in the order it added them.
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"first {i}"), seen.Where(t => t.StartsWith("first", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"second {i}"), seen.Where(t => t.StartsWith("second", StringComparison.Ordinal)));
        var (all, _) = await first.SinceAsync("c1", null);
        Assert.Equal(all.Select(a => Read(a).Value<string>("text")), seen);
    }

    [PostgresFact]
    public async Task TwoInstancesAddingAtOnceKeepTheBudgetsExactly()
    {
        var options = new DirectLineOptions { MaxActivitiesPerConversation = 5, MaxBytesPerConversation = 8192, MaxTotalBytes = 24 * 1024, MaxConversations = 6 };
        var first = Instance(options, TimeProvider.System);
        var second = Instance(options, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 80).Select(i =>
            (i % 2 == 0 ? first : second).AppendAsync($"c{i % 10}", Message(new string('x', 100 + (i * 37 % 1500))))));

        // Read behind the store's back: what is really in the tables, not what the store counted.
        Assert.InRange(await first.CountAsync(), 1, 6);
        Assert.InRange(await database!.CountAsync("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM directline_activities GROUP BY conversation_id) c"), 1, 5);
        Assert.InRange(await database.CountAsync("SELECT coalesce(max(b), 0) FROM (SELECT sum(octet_length(json)) AS b FROM directline_activities GROUP BY conversation_id) c"), 1, 8192);
        var total = await database.CountAsync("SELECT coalesce(sum(octet_length(json)), 0) FROM directline_activities");
        Assert.InRange(total, 1, 24 * 1024);
        Assert.Equal(total, await second.KeptBytesAsync());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(
                await database.CountAsync($"SELECT coalesce(sum(octet_length(json)), 0) FROM directline_activities WHERE conversation_id = 'c{i}'"),
                await first.KeptBytesOfAsync($"c{i}"));
        }
    }

    private IDirectLineConversations Instance(DirectLineOptions options, TimeProvider clock) =>
        new PostgresDirectLineConversations(database!.Open(), options, clock);

    private static async Task AddAsync(IDirectLineConversations instance, string name, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await instance.AppendAsync("c1", Message($"{name} {i}"));
        }
    }
}
