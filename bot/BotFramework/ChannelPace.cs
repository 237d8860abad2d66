namespace PledgeBot.BotFramework;

/// <summary>
/// The channels' limits, one set per host, shared by every handler the HttpClient factory builds
/// (it replaces handlers every few minutes; the pace must outlive them): messages per conversation
/// (Teams: 7 a second) and requests per Teams tenant (Teams: 50 a second for the app), each kept
/// by <see cref="AnsweredRequestWindows"/>, which no delay on the way can push over the limit.
/// </summary>
public sealed class ChannelPace(int messagesPerSecondPerConversation, int requestsPerSecondPerTenant, TimeProvider? clock = null)
{
    // About ten seconds of messages; more than that waiting for one conversation is a runaway loop.
    private const int QueuedSecondsPerConversation = 10;

    /// <summary>Messages per conversation and second, in the order they were sent.</summary>
    public AnsweredRequestWindows Conversations { get; } = new(
        messagesPerSecondPerConversation, messagesPerSecondPerConversation * QueuedSecondsPerConversation, clock ?? TimeProvider.System);

    /// <summary>
    /// Requests per Teams tenant and second. A request is given up after a minute anyway
    /// (ChannelRetry.GiveUpAfter), so a longer queue would only hold doomed ones.
    /// </summary>
    public AnsweredRequestWindows Tenants { get; } = new(
        requestsPerSecondPerTenant, requestsPerSecondPerTenant * (int)ChannelRetry.GiveUpAfter.TotalSeconds, clock ?? TimeProvider.System);
}
