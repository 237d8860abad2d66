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

    /// <summary>
    /// Resolves a stored type name only when the type, and every type argument and array element
    /// inside it, is this bot's own, one of the SDK's schema types, or a plain data type.
    /// </summary>
    private sealed class KnownTypesBinder : DefaultSerializationBinder
    {
        private static readonly HashSet<Type> PlainDataTypes =
        [
            typeof(object), typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset),
            typeof(TimeSpan), typeof(Guid), typeof(Nullable<>), typeof(List<>), typeof(Dictionary<,>),
            typeof(JObject), typeof(JArray), typeof(JValue),
        ];

        public override Type BindToType(string? assemblyName, string typeName)
        {
            var type = base.BindToType(assemblyName, typeName);
            return IsAllowed(type)
                ? type
                : throw new JsonSerializationException($"Stored state names a type that is not allowed: {type.FullName}");
        }

        private static bool IsAllowed(Type type) => type switch
        {
            { IsArray: true } => IsAllowed(type.GetElementType()!),
            { IsGenericType: true, IsGenericTypeDefinition: false } =>
                IsAllowed(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed),
            _ => type.IsPrimitive || PlainDataTypes.Contains(type) || IsOwnOrSdkStateType(type),
        };

        private static bool IsOwnOrSdkStateType(Type type)
        {
            var assembly = type.Assembly.GetName().Name ?? "";
            return assembly.StartsWith("PledgeBot.", StringComparison.Ordinal)
                || assembly is "Microsoft.Bot.Schema";
        }
    }
}
