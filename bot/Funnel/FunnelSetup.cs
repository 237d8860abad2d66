using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;

namespace PledgeBot.Funnel;

public static class FunnelSetup
{
    /// <summary>
    /// The dashboard's funnel steps the bot notes itself (joined, read a story, asked for a share
    /// card), once per person and step, for the dialogs (<see cref="FunnelProgress"/>; the store is the campaign database's, see StorageSetup).
    /// </summary>
    public static IServiceCollection AddFunnel(this IServiceCollection services)
    {
        services.AddSingleton<FunnelProgress>();
        return services;
    }
}
