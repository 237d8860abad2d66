using System.Runtime.CompilerServices;

namespace PledgeBot.Tests.Support;

/// <summary>Settings for every host the test run starts (the bot's, and the stand-ins' small servers).</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Hosts watch their settings files for changes through inotify, and Linux allows a user 128
    /// inotify instances: hundreds of hosts and stand-ins started side by side run out (an
    /// IOException at start). No test edits a settings file while its host runs, so none watches.
    /// </summary>
    [ModuleInitializer]
    internal static void DoNotWatchSettingsFiles() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
