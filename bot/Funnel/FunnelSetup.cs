using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Funnel;

public static class FunnelSetup
{
    /// <summary>
    /// The dashboard's funnel steps the bot notes itself (joined, read a story, asked for a share
    /// card), once per person and step: the store, in the campaign database, and <see cref="FunnelProgress"/> for the dialogs.
    /// </summary>
    public static IServiceCollection AddFunnel(this IServiceCollection services)
    {
        services.AddSingleton<IFunnelStore, SqliteFunnelStore>();
        services.AddSingleton<FunnelProgress>();
        return services;
    }
}
