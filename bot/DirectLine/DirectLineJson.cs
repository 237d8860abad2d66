using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json;

namespace PledgeBot.DirectLine;

/// <summary>
/// Activities are written the way the Bot Framework writes them (Newtonsoft, nulls left out),
/// so clients see exactly the shapes they get from Azure's Direct Line.
/// </summary>
public static class DirectLineJson
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = 64,
    };

    public static ContentHttpResult Ok(object value, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(JsonConvert.SerializeObject(value, Settings), "application/json", statusCode: statusCode);

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
}
