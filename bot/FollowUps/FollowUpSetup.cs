using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

public static class FollowUpSetup
{
    /// <summary>Follow-ups: the automatic ones, the words of each, the Teams route, and the worker that sends them.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section)
            .Validate(o => o.InFlightPerLane is >= 1 and <= 1000, "FollowUps:InFlightPerLane must be from 1 to 1000.")
            .Validate(o => o.EmailsInFlight is >= 1 and <= 100, "FollowUps:EmailsInFlight must be from 1 to 100.")
            .Validate(o => o.ClaimLeaseSeconds is >= 1 and <= 3600, "FollowUps:ClaimLeaseSeconds must be from 1 to 3600.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "FollowUps:MaxAttempts must be from 1 to 100.")
            .ValidateOnStart();
        services.AddSingleton<FollowUpSignal>();
        services.AddSingleton<FollowUpComposer>();
        services.AddSingleton<FollowUpTriggers>();
        services.AddSingleton<IFollowUpDelivery, TeamsFollowUpDelivery>();
        services.AddHostedService<FollowUpDeliveryWorker>();
        return services;
    }
}
