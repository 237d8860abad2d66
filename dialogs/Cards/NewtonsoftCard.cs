using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// Our cards are System.Text.Json nodes; the SDK serialises activities with Newtonsoft, so a card
/// travels as a JObject. Copied node by node rather than written out as text and parsed back, which
/// cost every reply a second copy of the card as a string and a parse (a sixth of a turn's
/// allocations). Strings stay strings (a parse would have read an ISO date as a date).
/// </summary>
public static class NewtonsoftCard
{
    public static JObject ToJObject(JsonObject card) => (JObject)ToJToken(card);

    private static JToken ToJToken(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JValue.CreateNull();
            case JsonObject obj:
                var copy = new JObject();
                foreach (var (name, value) in obj)
                {
                    copy.Add(name, ToJToken(value));
                }

                return copy;
            case JsonArray array:
                var items = new JArray();
                foreach (var item in array)
                {
                    items.Add(ToJToken(item));
                }

                return items;
            default:
                return ToJValue(node.AsValue());
        }
    }

    private static JValue ToJValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return new JValue(value.GetValue<string>());
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            case JsonValueKind.Null:
                return JValue.CreateNull();
        }

        // A number, held as whichever type the card was built with (or as parsed JSON).
        if (value.TryGetValue<int>(out var small))
        {
            return new JValue(small);
        }

        if (value.TryGetValue<long>(out var whole))
        {
            return new JValue(whole);
        }

        return (JValue)JToken.Parse(value.ToJsonString());
    }
}
