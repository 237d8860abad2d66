using System.Text.Json.Nodes;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The shipped campaign with a small translations block (French, Filipino and Arabic: the
/// campaign's title and each cause's title and summary; everything else falls back to English),
/// so that tests of the pages in a language do not hang on the seed campaign's own translations.
/// </summary>
public static class TranslatedCampaign
{
    public const string FrenchTitle = "Solidaires avec eux";
    public const string ArabicTitle = "قفوا معهم";

    public static string FrenchCauseTitle(string causeId) => $"Cause en français : {causeId}";

    public static string ArabicCauseTitle(string causeId) => $"قضية بالعربية {causeId.Length}";

    public static string CopyTo(string folder) => ShippedCampaign.CopyWith(folder, Add);

    public static void Add(JsonNode json)
    {
        var causeIds = json["causes"]!.AsArray().Select(c => (string)c!["id"]!).ToList();
        json["translations"] = new JsonObject
        {
            ["fr"] = Language(FrenchTitle, causeIds, id => (FrenchCauseTitle(id), $"Résumé en français de {id}.")),
            ["fil"] = Language("Makiisa sa kanila", causeIds, id => ($"Adhikain {id.Length}", "Buod sa Filipino.")),
            ["ar"] = Language(ArabicTitle, causeIds, id => (ArabicCauseTitle(id), "ملخص القضية بالعربية.")),
        };
    }

    private static JsonObject Language(string title, IEnumerable<string> causeIds, Func<string, (string Title, string Summary)> cause)
    {
        var causes = new JsonObject();
        foreach (var id in causeIds)
        {
            var (causeTitle, summary) = cause(id);
            causes[id] = new JsonObject { ["title"] = causeTitle, ["summary"] = summary };
        }

        return new JsonObject { ["reviewedByNativeSpeaker"] = false, ["title"] = title, ["causes"] = causes };
    }
}
