using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;

namespace PledgeBot.SharePage;

/// <summary>The addresses a share page uses: absolute ones for link previews, relative ones inside the page.</summary>
public sealed class SharePageLinks(CardSettings settings)
{
    /// <summary>The cause's canonical share address, without any referral code (what og:url names).</summary>
    public Uri PageUrl(Cause cause) => new(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}");

    /// <summary>The cause's share address in the language of <paramref name="content"/> (with <c>?lang=</c> unless it is the default).</summary>
    public Uri PageUrl(Cause cause, CampaignContent content) => new(PageLanguage.InLanguage(PageUrl(cause).AbsoluteUri, content));

    /// <summary>The preview picture in the language of <paramref name="content"/>, absolute, as og:image and twitter:image need it.</summary>
    public Uri CardImageUrl(Cause cause, CampaignContent content) =>
        new(PageLanguage.InLanguage(new Uri(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}/card.png").AbsoluteUri, content));

    /// <summary>The cause's own image as the campaign folder serves it (under /campaign/images/).</summary>
    public static string ImagePath(Cause cause) =>
        "/campaign/" + string.Join('/', cause.Image.File.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The chat, opened at the cause in the page's language, carrying the referral code only when it is well-formed.</summary>
    public static string ChatPath(Cause cause, string? referralCode, CampaignContent content) =>
        PageLanguage.InLanguage(
            $"/?cause={Uri.EscapeDataString(cause.Id)}" + (PersonKeyHasher.IsWellFormedReferralCode(referralCode) ? $"&r={referralCode}" : ""),
            content);
}
