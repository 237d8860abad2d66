using System.Text.Json;
using Json.Schema;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The official Teams app manifest schema from the npm package @microsoft/app-manifest, as the
/// tests' build copies it beside them (teams-schemas/v1.NN/MicrosoftTeams.schema.json).
/// </summary>
public static class TeamsManifestSchema
{
    // The Teams schemas declare draft-04, which JsonSchema.Net does not ship. They use no keyword
    // whose meaning changed after draft-04 (no boolean exclusiveMinimum/Maximum, no "id") but do
    // use "const" from draft-06, as Teams' own validator (ajv) accepts; so draft-06 rules under the
    // draft-04 URI evaluate them as intended. $ref siblings are ignored, as in draft-04.
    private static readonly Uri Draft04 = new("http://json-schema.org/draft-04/schema#");

    public static string FileFor(string manifestVersion) =>
        Path.Combine(AppContext.BaseDirectory, "teams-schemas", $"v{manifestVersion}", "MicrosoftTeams.schema.json");

    /// <summary>Every error the schema finds in the manifest, one line each ("/bots/0/botId: ..."); empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonElement manifest) =>
        Errors(manifest, FileFor(manifest.GetProperty("manifestVersion").GetString()!));

    /// <summary>Every error the official schema of a localization file (of <paramref name="manifestVersion"/>) finds in <paramref name="strings"/>.</summary>
    public static IReadOnlyList<string> LocalizationErrors(JsonElement strings, string manifestVersion) =>
        Errors(strings, Path.Combine(Path.GetDirectoryName(FileFor(manifestVersion))!, "MicrosoftTeams.Localization.schema.json"));

    private static IReadOnlyList<string> Errors(JsonElement manifest, string file)
    {
        Assert.True(File.Exists(file), $"No official schema at '{file}'; is @microsoft/app-manifest installed (tests/package.json)?");

        // The schema's references are all inside the file ("#/definitions/..."), so nothing is
        // fetched; local registries keep parallel tests from sharing state.
        var dialects = new DialectRegistry();
        dialects.Register(Dialect.Draft06.With([], Draft04));
        var schema = JsonSchema.FromFile(file, new BuildOptions { DialectRegistry = dialects, SchemaRegistry = new SchemaRegistry() });

        var result = schema.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? [])
            .Where(detail => detail.Errors is not null)
            .SelectMany(detail => detail.Errors!.Select(error =>
                $"{detail.InstanceLocation} ({detail.EvaluationPath}) {error.Key}: {error.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid, and the evaluation gave no details"];
    }
}
