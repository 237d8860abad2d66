using PledgeBot.Dialogs.Content;

namespace PledgeBot.Tests.Support;

/// <summary>The campaign the project ships, as copied beside the tests by the build.</summary>
public static class ShippedCampaign
{
    public static string ContentFile => Path.Combine(AppContext.BaseDirectory, "campaign", "campaign.json");

    public static CampaignContent Load() => CampaignContentLoader.Load(ContentFile);
}
