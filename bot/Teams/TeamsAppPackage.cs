using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Teams;

/// <summary>
/// The sideloadable Teams app package: a zip with manifest.json, the two icons it names and a
/// localization file per further language of the campaign (fr.json, ...), all at the zip's root
/// (Teams looks nowhere else).
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestEntryName = "manifest.json";

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        // The manifest is read by Teams, never embedded in HTML: keep "…", "'" and "&" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Beside the app (never the working directory), where the build copies the repository's teams/ folder.</summary>
    public static string TeamsFolder => Path.Combine(AppContext.BaseDirectory, "teams");

    /// <summary>Writes the package to <paramref name="zipFile"/>, replacing any earlier one only once the new one is complete.</summary>
    public static void Write(string zipFile, string appId, string domain, CampaignContent content, string? teamsFolder = null)
    {
        teamsFolder ??= TeamsFolder;
        var manifest = TeamsManifest.Build(RequiredFile(teamsFolder, TeamsManifest.TemplateFileName), appId, domain, content);
        var translations = TeamsManifestTranslations.AddTo(manifest, content);

        // The icons are the files the manifest names, so the template alone decides them.
        var icons = manifest["icons"]?.AsObject().Select(icon => icon.Value!.GetValue<string>()).ToList() ?? [];

        Directory.CreateDirectory(Path.GetDirectoryName(zipFile)!);
        var partialFile = zipFile + ".partial";
        using (var zip = ZipFile.Open(partialFile, ZipArchiveMode.Create))
        {
            WriteJson(zip, ManifestEntryName, manifest);
            foreach (var (file, strings) in translations)
            {
                WriteJson(zip, file, strings);
            }

            foreach (var icon in icons)
            {
                zip.CreateEntryFromFile(RequiredFile(teamsFolder, icon), icon, CompressionLevel.Optimal);
            }
        }

        File.Move(partialFile, zipFile, overwrite: true);
    }

    private static void WriteJson(ZipArchive zip, string name, JsonObject json)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(json.ToJsonString(ManifestJson)));
    }

    private static string RequiredFile(string folder, string name)
    {
        var file = Path.Combine(folder, name);
        return File.Exists(file)
            ? file
            : throw new FileNotFoundException(
                $"The Teams package file '{file}' is missing. Build the bot project: it copies the repository's teams/ folder beside the app.", file);
    }
}
