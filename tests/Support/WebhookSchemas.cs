using System.Text.Json;
using Json.Schema;

namespace PledgeBot.Tests.Support;

/// <summary>The signed webhooks' published JSON Schemas (docs/webhooks/&lt;event&gt;.schema.json in the repository).</summary>
public static class WebhookSchemas
{
    /// <summary>Every error the event's own schema finds in <paramref name="body"/>; empty when it matches.</summary>
    public static IReadOnlyList<string> Errors(string body)
    {
        using var json = JsonDocument.Parse(body);
        var type = json.RootElement.GetProperty("type").GetString()!;
        var file = Path.Combine(Path.GetDirectoryName(DocsPicture.PathOf("x"))!, "webhooks", type + ".schema.json");
        Assert.True(File.Exists(file), $"No published schema for {type} at {file}");
        var schema = JsonSchema.FromFile(file, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
