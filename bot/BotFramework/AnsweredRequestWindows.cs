using System.Net;

namespace PledgeBot.BotFramework;

/// <summary>
/// A limit of so many requests in any one second per key (a conversation, a Teams tenant), kept
/// by the moment each request's answer came back rather than the moment it was let go: a request
/// may go once the request <c>limit</c> places before it on the same key was answered at least a
/// second ago (plus a small margin).
/// </summary>
/// <remarks>
/// <para>
/// Why the answer: the channel counts a request when it arrives, and however long a request takes
/// on its way (a busy machine, a slow network, requests bunched together), it arrives after it was
/// let go and before its answer comes back. So if request j goes one second after request k's
/// answer, j arrives at least a second after k arrived, and no second at the channel ever holds more
/// than the limit, whatever the delays. A window counted from the moment requests are let go needs
/// a margin as large as the worst delay, which a loaded machine exceeds; this one gives up only one
/// round trip per <c>limit</c> requests (50 a second to Teams with answers in 5 ms: 48.8 a second).
/// </para>
/// <para>
/// Requests take turns per key, oldest first, and the turn is held until the caller has all it
/// needs (a conversation's turn while it waits for its tenant), so that a conversation's messages
/// keep their order. At most <c>queueLimit</c> requests wait per key; one more fails at once rather
/// than wait without end. Keys that are idle (nobody waiting, every request answered more than the
/// window ago) are forgotten, so a flood of conversations cannot grow memory without bound.
/// </para>
/// </remarks>
public sealed class AnsweredRequestWindows(int limit, int queueLimit, TimeProvider clock)
{
    /// <summary>
    /// A second, and 20 ms for what arrival-before-answer does not cover: a request given up
    /// (timed out) before its answer, which may still arrive a moment later.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(20);

    // Above this many keys, idle ones are looked for, at most once a second (each look is one pass).
    private const int KeysBeforeSweeping = 1024;

    private readonly TimeProvider clock = clock;
    private readonly Dictionary<string, KeyWindow> windows = new(StringComparer.Ordinal);
    private long lastSweep;

    /// <summary>How many keys are remembered (for tests: idle ones are forgotten).</summary>
    public int KeyCount
    {
        get
        {
            lock (windows)
            {
                return windows.Count;
            }
        }
    }

    /// <summary>
    /// Waits for the key's turn and for room in its second, and reserves the request's place. The
    /// caller sends the request, calls <see cref="Reservation.LetNextIn"/> once it holds every
    /// reservation it needs, and disposes the reservation when the answer (or failure) is back.
    /// </summary>
    /// <exception cref="HttpRequestException">429: too many requests wait for this key already.</exception>
    public async Task<Reservation> ReserveAsync(string key, CancellationToken cancellationToken)
    {
        var window = Enter(key);
        try
        {
            await window.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(window);
            throw;
        }

        try
        {
            if (window.Recent.Count == limit)
            {
                var answeredAt = await window.Recent.Peek().AnsweredAt.WaitAsync(cancellationToken);
                var wait = Window - clock.GetElapsedTime(answeredAt);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }

                window.Recent.Dequeue();
            }

            var reservation = new Reservation(this, window);
            window.Recent.Enqueue(reservation);
            return reservation;
        }
        catch
        {
            window.Turn.Release();
            Leave(window);
            throw;
        }
    }

    private KeyWindow Enter(string key)
    {
        lock (windows)
        {
            if (!windows.TryGetValue(key, out var window))
            {
                SweepIdle();
                windows[key] = window = new KeyWindow();
            }

            if (window.Users >= queueLimit)
            {
                throw new HttpRequestException(
                    HttpRequestError.Unknown,
                    "Too many requests are waiting to be sent to this conversation or organisation; this one was not sent.",
                    statusCode: HttpStatusCode.TooManyRequests);
            }

            window.Users++;
            return window;
        }
    }

    private void Leave(KeyWindow window)
    {
        lock (windows)
        {
            window.Users--;
            window.LastLeft = clock.GetTimestamp();
        }
    }

    // Under the lock. A key nobody uses has every request answered, the last before it was left.
    private void SweepIdle()
    {
        var now = clock.GetTimestamp();
        if (windows.Count < KeysBeforeSweeping || clock.GetElapsedTime(lastSweep, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        lastSweep = now;
        foreach (var (key, window) in windows)
        {
            if (window.Users == 0 && clock.GetElapsedTime(window.LastLeft, now) > Window)
            {
                windows.Remove(key);
            }
        }
    }

    internal sealed class KeyWindow
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>The last requests let go, up to the limit, oldest first; only the turn holder touches it.</summary>
        public Queue<Reservation> Recent { get; } = new();

        /// <summary>Requests waiting or on their way (under the windows' lock).</summary>
        public int Users { get; set; }

        public long LastLeft { get; set; }
    }

    /// <summary>One request's place in its key's second: holds the key's turn until let go, and records its answer's moment when disposed.</summary>
    public sealed class Reservation : IDisposable
    {
        private readonly AnsweredRequestWindows owner;
        private readonly KeyWindow window;
        private readonly TaskCompletionSource<long> answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int turnReleased;

        internal Reservation(AnsweredRequestWindows owner, KeyWindow window)
        {
            this.owner = owner;
            this.window = window;
        }

        internal Task<long> AnsweredAt => answered.Task;

        /// <summary>Lets the key's next request start waiting for its own place.</summary>
        public void LetNextIn()
        {
            if (Interlocked.Exchange(ref turnReleased, 1) == 0)
            {
                window.Turn.Release();
            }
        }

        /// <summary>The answer is back (or the request failed or was never sent): its second starts counting now.</summary>
        public void Dispose()
        {
            LetNextIn();
            if (answered.TrySetResult(owner.clock.GetTimestamp()))
            {
                owner.Leave(window);
            }
        }
    }
}
