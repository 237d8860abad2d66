using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using PledgeBot.Teams;
using PledgeBot.Tests.Support;
using Xunit.Abstractions;

namespace PledgeBot.Tests.Teams;

public sealed class TeamsAppPackageTests(ITestOutputHelper log) : IDisposable
{
    private const string AppId = "2f1e9c3a-7b4d-4e8f-9a10-5c6d7e8f9a0b";
    private const string Domain = "bot.example.org";

    private readonly TempFolder folder = new();

    [Fact]
    public void TheZipHoldsExactlyTheManifestBothIconsAndALocalizationFilePerFurtherLanguageAtItsRoot()
    {
        using var zip = ZipFile.OpenRead(WritePackage());

        Assert.Equal(
            ["ar.json", "color.png", "fil.json", "fr.json", "manifest.json", "outline.png", "sw.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheManifestNamesItsLanguageAndEachLocalizationFileAndEachFileValidatesAgainstTheOfficialSchema()
    {
        var zipFile = WritePackage();
        var manifest = ReadManifest(zipFile);

        var info = manifest["localizationInfo"]!;
        Assert.Equal("en", info["defaultLanguageTag"]!.GetValue<string>());
        var additional = info["additionalLanguages"]!.AsArray().Select(l => (l!["languageTag"]!.GetValue<string>(), l["file"]!.GetValue<string>()));
        Assert.Equal([("fr", "fr.json"), ("fil", "fil.json"), ("ar", "ar.json"), ("sw", "sw.json")], additional);
        foreach (var (_, file) in additional)
        {
            var strings = JsonSerializer.Deserialize<JsonElement>(ReadEntry(zipFile, file));
            var errors = TeamsManifestSchema.LocalizationErrors(strings, manifest["manifestVersion"]!.GetValue<string>());
            Assert.True(errors.Count == 0, $"{file} breaks the official localization schema:\n{string.Join("\n", errors)}");
        }

        // The check would notice a key Teams does not know, or a name too long for it.
        var broken = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["name.shrot"] = "x", ["name.short"] = new string('x', 31) });
        var brokenErrors = TeamsManifestSchema.LocalizationErrors(broken, manifest["manifestVersion"]!.GetValue<string>());
        Assert.Contains(brokenErrors, e => e.Contains("name.shrot", StringComparison.Ordinal));
        Assert.Contains(brokenErrors, e => e.StartsWith("/name.short", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFrenchFileGivesTheCampaignsFrenchTextsAndTheWordsTheBotUnderstandsInFrench()
    {
        var french = ShippedCampaign.Load().In(System.Globalization.CultureInfo.GetCultureInfo("fr"));

        var strings = JsonNode.Parse(ReadEntry(WritePackage(), "fr.json"))!.AsObject();

        Assert.Equal(french.Title, strings["name.short"]!.GetValue<string>());
        Assert.Equal(french.Title, strings["name.full"]!.GetValue<string>());
        Assert.Equal(french.Intro, strings["description.full"]!.GetValue<string>());
        Assert.StartsWith(strings["description.short"]!.GetValue<string>().TrimEnd('…'), french.Intro);
        Assert.Equal(
            ["histoires", "voter", "engagement", "résultats", "aide"],
            Enumerable.Range(0, 5).Select(i => strings[$"bots[0].commandLists[0].commands[{i}].title"]!.GetValue<string>()));
        Assert.Equal("Voter pour la cause qui devrait être soutenue", strings["bots[0].commandLists[0].commands[1].description"]!.GetValue<string>());
        Assert.Equal("Partager une cause", strings["composeExtensions[0].commands[0].title"]!.GetValue<string>());
        Assert.Equal("Une partie du titre d'une cause", strings["composeExtensions[0].commands[0].parameters[0].description"]!.GetValue<string>());
    }

    [Fact]
    public void ACampaignInOneLanguageHasNoLocalizationFiles()
    {
        var contentFile = CampaignCopy(json => json.AsObject().Remove("translations"));

        var zipFile = WritePackage("--content", contentFile);

        using var zip = ZipFile.OpenRead(zipFile);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var info = ReadManifest(zipFile)["localizationInfo"]!.AsObject();
        Assert.Equal("en", info["defaultLanguageTag"]!.GetValue<string>());
        Assert.False(info.ContainsKey("additionalLanguages"));
    }

    [Fact]
    public void TheManifestValidatesAgainstTheOfficialTeamsSchemaOfItsVersion()
    {
        var manifest = ReadManifest(WritePackage());

        var errors = TeamsManifestSchema.Errors(JsonSerializer.SerializeToElement(manifest));

        foreach (var error in errors)
        {
            log.WriteLine(error);
        }

        Assert.True(errors.Count == 0, $"The manifest breaks the official schema:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void TheSchemaCheckNoticesAManifestTeamsWouldRefuse()
    {
        var manifest = ReadManifest(WritePackage());
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["accentColor"] = "teal";
        manifest["colour"] = "teal";

        var errors = TeamsManifestSchema.Errors(JsonSerializer.SerializeToElement(manifest));

        Assert.Contains(errors, e => e.StartsWith("/bots/0/botId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/accentColor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/colour", StringComparison.Ordinal));
    }

    [Fact]
    public void TheManifestDeclaresSchema119OrLaterAndTheSchemaAddressOfThatVersion()
    {
        var manifest = ReadManifest(WritePackage());

        var version = Version.Parse(manifest["manifestVersion"]!.GetValue<string>());
        Assert.True(version >= new Version(1, 19), $"manifestVersion {version}");
        Assert.Equal(
            $"https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/MicrosoftTeams.schema.json",
            manifest["$schema"]!.GetValue<string>());
        Assert.Equal("1.0.0", manifest["version"]!.GetValue<string>());
    }

    [Fact]
    public void TheAppIdIsTheTeamsAppIdAndTheBotIdOfTheBotAndOfTheMessagingExtension()
    {
        var manifest = ReadManifest(WritePackage());

        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, Assert.Single(manifest["bots"]!.AsArray())!["botId"]!.GetValue<string>());
        Assert.Equal(AppId, Assert.Single(manifest["composeExtensions"]!.AsArray())!["botId"]!.GetValue<string>());
    }

    [Fact]
    public void TheDomainIsTheOnlyValidDomainAndHostsTheDeveloperPages()
    {
        var manifest = ReadManifest(WritePackage());

        Assert.Equal([Domain], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        var developer = manifest["developer"]!;
        Assert.Equal($"https://{Domain}/", developer["websiteUrl"]!.GetValue<string>());
        Assert.Equal($"https://{Domain}/privacy", developer["privacyUrl"]!.GetValue<string>());
        Assert.Equal($"https://{Domain}/terms", developer["termsOfUseUrl"]!.GetValue<string>());
    }

    [Fact]
    public void NameDescriptionAndAccentColorComeFromTheCampaign()
    {
        var campaign = ShippedCampaign.Load();

        var manifest = ReadManifest(WritePackage());

        Assert.Equal(campaign.Title, manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal(campaign.Title, manifest["name"]!["full"]!.GetValue<string>());
        Assert.Equal(campaign.Intro, manifest["description"]!["full"]!.GetValue<string>());
        var shortDescription = manifest["description"]!["short"]!.GetValue<string>();
        Assert.InRange(shortDescription.Length, 1, TeamsManifest.MaxShortDescriptionLength);
        Assert.StartsWith(shortDescription.TrimEnd('…'), campaign.Intro);
        Assert.Equal(campaign.Theme.AccentColor, manifest["accentColor"]!.GetValue<string>());
    }

    [Fact]
    public void TheBotAndTheMessagingExtensionAreTheOnesTheCampaignNeeds()
    {
        var manifest = ReadManifest(WritePackage());

        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var commands = Assert.Single(bot["commandLists"]!.AsArray())!;
        Assert.Equal(["personal", "team"], commands["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["stories", "vote", "pledge", "results", "help"], commands["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
        var search = Assert.Single(manifest["composeExtensions"]![0]!["commands"]!.AsArray())!;
        Assert.Equal("shareCause", search["id"]!.GetValue<string>());
        Assert.Equal("query", search["type"]!.GetValue<string>());
        Assert.Equal("searchQuery", Assert.Single(search["parameters"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public void ALongTitleAndIntroAreClippedAtAWordAndTheManifestStaysValid()
    {
        var title = "Stand With Them: Children and Families Who Urgently Need Protection Worldwide";
        var contentFile = CampaignCopy(json =>
        {
            json["title"] = title;
            json["intro"] = string.Join(' ', Enumerable.Repeat("Read the stories, vote for a cause, take the pledge.", 11));
        });

        var manifest = ReadManifest(WritePackage("--content", contentFile));

        var shortName = manifest["name"]!["short"]!.GetValue<string>();
        Assert.Equal("Stand With Them: Children and…", shortName);
        Assert.Equal(title, manifest["name"]!["full"]!.GetValue<string>());
        Assert.Equal(
            "Read the stories, vote for a cause, take the pledge. Read the stories, vote for…",
            manifest["description"]!["short"]!.GetValue<string>());
        Assert.Empty(TeamsManifestSchema.Errors(JsonSerializer.SerializeToElement(manifest)));
    }

    [Fact]
    public void TheColourIconIs192PixelsSquareOnTheCampaignsAccent()
    {
        var accent = Convert.FromHexString(ShippedCampaign.Load().Theme.AccentColor.TrimStart('#'));

        var bytes = ReadEntry(WritePackage(), "color.png");

        Assert.Equal((192, 192), PngImage.ReadSize(bytes));
        var icon = PngImage.Decode(bytes);
        Assert.Equal((accent[0], accent[1], accent[2], (byte)255), icon.Pixel(0, 0));
        Assert.Contains(icon.Pixels(), p => p.Colour == (255, 255, 255, 255));
    }

    [Fact]
    public void TheOutlineIconIs32PixelsSquareTransparentWithOnlyWhitePixels()
    {
        var bytes = ReadEntry(WritePackage(), "outline.png");

        Assert.Equal((32, 32), PngImage.ReadSize(bytes));
        var icon = PngImage.Decode(bytes);
        Assert.True(icon.HasAlpha);
        Assert.Equal(0, icon.Pixel(0, 0).A);
        var drawn = icon.Pixels().Where(p => p.Colour.A > 0).ToList();
        Assert.NotEmpty(drawn);
        Assert.All(drawn, p => Assert.True(p.Colour is (255, 255, 255, _), $"pixel ({p.X}, {p.Y}) is {p.Colour}"));
        Assert.Contains(icon.Pixels(), p => p.Colour.A == 0);
    }

    public void Dispose() => folder.Dispose();

    private string WritePackage(params string[] extraOptions)
    {
        var zip = Path.Combine(folder.Path, "teams-app.zip");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exitCode = TeamsPackageCommand.Run(
            ["teams-package", "--app-id", AppId, "--domain", Domain, "--output", zip, .. extraOptions], output, errors);

        Assert.True(exitCode == TeamsPackageCommand.Written, $"exit code {exitCode}:\n{errors}");
        Assert.Contains(zip, output.ToString());
        return zip;
    }

    private string CampaignCopy(Action<JsonNode> change)
    {
        var shipped = Path.GetDirectoryName(ShippedCampaign.ContentFile)!;
        var copy = Path.Combine(folder.Path, "campaign");
        foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var contentFile = Path.Combine(copy, "campaign.json");
        var json = JsonNode.Parse(File.ReadAllText(contentFile))!;
        change(json);
        File.WriteAllText(contentFile, json.ToJsonString());
        return contentFile;
    }

    private static JsonObject ReadManifest(string zipFile) =>
        JsonNode.Parse(ReadEntry(zipFile, "manifest.json"))!.AsObject();

    private static byte[] ReadEntry(string zipFile, string name)
    {
        using var zip = ZipFile.OpenRead(zipFile);
        using var stream = (zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the package")).Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
