using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.BotFramework;

namespace PledgeBot.Tests.Outbound;

/// <summary>
/// The limit per conversation and per tenant, kept by when answers came back: no second at the
/// channel holds more than the limit whatever the delays on the way, waits are no longer than
/// that needs, and idle keys are forgotten.
/// </summary>
public sealed class AnsweredRequestWindowsTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public async Task TheRequestAfterTheLimitGoesAWindowAfterTheFirstRequestsAnswer()
    {
        var windows = new AnsweredRequestWindows(limit: 3, queueLimit: 10, clock);
        var first = await SendAsync(windows, "tenant");
        await SendAsync(windows, "tenant");
        await SendAsync(windows, "tenant");
        first.Answer();
        clock.Advance(TimeSpan.FromMilliseconds(500));

        var fourth = windows.ReserveAsync("tenant", CancellationToken.None);
        var otherTenant = windows.ReserveAsync("other tenant", CancellationToken.None);

        Assert.True(otherTenant.IsCompletedSuccessfully);
        Assert.False(fourth.IsCompleted);
        clock.Advance(AnsweredRequestWindows.Window - TimeSpan.FromMilliseconds(501));
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await fourth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task ARequestWaitsForTheAnswerOfTheOneTheLimitBeforeItHoweverLongItTakes()
    {
        var windows = new AnsweredRequestWindows(limit: 2, queueLimit: 10, clock);
        var slow = await SendAsync(windows, "tenant");
        (await SendAsync(windows, "tenant")).Answer();
        clock.Advance(TimeSpan.FromSeconds(5));

        var third = windows.ReserveAsync("tenant", CancellationToken.None);

        Assert.False(third.IsCompleted);
        slow.Answer();
        clock.Advance(AnsweredRequestWindows.Window - TimeSpan.FromMilliseconds(1));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task OneMoreThanTheQueueHoldsIsRefusedAtOnceAsTooManyRequests()
    {
        var windows = new AnsweredRequestWindows(limit: 1, queueLimit: 3, clock);
        var waiting = Enumerable.Range(0, 3).Select(_ => windows.ReserveAsync("conversation", CancellationToken.None)).ToList();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => windows.ReserveAsync("conversation", CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        (await waiting[0]).Dispose();
    }

    [Fact]
    public async Task IdleKeysAreForgottenOnceThereAreMany()
    {
        var windows = new AnsweredRequestWindows(limit: 7, queueLimit: 70, clock);
        foreach (var i in Enumerable.Range(0, 2000))
        {
            (await windows.ReserveAsync($"conversation-{i}", CancellationToken.None)).Dispose();
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        (await windows.ReserveAsync("one more", CancellationToken.None)).Dispose();

        Assert.Equal(1, windows.KeyCount);
    }

    /// <summary>
    /// Requests delayed on their way by up to 150 ms and answered up to 40 ms after they arrive,
    /// at random, as on a loaded machine: counted by arrival, as the channel counts, no second
    /// holds more than the limit.
    /// </summary>
    [Fact]
    public async Task DelaysOnTheWayNeverPushASecondAtTheChannelOverTheLimit()
    {
        var windows = new AnsweredRequestWindows(limit: 20, queueLimit: 1000, TimeProvider.System);
        var arrivals = new ConcurrentQueue<long>();
        var random = new Random(20261127);
        var delays = Enumerable.Range(0, 120).Select(_ => (OnTheWay: random.Next(0, 150), Answer: random.Next(0, 40))).ToList();

        await Task.WhenAll(delays.Select(async delay =>
        {
            using var place = await windows.ReserveAsync("tenant", CancellationToken.None);
            place.LetNextIn();
            await Task.Delay(delay.OnTheWay);
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            await Task.Delay(delay.Answer);
        }));

        var sorted = arrivals.Order().ToList();
        var most = sorted.Select((at, i) => sorted.Skip(i).TakeWhile(later => Stopwatch.GetElapsedTime(at, later) < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.InRange(most, 1, 20);
    }

    private static async Task<Sent> SendAsync(AnsweredRequestWindows windows, string key)
    {
        var place = await windows.ReserveAsync(key, CancellationToken.None);
        place.LetNextIn();
        return new Sent(place);
    }

    private sealed record Sent(AnsweredRequestWindows.Reservation Place)
    {
        public void Answer() => Place.Dispose();
    }
}
