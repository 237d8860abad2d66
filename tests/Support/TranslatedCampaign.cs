using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The shipped campaign with a small translations block of its own (per language: the campaign's
/// title, each cause's title, the pledge's title, and in French, Filipino and Arabic a summary per
/// cause; every other text falls back to English), so that tests can tell which language the bot
/// or a page answered in from the content alone, and do not hang on the seed campaign's own
/// translations.
/// </summary>
public static class TranslatedCampaign
{
    public const string PledgeId = "not-on-my-screen";

    /// <summary>Per language: the campaign's title, the causes' titles in the shipped order, the pledge's title.</summary>
    public static readonly IReadOnlyDictionary<string, (string Title, string[] Causes, string Pledge)> Texts = new Dictionary<string, (string, string[], string)>
    {
        ["en"] = ("Stand With Them",
            ["Protecting Innocence", "Refugees from Burundi in Tanzania", "The Humanitarian Catastrophe in Yemen", "Rohingya Refugees in India"],
            "#NotOnMyScreen"),
        ["fr"] = ("Solidaires avec eux",
            ["Protéger l’innocence", "Réfugiés burundais en Tanzanie", "La catastrophe humanitaire au Yémen", "Réfugiés rohingyas en Inde"],
            "#PasSurMonÉcran"),
        ["ar"] = ("قف معهم",
            ["حماية البراءة", "لاجئون من بوروندي في تنزانيا", "الكارثة الإنسانية في اليمن", "لاجئو الروهينغا في الهند"],
            "#ليس_على_شاشتي"),
        ["sw"] = ("Simama Nao",
            ["Kulinda Utoto", "Wakimbizi kutoka Burundi nchini Tanzania", "Janga la Kibinadamu nchini Yemen", "Wakimbizi wa Rohingya nchini India"],
            "#SiKwenyeSkriniYangu"),
        ["fil"] = ("Manindigan Kasama Nila",
            ["Pangangalaga sa Kawalang-malay", "Mga Refugee mula Burundi sa Tanzania", "Ang Makataong Sakuna sa Yemen", "Mga Rohingya Refugee sa India"],
            "#HindiSaAkingScreen"),
    };

    public static string FrenchTitle => Texts["fr"].Title;

    public static string ArabicTitle => Texts["ar"].Title;

    public static string FrenchCauseTitle(string causeId) => CauseTitle("fr", causeId);

    public static string ArabicCauseTitle(string causeId) => CauseTitle("ar", causeId);

    /// <summary>A cause's summary in French, Filipino or Arabic; null in the languages that keep the English one.</summary>
    public static string? Summary(string language, string causeId) => language switch
    {
        "fr" => $"Résumé en français de {causeId}.",
        "fil" => "Buod sa Filipino.",
        "ar" => "ملخص القضية بالعربية.",
        _ => null,
    };

    /// <summary>Writes the campaign, offered in English, French, Filipino and Arabic, into <paramref name="folder"/>; returns the content file.</summary>
    public static string CopyTo(string folder) => ShippedCampaign.CopyWith(folder, json => Add(json, "fr", "fil", "ar"));

    /// <summary>Writes the campaign, offered in English and <paramref name="languages"/>, into <paramref name="folder"/>; the host's settings to run it.</summary>
    public static Dictionary<string, string?> Settings(string folder, params string[] languages) => new()
    {
        ["Campaign:ContentFile"] = ShippedCampaign.CopyWith(folder, json => Add(json, languages)),
    };

    /// <summary>The campaign offered in English and <paramref name="languages"/>, checked as the host loads it.</summary>
    public static CampaignContent Content(params string[] languages)
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!;
        Add(json, languages);
        return CampaignContentLoader.Check(json.ToJsonString(), Path.GetDirectoryName(ShippedCampaign.ContentFile)!, "translated campaign").Content!;
    }

    /// <summary>Replaces the content's translations with these texts in <paramref name="languages"/>.</summary>
    public static void Add(JsonNode json, params string[] languages)
    {
        var causeIds = CauseIds(json);
        var translations = new JsonObject();
        foreach (var language in languages)
        {
            var (title, causes, pledge) = Texts[language];
            var causeTexts = new JsonObject();
            for (var i = 0; i < causeIds.Count; i++)
            {
                var cause = new JsonObject { ["title"] = causes[i] };
                if (Summary(language, causeIds[i]) is { } summary)
                {
                    cause["summary"] = summary;
                }

                if (i == 0)
                {
                    cause["pledge"] = new JsonObject { ["title"] = pledge };
                }

                causeTexts[causeIds[i]] = cause;
            }

            translations[language] = new JsonObject { ["reviewedByNativeSpeaker"] = false, ["title"] = title, ["causes"] = causeTexts };
        }

        json["translations"] = translations;
    }

    public static string CauseId(int index) => ShippedCampaign.Load().Causes[index].Id;

    /// <summary>A person's message with the client's <paramref name="locale"/> (null: none sent).</summary>
    public static JObject WithLocale(this JObject activity, string? locale)
    {
        if (locale is null)
        {
            activity.Remove("locale");
        }
        else
        {
            activity["locale"] = locale;
        }

        return activity;
    }

    private static string CauseTitle(string language, string causeId) =>
        Texts[language].Causes[CauseIds(JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!).IndexOf(causeId)];

    private static List<string> CauseIds(JsonNode json) => json["causes"]!.AsArray().Select(c => (string)c!["id"]!).ToList();
}
