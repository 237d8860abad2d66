using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Campaign;

public sealed class CampaignOptions
{
    public const string Section = "Campaign";

    /// <summary>The content file; a relative path is taken from the app's own folder.</summary>
    [Required]
    public string ContentFile { get; set; } = "campaign/campaign.json";

    /// <summary>The address clients reach this host at; card images are served from it.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:3978/");
}
