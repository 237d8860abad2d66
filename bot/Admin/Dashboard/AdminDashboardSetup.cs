namespace PledgeBot.Admin.Dashboard;

public static class AdminDashboardSetup
{
    /// <summary>The dashboard's reader of figures (<c>/admin/</c> and <c>/admin/api/results</c>).</summary>
    public static IServiceCollection AddAdminDashboard(this IServiceCollection services) =>
        services.AddSingleton<AdminResultsReader>();
}
