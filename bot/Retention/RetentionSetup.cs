namespace PledgeBot.Retention;

public static class RetentionSetup
{
    /// <summary>The retention period after the campaign's end date, and the daily job that applies it.</summary>
    public static IServiceCollection AddDataRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionSchedule>();
        services.AddHostedService<DataRetentionJob>();
        return services;
    }

    /// <summary>The sweep that removes unfinished pledges from conversations left alone.</summary>
    public static IServiceCollection AddPledgeDraftSweep(this IServiceCollection services)
    {
        services.AddHostedService<PledgeDraftSweep>();
        return services;
    }
}
