using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Tests.Content;

public sealed class CampaignContentLoaderTests : IDisposable
{
    private static readonly string ShippedFile = Path.Combine(AppContext.BaseDirectory, "campaign", "campaign.json");
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pledgebot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheShippedCampaignLoadsWithFourCauses()
    {
        var content = CampaignContentLoader.Load(ShippedFile);

        Assert.Equal("stand-with-them", content.Id);
        Assert.Equal(
            ["protecting-innocence", "burundi-refugees-tanzania", "yemen-crisis", "rohingya-refugees-india"],
            content.Causes.Select(c => c.Id));
    }

    [Fact]
    public void TheProtectingInnocenceCauseCarriesTheNotOnMyScreenPledge()
    {
        var content = CampaignContentLoader.Load(ShippedFile);

        var cause = Assert.Single(content.CausesWithPledges);
        Assert.Equal("Protecting Innocence", cause.Title);
        Assert.Equal("#NotOnMyScreen", cause.Pledge!.Title);
    }

    [Fact]
    public void EveryShippedStoryIsShortWithTwoOrThreeKeyFacts()
    {
        var content = CampaignContentLoader.Load(ShippedFile);

        Assert.All(content.Causes, cause =>
        {
            Assert.InRange(cause.Story.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, 1, 140);
            Assert.InRange(cause.KeyFacts.Count, 2, 3);
        });
    }

