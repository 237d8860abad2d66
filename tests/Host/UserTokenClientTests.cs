using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Host;

/// <summary>
/// The user token client each turn gets is made only when first used (a cost saved on every turn);
/// once used it must still be the SDK's client, asking the configured token service (OAuthUrl).
/// </summary>
public sealed class UserTokenClientTests
{
    [Fact]
    public async Task ATurnsUserTokenClientStillAsksTheTokenServiceWhenUsed()
    {
        var requests = new ConcurrentQueue<string>();
        await using var tokenService = await LocalServer.StartAsync(app => app.MapGet("/api/usertoken/GetTokenStatus", (HttpContext context) =>
        {
            requests.Enqueue(context.Request.QueryString.Value ?? "");
            return Results.Json(new[] { new { channelId = "emulator", connectionName = "sign-in", hasToken = true } });
        }));
        using var data = new TempFolder();
        using var host = new BotApplication(data.Path, new Dictionary<string, string?> { ["OAuthUrl"] = tokenService.BaseAddress });
        var authentication = host.Services.GetRequiredService<BotFrameworkAuthentication>();

        using var client = await authentication.CreateUserTokenClientAsync(new ClaimsIdentity(), CancellationToken.None);
        Assert.Empty(requests);
        var statuses = await client.GetTokenStatusAsync("user-1", "emulator", null!, CancellationToken.None);

        var status = Assert.Single(statuses);
        Assert.Equal("sign-in", status.ConnectionName);
        Assert.True(status.HasToken);
        Assert.Contains("userId=user-1", Assert.Single(requests));
    }
}
