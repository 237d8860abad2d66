using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// The few Adaptive Card elements our cards are made of, written as plain JSON because the
/// AdaptiveCards NuGet package is not available to us. Cards stay at schema 1.5, the highest
/// version Teams renders.
/// </summary>
public static class CardElements
{
    public const string Version = "1.5";
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Card(string speak, IEnumerable<JsonNode?> body, IEnumerable<JsonNode?>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            // Screen readers and voice channels read this aloud, so no markdown marks in it.
            ["speak"] = speak.Replace("**", "", StringComparison.Ordinal),
            ["body"] = new JsonArray(body.Where(e => e is not null).ToArray()),
        };
        // Arabic (and any right-to-left language) lays the whole card out from the right.
        if (SupporterLanguage.Current?.TextInfo.IsRightToLeft == true)
        {
            card["rtl"] = true;
        }

        var actionList = actions?.Where(a => a is not null).ToArray() ?? [];
        if (actionList.Length > 0)
        {
            card["actions"] = new JsonArray(actionList);
        }

        return card;
    }

    public static JsonObject Heading(string text, string size = "Large") => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["size"] = size,
        ["weight"] = "Bolder",
        ["wrap"] = true,
        ["style"] = "heading",
    };

    public static JsonObject Text(string text, bool subtle = false, string? size = null, string? weight = null, string? color = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        return block;
    }

    public static JsonObject Image(Uri url, string altText) => new()
    {
        ["type"] = "Image",
        ["url"] = url.AbsoluteUri,
        ["altText"] = altText,
        ["size"] = "Stretch",
    };

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
    };

    public static JsonObject BulletList(IEnumerable<string> items) =>
        Text(string.Join("\n", items.Select(i => $"- {i}")));

    public static JsonObject Container(IEnumerable<JsonNode?> items, string? style = null)
    {
        var container = new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray(items.Where(i => i is not null).ToArray()),
        };
        if (style is not null)
        {
            container["style"] = style;
        }

        return container;
    }

    /// <summary>An Action.Submit: Web Chat, Teams and the Emulator all send its data back as the activity's value.</summary>
    public static JsonObject Submit(string title, CardAction action, string? style = null)
    {
        var submit = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = action.ToJson(),
        };
        if (style is not null)
        {
            submit["style"] = style;
        }

        return submit;
    }

    public static JsonObject OpenUrl(string title, string url) => new()
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = title,
        ["url"] = url,
    };

    /// <summary>A required text field: clients that check inputs show <paramref name="errorMessage"/> under it when it is left empty.</summary>
    public static JsonObject TextInput(string id, string label, string? value, string errorMessage, string? placeholder = null, string style = "Text") => new()
    {
        ["type"] = "Input.Text",
        ["id"] = id,
        ["label"] = label,
        ["value"] = value ?? "",
        ["placeholder"] = placeholder ?? "",
        ["maxLength"] = 100,
        ["style"] = style,
        ["isRequired"] = true,
        ["errorMessage"] = errorMessage,
    };

    /// <summary>
    /// A horizontal bar showing a share of 100, built from two weighted columns because
    /// Adaptive Cards 1.5 has no progress bar. The percentage is also given as text next to it.
    /// </summary>
    public static JsonObject Bar(int percent)
    {
        var filled = Math.Clamp(percent, 0, 100);
        var columns = new JsonArray();
        if (filled > 0)
        {
            columns.Add(new JsonObject
            {
                ["type"] = "Column",
                ["width"] = $"{filled}",
                ["style"] = "accent",
                ["minHeight"] = "12px",
                ["items"] = new JsonArray(),
            });
        }

        if (filled < 100)
        {
            columns.Add(new JsonObject
            {
                ["type"] = "Column",
                ["width"] = $"{100 - filled}",
                ["style"] = "emphasis",
                ["minHeight"] = "12px",
                ["items"] = new JsonArray(),
            });
        }

        return new JsonObject { ["type"] = "ColumnSet", ["spacing"] = "Small", ["columns"] = columns };
    }
}
