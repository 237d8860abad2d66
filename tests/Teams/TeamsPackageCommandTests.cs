using System.Diagnostics;
using PledgeBot.Teams;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Teams;

public sealed class TeamsPackageCommandTests : IDisposable
{
    private const string AppId = "2f1e9c3a-7b4d-4e8f-9a10-5c6d7e8f9a0b";
    private const string Domain = "bot.example.org";

    private readonly TempFolder folder = new();

    private string ZipFile => Path.Combine(folder.Path, "teams-app.zip");

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("2f1e9c3a7b4d4e8f9a105c6d7e8f9a0b")]
    [InlineData("{2f1e9c3a-7b4d-4e8f-9a10-5c6d7e8f9a0b}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    public void AnAppIdThatIsNotAGuidIsRefusedWithExitCode2AndAMessage(string appId)
    {
        var (exitCode, _, errors) = Run("--app-id", appId, "--domain", Domain, "--output", ZipFile);

        Assert.Equal(TeamsPackageCommand.Refused, exitCode);
        Assert.Contains($"--app-id must be the bot's Microsoft App ID, a GUID", errors);
        Assert.Contains($"(got '{appId}')", errors);
        Assert.False(File.Exists(ZipFile));
    }

    [Theory]
    [InlineData("https://bot.example.org")]
    [InlineData("bot.example.org/api/messages")]
    [InlineData("bot.example.org:443")]
    [InlineData("localhost")]
    [InlineData("203.0.113.7")]
    [InlineData("bot example.org")]
    [InlineData("-bot.example.org")]
    [InlineData("")]
    public void ADomainThatIsNotABareHostNameIsRefusedWithExitCode2AndAMessage(string domain)
    {
        var (exitCode, _, errors) = Run("--app-id", AppId, "--domain", domain, "--output", ZipFile);

        Assert.Equal(TeamsPackageCommand.Refused, exitCode);
        Assert.Contains("--domain must be the bot's public host name alone", errors);
        Assert.Contains($"(got '{domain}')", errors);
        Assert.False(File.Exists(ZipFile));
    }

    [Theory]
    [InlineData("--domain", Domain)]
    [InlineData("--app-id", AppId)]
    [InlineData("--app-id", AppId, "--domain", Domain, "--colour", "red")]
    [InlineData("--app-id", AppId, "--domain")]
    public void MissingOrUnknownOptionsAreRefusedWithExitCode2AndTheUsage(params string[] options)
    {
        var (exitCode, _, errors) = Run(options);

        Assert.Equal(TeamsPackageCommand.Refused, exitCode);
        Assert.Contains("Usage: dotnet run --project bot -- teams-package", errors);
    }

    [Fact]
    public void HelpShowsTheUsageAndWritesNothing()
    {
        var (exitCode, output, _) = Run("--help");

        Assert.Equal(TeamsPackageCommand.Written, exitCode);
        Assert.Contains("--app-id", output);
        Assert.Contains("--domain", output);
    }

    [Fact]
    public void TheDomainIsWrittenInLowerCase()
    {
        var (exitCode, _, errors) = Run("--app-id", AppId.ToUpperInvariant(), "--domain", "Bot.Example.ORG", "--output", ZipFile);

        Assert.True(exitCode == TeamsPackageCommand.Written, errors);
        using var zip = System.IO.Compression.ZipFile.OpenRead(ZipFile);
        using var manifest = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var text = manifest.ReadToEnd();
        Assert.Contains("\"bot.example.org\"", text);
        Assert.Contains($"\"{AppId}\"", text);
    }

    [Fact]
    public void AnOutputFolderReceivesTeamsAppZip()
    {
        Directory.CreateDirectory(folder.Path);

        var (exitCode, output, errors) = Run("--app-id", AppId, "--domain", Domain, "--output", folder.Path);

        Assert.True(exitCode == TeamsPackageCommand.Written, errors);
        Assert.True(File.Exists(ZipFile));
        Assert.Contains(ZipFile, output);
    }

    [Fact]
    public void ABrokenContentFileFailsWithExitCode1NamingFileAndField()
    {
        Directory.CreateDirectory(folder.Path);
        var contentFile = Path.Combine(folder.Path, "my-campaign.json");
        File.WriteAllText(contentFile, """{ "id": "x", "intro": "Hello", "privacyStatement": "p", "causes": [] }""");

        var (exitCode, _, errors) = Run("--app-id", AppId, "--domain", Domain, "--output", ZipFile, "--content", contentFile);

        Assert.Equal(TeamsPackageCommand.Failed, exitCode);
        Assert.Contains("my-campaign.json: campaign: field 'title' is missing or empty", errors);
        Assert.False(File.Exists(ZipFile));
    }

    [Fact]
    public async Task TheBuiltBotWritesThePackageAndExitsWithoutStartingTheHost()
    {
        var (exitCode, output) = await RunBotAsync("teams-package", "--app-id", AppId, "--domain", Domain, "--output", ZipFile);

        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(ZipFile), output);
        Assert.Contains($"Teams app package written to {ZipFile}", output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task TheBuiltBotRefusesABadDomainWithExitCode2AndNoStackTrace()
    {
        var (exitCode, output) = await RunBotAsync("teams-package", "--app-id", AppId, "--domain", "https://bot.example.org/");

        Assert.Equal(2, exitCode);
        Assert.Contains("--domain must be the bot's public host name alone", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    public void Dispose() => folder.Dispose();

    private static (int ExitCode, string Output, string Errors) Run(params string[] options)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exitCode = TeamsPackageCommand.Run([TeamsPackageCommand.Verb, .. options], output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>The bot as an operator runs it (dotnet PledgeBot.dll ...), its output and errors together.</summary>
    private static Task<(int ExitCode, string Output)> RunBotAsync(params string[] arguments) => BotProcess.RunCommandAsync(arguments);
}
