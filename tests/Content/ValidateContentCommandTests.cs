using PledgeBot.Campaign;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Content;

/// <summary>`validate &lt;file&gt;` checks a content file from the command line, as a publish would.</summary>
public sealed class ValidateContentCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void AGoodFileIsValidWithItsCausesAndPledgesCounted()
    {
        var (exitCode, output, errors) = Run("validate", ShippedCampaign.ContentFile);

        Assert.Equal(0, exitCode);
        Assert.Equal($"{ShippedCampaign.ContentFile} is valid: 4 causes, 1 pledge, in en", output.Trim());
        Assert.Empty(errors);
    }

    [Fact]
    public void ABrokenFileGetsEveryProblemAndExitCode1()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json =>
        {
            json["causes"]![0]!["story"] = "";
            json["causes"]![2]!["image"]!["file"] = "images/gone.png";
        });
        File.Delete(Path.Combine(folder.Path, "images", "yemen-crisis.png"));
        var (exitCode, _, errors) = Run("validate", file);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{file} has 2 problems:", errors);
        Assert.Contains("  - campaign.json: cause 'protecting-innocence': field 'story' is missing or empty", errors);
        Assert.Contains("  - campaign.json: cause 'yemen-crisis': field 'image.file' names 'images/gone.png', which does not exist", errors);
    }

    [Fact]
    public void AFileThatIsNotUtf8IsRefusedPlainly()
    {
        Directory.CreateDirectory(folder.Path);
        var file = Path.Combine(folder.Path, "latin1.json");
        File.WriteAllBytes(file, System.Text.Encoding.Latin1.GetBytes("{ \"title\": \"Caf\u00e9 \" }"));

        var (exitCode, _, errors) = Run("validate", file);

        Assert.Equal(1, exitCode);
        Assert.Contains("is not UTF-8 text", errors);
    }

    [Theory]
    [InlineData]
    [InlineData("no-such-file.json")]
    public void WithoutAFileTheUsageIsShownWithExitCode2(params string[] arguments)
    {
        var (exitCode, output, errors) = Run(["validate", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("Usage: dotnet run --project bot -- validate <file>", errors);
    }

    [Fact]
    public async Task TheBotRunsTheCommandAndExitsWithoutStartingTheHost()
    {
        var (exitCode, output) = await BotProcess.RunCommandAsync("validate", ShippedCampaign.ContentFile);

        Assert.Equal(0, exitCode);
        Assert.Contains("is valid: 4 causes, 1 pledge, in en", output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task APathIsReadFromTheFolderItWasTypedInNotTheFolderTheBotRunsIn()
    {
        ShippedCampaign.CopyWith(folder.Path, json => json["title"] = "Copied");

        var (exitCode, output) = await BotProcess.RunCommandFromAsync(folder.Path, "validate", "campaign.json");

        Assert.Equal(0, exitCode);
        Assert.Contains("campaign.json is valid: 4 causes, 1 pledge, in en", output);
    }

    public void Dispose() => folder.Dispose();

    private static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = ValidateContentCommand.Run(arguments, output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
