namespace PledgeBot.Admin.FollowUps;

public static class AdminFollowUpsSetup
{
    /// <summary>The follow-ups pages' reading of each update's progress, in words, for the page and its refreshes alike.</summary>
    public static IServiceCollection AddAdminFollowUps(this IServiceCollection services) =>
        services.AddSingleton<FollowUpProgressReader>();
}
