using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Campaign;

public static class CampaignSetup
{
    /// <summary>
    /// The running campaign content (the newest published version, or the content file), checked
    /// when first loaded, and the card settings. Only <see cref="CurrentCampaign"/> is registered, never
    /// a <see cref="CampaignContent"/>, so that nothing can keep content a publish has replaced.
    /// </summary>
    public static IServiceCollection AddCampaignContent(this IServiceCollection services)
    {
        services.AddOptions<CampaignOptions>().BindConfiguration(CampaignOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CurrentCampaign(StartingContent.Load(
            ContentFilePath(sp.GetRequiredService<IOptions<CampaignOptions>>().Value),
            sp.GetRequiredService<IContentVersions>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CurrentCampaign)))));
        // Content published on another instance of the bot runs here within seconds.
        services.AddHostedService<PublishedContentFollower>();
        services.AddSingleton(sp => new CardSettings(EnsureTrailingSlash(sp.GetRequiredService<IOptions<CampaignOptions>>().Value.PublicBaseUrl)));
        return services;
    }

    /// <summary>
    /// Loads the content before the host starts listening, so a broken file stops the start
    /// instead of surfacing on some user's turn.
    /// </summary>
    public static CurrentCampaign LoadCampaignContent(this WebApplication app) =>
        app.Services.GetRequiredService<CurrentCampaign>();

    /// <summary>Serves the campaign folder's images under /campaign/ so cards can show them.</summary>
    public static WebApplication MapCampaignImages(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<CampaignOptions>>().Value;
        var folder = Path.GetDirectoryName(ContentFilePath(options))!;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(folder, "images")),
            RequestPath = "/campaign/images",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    /// <summary>The folder of the content file, where its images are, for every version of the content.</summary>
    public static string CampaignFolder(CampaignOptions options) => Path.GetDirectoryName(ContentFilePath(options))!;

    internal static string ContentFilePath(CampaignOptions options) =>
        Path.GetFullPath(options.ContentFile, AppContext.BaseDirectory);

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
