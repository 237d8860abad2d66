using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace PledgeBot.Bench.EchoBot;

/// <summary>
/// The host: the SDK's CloudAdapter on /api/messages with authentication from the standard
/// MicrosoftApp* settings (none: local use without tokens, as the load tool runs it), and
/// /healthz so the tool knows when it is listening. A named class rather than top-level
/// statements, so that a project referencing both this and the bot has one Program; and no
/// appsettings.json, which would take the bot's place in such a project's output (the load tool
/// gives the settings: logging at Warning, no app id).
/// </summary>
public static class EchoProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
            sp.GetRequiredService<BotFrameworkAuthentication>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<CloudAdapter>()));
        builder.Services.AddTransient<IBot, EchoCardBot>();

        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(request, response, bot));
        app.MapGet("/healthz", () => TypedResults.Ok());
        app.Run();
    }
}
