using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Referrals;

public static class ReferralsSetup
{
    /// <summary>
    /// Share link counters: the store (in the campaign database), the bot's attribution of votes
    /// and pledges to the link a chat came from, and <see cref="ReferralVisits"/> for the share page.
    /// </summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddSingleton<IReferralStore, SqliteReferralStore>();
        services.AddSingleton<ReferralAttribution>();
        services.AddSingleton<ReferralVisits>();
        return services;
    }
}
