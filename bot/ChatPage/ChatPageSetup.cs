using Microsoft.Extensions.FileProviders;
using PledgeBot.Pages;

namespace PledgeBot.ChatPage;

public static class ChatPageSetup
{
    // Only the static scripts and styles: they hold no secrets, so compressing them over https
    // gives BREACH nothing to guess (pages and API answers are left alone).
    private static readonly string[] CompressedMimeTypes = ["text/javascript", "application/javascript", "text/css"];

    /// <summary>The page's files and the compression of scripts and styles (Web Chat's bundle is 3.9 MB, 1.3 MB with Brotli).</summary>
    public static IServiceCollection AddChatPage(this IServiceCollection services)
    {
        services.AddSingleton<ChatPageAssets>();
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = CompressedMimeTypes;
        });
        return services;
    }

    /// <summary>GET / (the chat page), /privacy, Web Chat's bundle under /webchat/ and the page's script and styles under /web/.</summary>
    public static WebApplication MapChatPage(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<ChatPageAssets>();
        app.UseStaticFiles(StaticFolder(ChatPageAssets.WebChatFolder, ChatPageAssets.WebChatRequestPath, assets));
        app.UseStaticFiles(StaticFolder(ChatPageAssets.PageFolder, ChatPageAssets.PageRequestPath, assets));
        app.MapGet("/", ChatPageEndpoint.Render).InSupporterLanguage();
        app.MapPrivacyPage();
        return app;
    }

    private static StaticFileOptions StaticFolder(string folder, string requestPath, ChatPageAssets assets) => new()
    {
        FileProvider = new PhysicalFileProvider(folder),
        RequestPath = requestPath,
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = assets.IsCurrentVersion(context.Context.Request)
            ? "public, max-age=31536000, immutable"
            // An address without the current version: use it, but ask again next time (ETag makes that cheap).
            : "no-cache",
    };
}
