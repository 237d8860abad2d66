namespace PledgeBot.Tests.Support;

/// <summary>
/// <see cref="SharedBotApplication"/> on real Kestrel (<see cref="BotApplication.StartOnKestrel"/>):
/// one host for all the tests of a class whose traffic must cross a real socket, such as the
/// built-in Direct Line's, under the same rule: each test uses people and conversations of its
/// own and changes nothing another test reads.
/// </summary>
/// <remarks>
/// Every test's chat page comes from the same loopback address, so the class as a whole would
/// soon meet the per-address limits on new chat people, tokens and conversations; they are
/// raised here, and have tests of their own on hosts of their own.
/// </remarks>
public sealed class SharedKestrelBotApplication : IDisposable
{
    private readonly TempFolder data = new();

    public SharedKestrelBotApplication() => App = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?>
    {
        ["RateLimits:NewWebChatPeoplePerHourPerAddress"] = "1000",
        ["RateLimits:ChatTokensPerMinutePerAddress"] = "1000",
        ["RateLimits:DirectLineConversationsPerMinutePerAddress"] = "1000",
    });

    public BotApplication App { get; }

    public void Dispose()
    {
        App.Dispose();
        data.Dispose();
    }
}
