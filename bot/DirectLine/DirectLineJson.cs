using System.Buffers;
using System.Text;
using Utf8JsonWriter = System.Text.Json.Utf8JsonWriter;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PledgeBot.DirectLine;

/// <summary>
/// Activities are written the way the Bot Framework writes them (Newtonsoft, nulls left out),
/// so clients see exactly the shapes they get from Azure's Direct Line.
/// </summary>
public static class DirectLineJson
{
    /// <summary>Deeper than any activity or card; JSON nested deeper is refused while it is read.</summary>
    private const int MaxDepth = 64;

    private static readonly JsonSerializerSettings Settings = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = MaxDepth,
    };

    public static ContentHttpResult Ok(object value, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(JsonConvert.SerializeObject(value, Settings), "application/json", statusCode: statusCode);

    /// <summary>The activity as the UTF-8 JSON a client reads.</summary>
    public static byte[] Utf8(object value) => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, Settings));

    /// <summary>The body of GET activities, in Direct Line's names, from activities kept as JSON.</summary>
    public static FileContentHttpResult ActivitySet(IReadOnlyList<ReadOnlyMemory<byte>> activities, string watermark)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var activity in activities)
            {
                writer.WriteRawValue(activity.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("watermark", watermark);
            writer.WriteEndObject();
        }

        return TypedResults.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }

    public static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            return JsonConvert.DeserializeObject<T>(body, Settings);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a JSON object from a body of at most <paramref name="maxBytes"/>, refusing a longer one
    /// before reading it all: by its Content-Length, or as soon as more has arrived.
    /// Strings stay strings (no date guessing), so what is read is what was sent.
    /// </summary>
    public static async Task<BoundedBody> ReadObjectAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return new BoundedBody(null, TooLarge: true);
        }

        try
        {
            using var buffered = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffered.Length + read > maxBytes)
                {
                    return new BoundedBody(null, TooLarge: true);
                }

                buffered.Write(chunk, 0, read);
            }

            buffered.Position = 0;
            using var reader = new JsonTextReader(new StreamReader(buffered, Encoding.UTF8))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = MaxDepth,
            };
            var token = JToken.ReadFrom(reader);
            // Anything after the object (a second value) makes the body malformed.
            return new BoundedBody(!await reader.ReadAsync() && token is JObject body ? body : null, TooLarge: false);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException tooLong) when (tooLong.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new BoundedBody(null, TooLarge: true);
        }
        catch (JsonException)
        {
            return new BoundedBody(null, TooLarge: false);
        }
    }

    /// <param name="Body">The object read, or null when the body is not one JSON object.</param>
    public sealed record BoundedBody(JObject? Body, bool TooLarge);
}
