namespace PledgeBot.Admin.Content;

public static class AdminContentPreviewSetup
{
    /// <summary>The cards of the content preview, built by the bot's own card code.</summary>
    public static IServiceCollection AddAdminContentPreview(this IServiceCollection services) =>
        services.AddSingleton<ContentPreviewCards>();
}
