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
        Assert.Equal(
            [
                $"{ShippedCampaign.ContentFile} is valid: 4 causes, 1 pledge, in en, fr, fil, ar, sw",
                "  - fr (French, français): complete, not yet reviewed by a native speaker",
                "  - fil (Filipino, Filipino): complete, not yet reviewed by a native speaker",
                "  - ar (Arabic, العربية): complete, not yet reviewed by a native speaker",
                "  - sw (Swahili, Kiswahili): complete, not yet reviewed by a native speaker",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Empty(errors);
    }

    [Fact]
    public void EachTranslationIsListedWithWhatItLacksAndWhetherANativeSpeakerReviewedIt()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json =>
        {
            var french = json["translations"]!["fr"]!.AsObject();
            french.Remove("intro");
            french["causes"]!["protecting-innocence"]!.AsObject().Remove("story");
            french["causes"]!["yemen-crisis"]!["keyFacts"]![1] = "";
            french["causes"]!.AsObject().Remove("rohingya-refugees-india");
            json["translations"]!["ar"]!["reviewedByNativeSpeaker"] = true;
            json["translations"]!.AsObject().Remove("fil");
        });

        var (exitCode, output, errors) = Run("validate", file);

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [
                $"{file} is valid: 4 causes, 1 pledge, in en, fr, ar, sw",
                "  - fr (French, français): not yet reviewed by a native speaker; 9 texts missing, shown in en instead: intro; "
                    + "cause 'protecting-innocence': story; cause 'yemen-crisis': keyFacts[1]; "
                    + "cause 'rohingya-refugees-india': title; cause 'rohingya-refugees-india': summary; cause 'rohingya-refugees-india': story; "
                    + "cause 'rohingya-refugees-india': keyFacts; cause 'rohingya-refugees-india': image.altText; cause 'rohingya-refugees-india': voteCallToAction",
                "  - ar (Arabic, العربية): complete, reviewed by a native speaker",
                "  - sw (Swahili, Kiswahili): complete, not yet reviewed by a native speaker",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Empty(errors);
    }

    [Fact]
    public void AnUnusableTranslationIsAProblemWithExitCode1AndNoStackTrace()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json =>
        {
            json["translations"]!["de"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "An ihrer Seite" };
            json["translations"]!["fr"]!["causes"]!["yemen-crisis"] = "La catastrophe";
        });

        var (exitCode, output, errors) = Run("validate", file);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains($"{file} has 2 problems:", errors);
        Assert.Contains("  - campaign.json: translations 'de': 'de' is not one of the bot's languages (en, fr, fil, ar, sw)", errors);
        Assert.Contains("  - campaign.json: translations 'fr': field 'causes.yemen-crisis' has the wrong kind of value", errors);
        Assert.DoesNotContain("   at ", errors);
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
        Assert.Contains("is valid: 4 causes, 1 pledge, in en, fr, fil, ar, sw", output);
        Assert.Contains("  - sw (Swahili, Kiswahili): complete, not yet reviewed by a native speaker", output);
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task APathIsReadFromTheFolderItWasTypedInNotTheFolderTheBotRunsIn()
    {
        ShippedCampaign.CopyWith(folder.Path, json => json["title"] = "Copied");

        var (exitCode, output) = await BotProcess.RunCommandFromAsync(folder.Path, "validate", "campaign.json");

        Assert.Equal(0, exitCode);
        Assert.Contains("campaign.json is valid: 4 causes, 1 pledge, in en, fr, fil, ar, sw", output);
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
