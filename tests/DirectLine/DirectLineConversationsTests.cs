using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PledgeBot.DirectLine;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// What the built-in Direct Line's conversations keep and in which order, wherever they are kept:
/// each derived class runs these on one store (this instance's memory, PostgreSQL).
/// </summary>
public abstract class DirectLineConversationsTests : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A fresh store with these limits, on the class's database.</summary>
    protected abstract Task<IDirectLineConversations> CreateStoreAsync(DirectLineOptions options);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [StoreFact]
    public async Task ActivitiesComeBackInTheOrderTheyWereAddedEachOnceWithWatermarksThatGrow()
    {
        var store = await CreateStoreAsync(new DirectLineOptions());
        await store.OpenAsync("c1");

        var ids = new List<string>();
        foreach (var text in new[] { "hi", "stories", "results" })
        {
            ids.Add((await store.AppendAsync("c1", Message(text)))!);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (all, watermark) = await store.SinceAsync("c1", null);
        Assert.Equal(["hi", "stories", "results"], all.Select(a => Read(a).Value<string>("text")));
        Assert.Equal(ids, all.Select(a => Read(a).Value<string>("id")));
        Assert.EndsWith($"|{watermark}", ids[^1]);
        var numbers = ids.Select(id => long.Parse(id.Split('|')[1])).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        var (afterFirst, _) = await store.SinceAsync("c1", numbers[0]);
        Assert.Equal(["stories", "results"], afterFirst.Select(a => Read(a).Value<string>("text")));
        var (none, unchanged) = await store.SinceAsync("c1", watermark);
        Assert.Empty(none);
        Assert.Equal(watermark, unchanged);
    }

    [StoreFact]
    public async Task AnActivityKeepsTheIdAndTimeItWasGivenAndOthersGetTheStoresTime()
    {
        var store = await CreateStoreAsync(new DirectLineOptions());
        var given = Message("hi");
        given.Id = "the-bots-own-id";
        given.Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("the-bots-own-id", await store.AppendAsync("c1", given));
        await store.AppendAsync("c1", Message("stories"));

        var (all, _) = await store.SinceAsync("c1", null);
        Assert.Equal("the-bots-own-id", Read(all[0]).Value<string>("id"));
        Assert.Equal(given.Timestamp, DateTimeOffset.Parse(Read(all[0]).Value<string>("timestamp")!, CultureInfo.InvariantCulture));
        Assert.Equal(Clock.GetUtcNow(), DateTimeOffset.Parse(Read(all[1]).Value<string>("timestamp")!, CultureInfo.InvariantCulture));
    }

    [StoreFact]
    public async Task AConversationKeepsOnlyItsNewestActivitiesWithinItsCountAndBytes()
    {
        var store = await CreateStoreAsync(new DirectLineOptions { MaxActivitiesPerConversation = 3, MaxBytesPerConversation = 4096 });
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync("c1", Message($"message {i}"));
        }

        var (kept, _) = await store.SinceAsync("c1", null);
        Assert.Equal(["message 2", "message 3", "message 4"], kept.Select(a => Read(a).Value<string>("text")));

        for (var i = 0; i < 3; i++)
        {
            await store.AppendAsync("c1", Message(new string('x', 1500)));
        }

        (kept, _) = await store.SinceAsync("c1", null);
        Assert.Equal(2, kept.Count);
        Assert.Equal(kept.Sum(a => a.Length), await store.KeptBytesOfAsync("c1"));
        Assert.InRange(await store.KeptBytesOfAsync("c1"), 3000, 4096);
        Assert.Equal(await store.KeptBytesOfAsync("c1"), await store.KeptBytesAsync());
    }

    [StoreFact]
    public async Task AnActivityLargerThanAConversationMayKeepIsRefusedAndKeepsNothing()
    {
        var store = await CreateStoreAsync(new DirectLineOptions { MaxBytesPerConversation = 4096 });
        await store.AppendAsync("c1", Message("hi"));
        var before = await store.KeptBytesAsync();

        Assert.Null(await store.AppendAsync("c1", Message(new string('x', 5000))));

        Assert.Equal(before, await store.KeptBytesAsync());
        Assert.Single((await store.SinceAsync("c1", null)).Activities);
    }

    [StoreFact]
    public async Task AllConversationsTogetherKeepNoMoreThanTheTotalAndTheLeastRecentlyUsedGoFirst()
    {
        var store = await CreateStoreAsync(new DirectLineOptions { MaxBytesPerConversation = 4096, MaxTotalBytes = 8192 });
        foreach (var conversation in new[] { "c1", "c2", "c3", "c4" })
        {
            await store.AppendAsync(conversation, Message(new string('x', 3500)));
            Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.InRange(await store.KeptBytesAsync(), 1, 8192);
        }

        Assert.Equal(0, await store.KeptBytesOfAsync("c1"));
        Assert.Equal(0, await store.KeptBytesOfAsync("c2"));
        Assert.NotEqual(0, await store.KeptBytesOfAsync("c3"));
        Assert.NotEqual(0, await store.KeptBytesOfAsync("c4"));
        Assert.Equal(2, await store.CountAsync());
    }

    [StoreFact]
    public async Task BeyondTheMaximumCountTheLeastRecentlyUsedConversationIsForgotten()
    {
        var store = await CreateStoreAsync(new DirectLineOptions { MaxConversations = 2 });
        await store.AppendAsync("c1", Message("hi"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.AppendAsync("c2", Message("hi"));
        Clock.Advance(TimeSpan.FromMinutes(2));
        await store.SinceAsync("c1", null); // a poll is a use (marked at most once a minute)
        Clock.Advance(TimeSpan.FromSeconds(1));

        await store.OpenAsync("c3");

        Assert.Equal(2, await store.CountAsync());
        Assert.Equal(0, await store.KeptBytesOfAsync("c2"));
        Assert.NotEqual(0, await store.KeptBytesOfAsync("c1"));
    }

    [StoreFact]
    public async Task AnIdleConversationIsForgottenAndWhenItComesBackItsNumbersAreAboveTheOldOnes()
    {
        var store = await CreateStoreAsync(new DirectLineOptions { ConversationIdleMinutes = 60 });
        await store.AppendAsync("c1", Message("hi"));
        var (_, oldWatermark) = await store.SinceAsync("c1", null);
        Clock.Advance(TimeSpan.FromMinutes(30));
        await store.AppendAsync("c2", Message("hi"));
        Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(1, await store.ForgetIdleAsync());

        Assert.Equal(1, await store.CountAsync());
        Assert.Equal(await store.KeptBytesOfAsync("c2"), await store.KeptBytesAsync());
        var (nothing, _) = await store.SinceAsync("c1", oldWatermark);
        Assert.Empty(nothing);
        await store.AppendAsync("c1", Message("back again"));
        var (fresh, _) = await store.SinceAsync("c1", oldWatermark);
        Assert.Equal("back again", Read(Assert.Single(fresh)).Value<string>("text"));
    }

    [StoreFact]
    public async Task AnUpdatedActivityComesAgainAfterTheWatermarkAndOnlyOnce()
    {
        var store = await CreateStoreAsync(new DirectLineOptions());
        var id = (await store.AppendAsync("c1", Message("draft")))!;
        await store.AppendAsync("c1", Message("next"));
        var (_, watermark) = await store.SinceAsync("c1", null);

        Assert.True(await store.ReplaceAsync("c1", id, Message("final")));
        Assert.False(await store.ReplaceAsync("c1", "c1|unknown", Message("nothing")));

        var (updated, _) = await store.SinceAsync("c1", watermark);
        var activity = Read(Assert.Single(updated));
        Assert.Equal(id, activity.Value<string>("id"));
        Assert.Equal("final", activity.Value<string>("text"));
        var (all, _) = await store.SinceAsync("c1", null);
        Assert.Equal(["next", "final"], all.Select(a => Read(a).Value<string>("text")));
    }

    protected static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = new ChannelAccount("dl_person", role: RoleTypes.User),
        Conversation = new ConversationAccount(id: "c1"),
        ChannelId = DirectLineEndpoints.ChannelId,
    };

    /// <summary>The activity as the browser reads it (dates left as the text it receives).</summary>
    protected static JObject Read(ReadOnlyMemory<byte> json) =>
        JObject.Load(new JsonTextReader(new StringReader(Encoding.UTF8.GetString(json.Span))) { DateParseHandling = DateParseHandling.None });
}
