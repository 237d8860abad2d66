using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace PledgeBot.Dialogs.Teams;

/// <summary>The Microsoft 365 organisation an activity came from, as Teams names it (its channel data, or the conversation's tenant id).</summary>
public static class TeamsTenant
{
    public static string? Of(IActivity activity) =>
        activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? activity.Conversation?.TenantId;
}