    [Fact]
    public void EveryShippedImageExistsAndIsDescribed()
    {
        var content = CampaignContentLoader.Load(ShippedFile);

        Assert.All(content.Causes, cause =>
        {
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(ShippedFile)!, cause.Image.File)), cause.Image.File);
            Assert.False(string.IsNullOrWhiteSpace(cause.Image.AltText));
        });
    }

    [Fact]
    public void AMissingStoryIsNamedWithFileCauseAndField()
    {
        var file = WriteCampaign(json => Cause(json, 0).Remove("story"));

        AssertRefused(file, "campaign.json", "'protecting-innocence'", "'story'");
    }

    [Fact]
    public void ADuplicateCauseIdIsNamed()
    {
        var file = WriteCampaign(json => Cause(json, 2)["id"] = "burundi-refugees-tanzania");

        AssertRefused(file, "campaign.json", "'burundi-refugees-tanzania'", "'id' is used by another cause");
    }

    [Fact]
    public void AMissingImageFileIsNamed()
    {
        var file = WriteCampaign(_ => { });
        File.Delete(Path.Combine(folder, "images", "yemen-crisis.png"));

        AssertRefused(file, "campaign.json", "'yemen-crisis'", "'image.file'", "images/yemen-crisis.png");
    }

    [Fact]
    public void AnEmptyAltTextIsNamed()
    {
        var file = WriteCampaign(json => Cause(json, 3)["image"]!["altText"] = "  ");

        AssertRefused(file, "campaign.json", "'rohingya-refugees-india'", "'image.altText'");
    }

    [Theory]
    [InlineData("www.unhcr.org")]
    [InlineData("ftp://unhcr.org/")]
    [InlineData("javascript:alert(1)")]
    public void AReadMoreAddressThatIsNotAWebAddressIsNamed(string readMoreUrl)
    {
        var file = WriteCampaign(json => Cause(json, 1)["readMoreUrl"] = readMoreUrl);

        AssertRefused(file, "campaign.json", "'burundi-refugees-tanzania'", "'readMoreUrl'", readMoreUrl);
    }

    [Fact]
    public void AStoryLongerThan140WordsIsNamedWithItsLength()
    {
        var file = WriteCampaign(json => Cause(json, 2)["story"] = string.Join(" ", Enumerable.Repeat("word", 141)));

        AssertRefused(file, "campaign.json", "'yemen-crisis'", "'story'", "141 words");
    }

    [Fact]
    public void AStoryOfExactly140WordsIsAccepted()
    {
        var file = WriteCampaign(json => Cause(json, 2)["story"] = string.Join(" ", Enumerable.Repeat("word", 140)));

        Assert.Equal(4, CampaignContentLoader.Load(file).Causes.Count);
    }

    [Fact]
    public void InvalidJsonIsNamedWithTheFileAndTheLine()
    {
        var file = WriteCampaign(_ => { });
        var lines = File.ReadAllLines(file);
        Assert.StartsWith("\"title\"", lines[2].Trim());
        lines[2] = lines[2].TrimEnd().TrimEnd(',');
        File.WriteAllLines(file, lines);

        AssertRefused(file, "campaign.json", "line 4");
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var missing = Path.Combine(folder, "no-such-campaign.json");

        AssertRefused(missing, "no-such-campaign.json", "not found");
    }

    [Fact]
    public void SeveralProblemsAreAllListedInOneMessage()
    {
        var file = WriteCampaign(json =>
        {
            Cause(json, 0).Remove("story");
            Cause(json, 3)["image"]!["altText"] = "";
            Cause(json, 2)["readMoreUrl"] = "not a url";
        });

        var message = AssertRefused(file, "3 problem(s)");
        Assert.Contains("'protecting-innocence': field 'story'", message);
        Assert.Contains("'rohingya-refugees-india': field 'image.altText'", message);
        Assert.Contains("'yemen-crisis': field 'readMoreUrl'", message);
    }

    [Fact]
    public void TheShippedThemeKeepsWhiteTextAndTheAccentReadable()
    {
        var theme = CampaignContentLoader.Load(ShippedFile).Theme;

        Assert.Equal(new CampaignTheme("#1D6A72", "#F4F7F7"), theme);
        Assert.True(ColorContrast.Ratio(ColorContrast.White, theme.AccentColor) >= 4.5);
        Assert.True(ColorContrast.Ratio(theme.AccentColor, theme.BackgroundColor) >= 3);
    }

    [Fact]
    public void WithoutAThemeTheDefaultColoursAreUsed()
    {
        var file = WriteCampaign(json => json.AsObject().Remove("theme"));

        Assert.Equal(CampaignTheme.Default, CampaignContentLoader.Load(file).Theme);
    }

    [Fact]
    public void AThemeColourLeftOutIsTakenFromTheDefault()
    {
        var file = WriteCampaign(json => json["theme"] = new JsonObject { ["accentColor"] = "#2b5f8a" });

        Assert.Equal(new CampaignTheme("#2B5F8A", CampaignTheme.Default.BackgroundColor), CampaignContentLoader.Load(file).Theme);
    }

    [Theory]
    [InlineData("accentColor", "teal")]
    [InlineData("accentColor", "#1D6")]
    [InlineData("accentColor", "1D6A72")]
    [InlineData("backgroundColor", "#F4F7FZ")]
    [InlineData("backgroundColor", "#F4F7F7; } body { display: none")]
    public void AThemeColourThatIsNotSixDigitHexIsNamed(string field, string value)
    {
        var file = WriteCampaign(json => json["theme"]![field] = value);

        AssertRefused(file, "campaign.json", $"'theme.{field}'", "six hex digits", value);
    }

    [Fact]
    public void AnAccentTooLightForWhiteTextIsNamedWithItsContrast()
    {
        var file = WriteCampaign(json => json["theme"]!["accentColor"] = "#5AA9B0");

        AssertRefused(file, "campaign.json", "'theme.accentColor'", "#5AA9B0", "white text", "2.71:1", "4.5:1");
    }

    [Fact]
    public void AnAccentThatFadesIntoTheBackgroundIsNamedWithBothFields()
    {
        var file = WriteCampaign(json => json["theme"]!["backgroundColor"] = "#3B7F86");

        AssertRefused(file, "campaign.json", "'theme.accentColor'", "'theme.backgroundColor'", "3:1");
    }

    [Fact]
    public void TheShippedCampaignHasNoEndDate()
    {
        Assert.Null(CampaignContentLoader.Load(ShippedFile).EndsOn);
    }

    [Fact]
    public void AnEndDateIsReadAsACalendarDay()
    {
        var file = WriteCampaign(json => json["endsOn"] = "2027-06-30");

        Assert.Equal(new DateOnly(2027, 6, 30), CampaignContentLoader.Load(file).EndsOn);
    }

    [Theory]
    [InlineData("2027-02-30")]
    [InlineData("30/06/2027")]
    [InlineData("2027-6-30")]
    [InlineData("2027-06-30T00:00:00Z")]
    [InlineData("soon")]
    public void AnEndDateThatIsNotARealYearMonthDayDateIsNamed(string endsOn)
    {
        var file = WriteCampaign(json => json["endsOn"] = endsOn);

        AssertRefused(file, "campaign.json", "'endsOn'", "2027-06-30", endsOn);
    }

    [Fact]
    public void TheShippedCampaignSetsNoGoalsSoGoalsMove()
    {
        var content = CampaignContentLoader.Load(ShippedFile);

        Assert.Null(content.VoteGoal);
        Assert.All(content.CausesWithPledges, cause => Assert.Null(cause.Pledge!.Goal));
    }

    [Fact]
    public void AVoteGoalAndAPledgeGoalAreRead()
    {
        var file = WriteCampaign(json =>
        {
            json["voteGoal"] = 2000;
            Cause(json, 0)["pledge"]!["goal"] = 5000;
        });

        var content = CampaignContentLoader.Load(file);

        Assert.Equal(2000, content.VoteGoal);
        Assert.Equal(5000, content.CausesWithPledges.Single().Pledge!.Goal);
    }

    [Fact]
    public void TheLargestGoalAllowedIsOneHundredMillion()
    {
        var file = WriteCampaign(json => json["voteGoal"] = 100_000_000);

        Assert.Equal(100_000_000, CampaignContentLoader.Load(file).VoteGoal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-250")]
    [InlineData("2000.5")]
    [InlineData("\"2000\"")]
    [InlineData("\"2,000\"")]
    [InlineData("100000001")]
    [InlineData("99999999999999999999")]
    [InlineData("true")]
    [InlineData("[2000]")]
    public void AGoalThatIsNotAWholeNumberFromOneToAHundredMillionIsNamed(string goal)
    {
        var file = WriteCampaign(json =>
        {
            json["voteGoal"] = JsonNode.Parse(goal);
            Cause(json, 0)["pledge"]!["goal"] = JsonNode.Parse(goal);
        });

        var message = AssertRefused(file, "campaign: field 'voteGoal' must be a whole number from 1 to 100,000,000", "'protecting-innocence': field 'pledge.goal'");
        Assert.Contains("2 problem(s)", message);
    }

    [Fact]
    public void ADraftIsCheckedAgainstTheCampaignFolderAndEveryProblemIsListedUnderItsName()
    {
        var shippedFolder = Path.GetDirectoryName(ShippedFile)!;
        var draft = JsonNode.Parse(File.ReadAllText(ShippedFile))!;
        Cause(draft, 0)["title"] = "";
        Cause(draft, 1)["image"]!["file"] = "images/missing.png";

        var check = CampaignContentLoader.Check(draft.ToJsonString(), shippedFolder, "upload.json");

        Assert.False(check.IsValid);
        Assert.Equal(2, check.Problems.Count);
        Assert.All(check.Problems, problem => Assert.StartsWith("upload.json: cause '", problem));
        Assert.True(CampaignContentLoader.Check(File.ReadAllText(ShippedFile), shippedFolder, "upload.json").IsValid);
        Assert.Contains("not valid JSON near line 1", Assert.Single(CampaignContentLoader.Check("{\"id\": ", shippedFolder, "upload.json").Problems));
    }

        private static JsonObject Cause(JsonNode json, int index) => json["causes"]![index]!.AsObject();

    private string WriteCampaign(Action<JsonNode> change)
    {
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        foreach (var image in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(ShippedFile)!, "images")))
        {
            File.Copy(image, Path.Combine(images, Path.GetFileName(image)));
        }

        var json = JsonNode.Parse(File.ReadAllText(ShippedFile))!;
        change(json);
        var file = Path.Combine(folder, "campaign.json");
        File.WriteAllText(file, json.ToJsonString(new() { WriteIndented = true }));
        return file;
    }

    private static string AssertRefused(string file, params string[] expectedInMessage)
    {
        var refused = Assert.Throws<InvalidCampaignContentException>(() => CampaignContentLoader.Load(file));
        Assert.All(expectedInMessage, expected => Assert.Contains(expected, refused.Message));
        return refused.Message;
    }
}
