namespace PledgeBot.Admin.Content;

public static class AdminContentSetup
{
    /// <summary>Publishing campaign content from the admin area: the checks and the publisher the API and the page share.</summary>
    public static IServiceCollection AddAdminContent(this IServiceCollection services)
    {
        services.AddSingleton<ContentChangeRules>();
        services.AddSingleton<ContentPublisher>();
        return services;
    }
}
