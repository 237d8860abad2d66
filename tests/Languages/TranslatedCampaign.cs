using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Languages;

/// <summary>
/// The shipped campaign with a small translations block (the campaign's title, each cause's title,
/// the pledge's title), so that tests can tell which language the bot answered in from the
/// content alone; every other text falls back to English.
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

    /// <summary>Writes the campaign, offered in English and <paramref name="languages"/>, into <paramref name="folder"/>; the host's settings to run it.</summary>
    public static Dictionary<string, string?> Settings(string folder, params string[] languages) => new()
    {
        ["Campaign:ContentFile"] = ShippedCampaign.CopyWith(folder, json => AddTranslations(json, languages)),
    };

    /// <summary>The campaign offered in English and <paramref name="languages"/>, checked as the host loads it.</summary>
    public static CampaignContent Content(params string[] languages)
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!;
        AddTranslations(json, languages);
        return CampaignContentLoader.Check(json.ToJsonString(), Path.GetDirectoryName(ShippedCampaign.ContentFile)!, "translated campaign").Content!;
    }

    private static void AddTranslations(JsonNode json, string[] languages)
    {
        var causeIds = json["causes"]!.AsArray().Select(c => (string)c!["id"]!).ToList();
        var translations = new JsonObject();
        foreach (var language in languages)
        {
            var (title, causes, pledge) = Texts[language];
            var causeTexts = new JsonObject();
            for (var i = 0; i < causeIds.Count; i++)
            {
                causeTexts[causeIds[i]] = i == 0
                    ? new JsonObject { ["title"] = causes[i], ["pledge"] = new JsonObject { ["title"] = pledge } }
                    : new JsonObject { ["title"] = causes[i] };
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
}
