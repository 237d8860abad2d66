using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Teams;

/// <summary>
/// Turns a card into its Teams form. The buttons that change what the card shows (vote, next and
/// previous story, the ballot, the results) become Action.Execute, so Teams updates the card in
/// place through an adaptiveCard/action invoke; each keeps its Action.Submit as the fallback for
/// clients without Universal Actions. Live cards also get a refresh action, so each person who
/// opens the card sees it drawn for them. Web Chat has no Action.Execute and never gets this form.
/// </summary>
public static class UniversalActions
{
    public const string RefreshVerb = "refresh";

    /// <summary>Card actions (by their data's "action") that become verbs of the same name.</summary>
    private static readonly HashSet<string> InPlaceActions = [ActionNames.Vote, ActionNames.Stories, ActionNames.VoteMenu, ActionNames.Results];

    /// <param name="refreshFor">
    /// Who gets the automatic refresh. In a personal chat that is the one person; in group chats
    /// and channels it is left out, and Teams then refreshes for everyone in chats of up to 60
    /// people and offers a manual refresh in bigger ones.
    /// </param>
    public static JsonObject ForTeams(JsonObject card, CardView? view, string? refreshFor)
    {
        var teamsCard = card.DeepClone().AsObject();
        foreach (var actions in ActionArrays(teamsCard))
        {
            for (var i = 0; i < actions.Count; i++)
            {
                if (actions[i] is JsonObject submit
                    && submit["type"]?.GetValue<string>() == "Action.Submit"
                    && submit["data"]?["action"]?.GetValue<string>() is { } action
                    && InPlaceActions.Contains(action))
                {
                    actions[i] = new JsonObject
                    {
                        ["type"] = "Action.Execute",
                        ["title"] = submit["title"]?.DeepClone(),
                        ["verb"] = action,
                        ["data"] = submit["data"]!.DeepClone(),
                        ["fallback"] = submit.DeepClone(),
                    };
                }
            }
        }

        if (view is not null)
        {
            var refresh = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = BotWords.Refresh,
                    ["verb"] = RefreshVerb,
                    ["data"] = JsonNode.Parse(view.ToData().ToString(Newtonsoft.Json.Formatting.None)),
                },
            };
            if (refreshFor is not null)
            {
                refresh["userIds"] = new JsonArray(refreshFor);
            }

            teamsCard["refresh"] = refresh;
        }

        return teamsCard;
    }

    private static IEnumerable<JsonArray> ActionArrays(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["actions"] is JsonArray own ? [own] : Enumerable.Empty<JsonArray>())
            .Concat(obj.Where(p => p.Key != "actions").SelectMany(p => ActionArrays(p.Value))),
        JsonArray array => array.SelectMany(ActionArrays),
        _ => [],
    };

    /// <summary>Reads the card data an Action.Execute carried back (Teams sends it as the invoke's action data).</summary>
    public static JObject? DataOf(object? actionData) => actionData switch
    {
        JObject data => data,
        null => null,
        _ => JObject.FromObject(actionData),
    };
}
