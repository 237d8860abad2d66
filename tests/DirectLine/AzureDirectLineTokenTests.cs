using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// The production path: with a Direct Line secret configured, the host exchanges it for a token
/// at the token service (here a local stand-in at the configured address).
/// </summary>
public sealed class AzureDirectLineTokenTests : IAsyncLifetime
{
    private const string Secret = "the-direct-line-secret-never-to-leave-the-server";

    private readonly TempFolder data = new();
    private readonly List<string> exchangedForUsers = [];
    private LocalServer tokenService = null!;

    public async Task InitializeAsync() =>
        tokenService = await LocalServer.StartAsync(app => app.MapPost("/v3/directline/tokens/generate", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization != $"Bearer {Secret}")
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var body = JObject.Parse(await new StreamReader(request.Body).ReadToEndAsync());
            exchangedForUsers.Add(body["user"]!.Value<string>("id")!);
            return Results.Json(new { conversationId = "azure-conversation", token = "azure-token", expires_in = 1800 });
        }));

    [Fact]
    public async Task ThePageGetsAnAzureTokenAndNeverTheSecret()
    {
        using var app = new BotApplication(data.Path, Settings());
        var http = app.CreateClient();

        var response = await http.PostAsync("/api/directline/token", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = JObject.Parse(body);
        Assert.Equal("azure-token", issued.Value<string>("token"));
        Assert.Equal("azure-conversation", issued.Value<string>("conversationId"));
        Assert.Equal(JTokenType.Null, issued["domain"]!.Type);
        Assert.Equal(issued.Value<string>("userId"), Assert.Single(exchangedForUsers));
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain(Secret, await http.GetStringAsync("/"));
    }

    [Fact]
    public async Task WithASecretTheBuiltInDirectLineIsOff()
    {
        using var app = new BotApplication(data.Path, Settings());

        var response = await app.CreateClient().PostAsync("/v3/directline/conversations", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ASettingTurnsTheBuiltInDirectLineBackOn()
    {
        var settings = Settings();
        settings["DirectLine:BuiltIn"] = "true";
        using var app = new BotApplication(data.Path, settings);

        var response = await app.CreateClient().PostAsync("/v3/directline/conversations", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // served, and asks for a token
    }

    [Fact]
    public async Task WhenTheTokenServiceIsDownThePageGetsAPoliteErrorWithoutTheSecret()
    {
        var settings = Settings();
        settings["DirectLine:TokenServiceUrl"] = "http://127.0.0.1:9/";
        using var app = new BotApplication(data.Path, settings);

        var response = await app.CreateClient().PostAsync("/api/directline/token", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("not available right now", body);
        Assert.DoesNotContain(Secret, body);
    }

    public async Task DisposeAsync()
    {
        await tokenService.DisposeAsync();
        data.Dispose();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["DirectLine:Secret"] = Secret,
        ["DirectLine:TokenServiceUrl"] = tokenService.BaseAddress + "/",
    };
}
