using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace PledgeBot.Storage;

/// <summary>
/// Turns bot state into JSON and back with its .NET types, as the SDK's own stores do, so that
/// typed reads and <see cref="IStoreItem"/> ETags work. Type names in stored JSON are limited to
/// this bot's, the SDK's and the framework's own types, so a tampered row cannot name another type.
/// </summary>
public static class BotStateSerializer
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        SerializationBinder = new KnownTypesBinder(),
        MaxDepth = 64,
    };

    public static string Serialize(object? value) => JsonConvert.SerializeObject(value, Settings);

    public static object Deserialize(string document, string etag)
    {
        var value = JsonConvert.DeserializeObject(document, Settings) ?? new JObject();
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> dictionary:
                dictionary["eTag"] = etag;
                break;
            case JObject json:
                json["eTag"] = etag;
                break;
        }

        return value;
    }

    private sealed class KnownTypesBinder : DefaultSerializationBinder
    {
        public override Type BindToType(string? assemblyName, string typeName)
        {
            var allowed = assemblyName is null
                || assemblyName.StartsWith("PledgeBot.", StringComparison.Ordinal)
                || assemblyName.StartsWith("Microsoft.Bot.", StringComparison.Ordinal)
                || assemblyName is "System.Private.CoreLib" or "mscorlib" or "System.Collections";
            return allowed
                ? base.BindToType(assemblyName, typeName)
                : throw new JsonSerializationException($"Stored state names a type that is not allowed: {typeName}");
        }
    }
}
