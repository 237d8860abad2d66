using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Teams;

/// <summary>
/// The Teams app manifest: teams/manifest.template.json with its <c>{{PLACEHOLDERS}}</c> filled
/// in from the app id, the public domain and the campaign content. The template is the one
/// source of truth for the manifest's shape; this class only supplies values.
/// </summary>
public static partial class TeamsManifest
{
    public const string TemplateFileName = "manifest.template.json";

    // The lengths the Teams manifest schema allows.
    public const int MaxShortNameLength = 30;
    public const int MaxFullNameLength = 100;
    public const int MaxShortDescriptionLength = 80;
    public const int MaxFullDescriptionLength = 4000;

    public static JsonObject Build(string templateFile, string appId, string domain, CampaignContent content)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP_ID"] = appId,
            ["DOMAIN"] = domain,
            ["SHORT_NAME"] = Clip(content.Title, MaxShortNameLength),
            ["FULL_NAME"] = Clip(content.Title, MaxFullNameLength),
            ["SHORT_DESCRIPTION"] = Clip(content.Intro, MaxShortDescriptionLength),
            ["FULL_DESCRIPTION"] = Clip(content.Intro, MaxFullDescriptionLength),
            ["ACCENT_COLOR"] = content.Theme.AccentColor,
        };

        // Filled after parsing, inside string values only, so no campaign text can break the JSON.
        var manifest = JsonNode.Parse(File.ReadAllText(templateFile))?.AsObject()
            ?? throw new InvalidDataException($"The Teams manifest template '{templateFile}' is empty.");
        Fill(manifest, values, templateFile);
        return manifest;
    }

    /// <summary>
    /// Shortens text to at most <paramref name="maxLength"/> characters at a word boundary: a
    /// whole sentence as it is, otherwise the last whole word and an ellipsis.
    /// </summary>
    public static string Clip(string text, int maxLength)
    {
        text = text.Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Room for the ellipsis; a word longer than that is cut, but never inside a surrogate pair.
        var room = maxLength - 1;
        var space = room;
        while (space > 0 && !char.IsWhiteSpace(text[space]))
        {
            space--;
        }

        var cut = space > 0 ? space : char.IsHighSurrogate(text[room - 1]) ? room - 1 : room;
        var kept = text[..cut].TrimEnd().TrimEnd(',', ';', ':', '-', '–', '—').TrimEnd();
        return kept.EndsWith('.') || kept.EndsWith('!') || kept.EndsWith('?') ? kept : kept + "…";
    }

    private static void Fill(JsonNode node, Dictionary<string, string> values, string templateFile)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is not null && Filled(child, values, templateFile) is { } text)
                    {
                        obj[key] = text;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child && Filled(child, values, templateFile) is { } text)
                    {
                        array[i] = text;
                    }
                }

                break;
        }
    }

    // The filled string for a string value; null for anything else, after filling inside it.
    private static string? Filled(JsonNode node, Dictionary<string, string> values, string templateFile)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            Fill(node, values, templateFile);
            return null;
        }

        return Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value, out var filled)
            ? filled
            : throw new InvalidDataException(
                $"The Teams manifest template '{templateFile}' uses {match.Value}, which is not one of {string.Join(", ", values.Keys.Select(k => $"{{{{{k}}}}}"))}."));
    }

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();
}
