using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PledgeBot.DirectLine;

/// <summary>
/// What the built-in Direct Line takes from an activity a browser posts: only what a person can
/// say (text, a card's submitted value, an event) and what Web Chat needs back (its client id),
/// each field checked for its type and size. Everything else in the body is ignored; who, where
/// and when are never taken from it.
/// </summary>
public static class PostedActivity
{
    public const int MaxNameLength = 100;
    public const int MaxFromNameLength = 100;
    public const int MaxClientActivityIdLength = 100;
    public const int MaxLocaleLength = 35;
    public const int MaxLocalTimestampLength = 40;

    private static readonly string[] TextFormats = [TextFormatTypes.Plain, TextFormatTypes.Markdown, TextFormatTypes.Xml];

    /// <summary>The browser's part of the activity, or the problem with the first field that is wrong.</summary>
    public static (Activity? Activity, FieldProblem? Problem) Read(JObject posted, DirectLineOptions limits)
    {
        var type = posted["type"];
        if (type is not { Type: JTokenType.String } || (string?)type is not (ActivityTypes.Message or ActivityTypes.Event))
        {
            return Fail("type", "Only message and event activities can be posted.");
        }

        if (!TryString(posted, "text", limits.MaxTextLength, out var text, out var problem)
            || !TryString(posted, "textFormat", maxLength: 20, out var textFormat, out problem)
            || !TryString(posted, "name", MaxNameLength, out var name, out problem)
            || !TryString(posted, "locale", MaxLocaleLength, out var locale, out problem)
            || !TryString(posted, "localTimestamp", MaxLocalTimestampLength, out var localTimestamp, out problem)
            || !TryObject(posted, "from", out var from, out problem)
            || !TryString(from, "from.name", "name", MaxFromNameLength, out var fromName, out problem)
            || !TryObject(posted, "channelData", out var channelData, out problem)
            || !TryString(channelData, "channelData.clientActivityID", "clientActivityID", MaxClientActivityIdLength, out var clientActivityId, out problem))
        {
            return (null, problem);
        }

        if (textFormat is not null && !TextFormats.Contains(textFormat, StringComparer.Ordinal))
        {
            return Fail("textFormat", "The field 'textFormat' must be plain, markdown or xml.");
        }

        if (locale is not null && (locale.Length == 0 || !locale.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return Fail("locale", "The field 'locale' must be a language tag such as en-GB.");
        }

        DateTimeOffset? localTime = null;
        if (localTimestamp is not null)
        {
            if (!DateTimeOffset.TryParse(localTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Fail("localTimestamp", "The field 'localTimestamp' must be a date and time such as 2025-01-31T09:30:00+01:00.");
            }

            localTime = parsed;
        }

        var value = posted["value"];
        if (value is { Type: not JTokenType.Null })
        {
            if (Depth(value) > limits.MaxValueDepth)
            {
                return Fail("value", $"The field 'value' nests deeper than {limits.MaxValueDepth} levels.");
            }

            if (Encoding.UTF8.GetByteCount(value.ToString(Formatting.None)) > limits.MaxValueBytes)
            {
                return Fail("value", $"The field 'value' is larger than {limits.MaxValueBytes} bytes of JSON.");
            }
        }

        return (new Activity
        {
            Type = (string)type!,
            Text = text,
            TextFormat = textFormat,
            Value = value is { Type: not JTokenType.Null } ? value.DeepClone() : null,
            Name = name,
            Locale = locale,
            LocalTimestamp = localTime,
            ChannelData = clientActivityId is null ? null : new JObject { ["clientActivityID"] = clientActivityId },
            From = new ChannelAccount(name: fromName),
        }, null);
    }

    private static bool TryString(JObject? container, string field, int maxLength, out string? value, out FieldProblem? problem) =>
        TryString(container, field, field, maxLength, out value, out problem);

    private static bool TryString(JObject? container, string field, string property, int maxLength, out string? value, out FieldProblem? problem)
    {
        value = null;
        problem = null;
        switch (container?[property])
        {
            case null or { Type: JTokenType.Null }:
                return true;
            case { Type: JTokenType.String } token when ((string)token!).Length <= maxLength:
                value = (string)token!;
                return true;
            case { Type: JTokenType.String }:
                problem = new FieldProblem(field, $"The field '{field}' is longer than {maxLength} characters.");
                return false;
            default:
                problem = new FieldProblem(field, $"The field '{field}' must be a string.");
                return false;
        }
    }

    private static bool TryObject(JObject posted, string field, out JObject? value, out FieldProblem? problem)
    {
        value = null;
        problem = null;
        switch (posted[field])
        {
            case null or { Type: JTokenType.Null }:
                return true;
            case JObject found:
                value = found;
                return true;
            default:
                problem = new FieldProblem(field, $"The field '{field}' must be an object.");
                return false;
        }
    }

    /// <summary>How many objects and arrays deep a value nests (a number or string is 0).</summary>
    private static int Depth(JToken token) =>
        token is JContainer container ? 1 + container.Children().Select(child => Depth(child is JProperty property ? property.Value : child)).DefaultIfEmpty(0).Max() : 0;

    private static (Activity?, FieldProblem?) Fail(string field, string detail) => (null, new FieldProblem(field, detail));
}

/// <summary>A posted field that is wrong: its name (as the client wrote it) and what is wrong with it.</summary>
public sealed record FieldProblem(string Field, string Detail);
