using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;

namespace PledgeBot.Referrals;

public static class ReferralsSetup
{
    /// <summary>
    /// Share link counters (their store is the campaign database's, see StorageSetup): the bot's attribution of votes
    /// and pledges to the link a chat came from, and <see cref="ReferralVisits"/> for the share page.
    /// </summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddSingleton<ReferralAttribution>();
        services.AddSingleton<ReferralVisits>();
        return services;
    }
}
