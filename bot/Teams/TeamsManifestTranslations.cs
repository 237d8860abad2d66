using System.Globalization;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Teams;

/// <summary>
/// The Teams app in the campaign's other languages. Teams shows the app's name, description,
/// command menu and search command in the user's Teams language when the package holds a
/// localization file for it (named in the manifest's <c>localizationInfo</c>), and the manifest's
/// own text otherwise. Names and descriptions come from the campaign's translations; a command's
/// title is the word the bot understands for it in that language (Teams sends the user's locale
/// with the message, so the bot reads it in that language); the rest from <see cref="TeamsWords"/>.
/// </summary>
public static class TeamsManifestTranslations
{
    /// <summary>The bot's menu commands by their title in the template: the typed words they stand for and their description.</summary>
    private static readonly Dictionary<string, (string TypedWords, Func<string> Description)> MenuCommands = new(StringComparer.Ordinal)
    {
        ["stories"] = ("TypedStories", () => TeamsWords.StoriesCommand),
        ["vote"] = ("TypedVoteMenu", () => TeamsWords.VoteCommand),
        ["pledge"] = ("TypedPledge", () => TeamsWords.PledgeCommand),
        ["results"] = ("TypedResults", () => TeamsWords.ResultsCommand),
        ["help"] = ("TypedHelp", () => TeamsWords.HelpCommand),
    };

    /// <summary>
    /// Adds <c>localizationInfo</c> to <paramref name="manifest"/> and returns the files it names
    /// (file name and content), one per language the campaign is offered in besides its default.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonObject> AddTo(JsonObject manifest, CampaignContent content)
    {
        var files = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var additional = new JsonArray();
        foreach (var language in content.Languages.Where(l => !string.Equals(l, content.DefaultLanguage, StringComparison.OrdinalIgnoreCase)))
        {
            var culture = CultureInfo.GetCultureInfo(language);
            var file = $"{language}.json";
            files[file] = SupporterLanguage.During(culture, () => StringsIn(manifest, content.In(culture)));
            additional.Add(new JsonObject { ["languageTag"] = language, ["file"] = file });
        }

        var info = new JsonObject { ["defaultLanguageTag"] = content.DefaultLanguage };
        if (additional.Count > 0)
        {
            info["additionalLanguages"] = additional;
        }

        manifest["localizationInfo"] = info;
        return files;
    }

    // Keys are the manifest's JSON paths as Teams' localization schema writes them.
    private static JsonObject StringsIn(JsonObject manifest, CampaignContent content)
    {
        var strings = new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/en-us/json-schemas/teams/v{manifest["manifestVersion"]!.GetValue<string>()}/MicrosoftTeams.Localization.schema.json",
            ["name.short"] = TeamsManifest.Clip(content.Title, TeamsManifest.MaxShortNameLength),
            ["name.full"] = TeamsManifest.Clip(content.Title, TeamsManifest.MaxFullNameLength),
            ["description.short"] = TeamsManifest.Clip(content.Intro, TeamsManifest.MaxShortDescriptionLength),
            ["description.full"] = TeamsManifest.Clip(content.Intro, TeamsManifest.MaxFullDescriptionLength),
        };

        var menu = manifest["bots"]?[0]?["commandLists"]?[0]?["commands"]?.AsArray() ?? [];
        for (var i = 0; i < menu.Count; i++)
        {
            if (menu[i]?["title"]?.GetValue<string>() is { } title && MenuCommands.TryGetValue(title, out var command))
            {
                strings[$"bots[0].commandLists[0].commands[{i}].title"] = TypedWords.First(command.TypedWords);
                strings[$"bots[0].commandLists[0].commands[{i}].description"] = command.Description();
            }
        }

        var search = manifest["composeExtensions"]?[0]?["commands"]?.AsArray() ?? [];
        for (var i = 0; i < search.Count; i++)
        {
            if (search[i]?["id"]?.GetValue<string>() == "shareCause")
            {
                strings[$"composeExtensions[0].commands[{i}].title"] = TeamsWords.ShareCauseTitle;
                strings[$"composeExtensions[0].commands[{i}].description"] = TeamsWords.ShareCauseDescription;
                strings[$"composeExtensions[0].commands[{i}].parameters[0].title"] = TeamsWords.CauseParameterTitle;
                strings[$"composeExtensions[0].commands[{i}].parameters[0].description"] = TeamsWords.CauseParameterDescription;
            }
        }

        return strings;
    }
}
