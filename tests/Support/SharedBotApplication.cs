namespace PledgeBot.Tests.Support;

/// <summary>
/// One in-memory host with the default settings, over a data folder of its own, shared by all
/// the tests of a class (<c>IClassFixture</c>) and disposed after the last: starting a host
/// costs far more than most tests that use it. Only for classes whose tests read, or add data
/// under people and conversations of their own, and change no setting, clock or state that
/// another test of the class reads.
/// </summary>
public sealed class SharedBotApplication : IDisposable
{
    private readonly TempFolder data = new();

    public SharedBotApplication() => App = new BotApplication(data.Path);

    public BotApplication App { get; }

    public void Dispose()
    {
        App.Dispose();
        data.Dispose();
    }
}
