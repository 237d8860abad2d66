using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>The addresses a share page uses: absolute ones for link previews, relative ones inside the page.</summary>
public sealed class SharePageLinks(CardSettings settings)
{
    /// <summary>The cause's canonical share address, without any referral code (what og:url names).</summary>
    public Uri PageUrl(Cause cause) => new(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}");

    /// <summary>The preview picture, absolute, as og:image and twitter:image need it.</summary>
    public Uri CardImageUrl(Cause cause) => new(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}/card.png");

    /// <summary>The cause's own image as the campaign folder serves it (under /campaign/images/).</summary>
    public static string ImagePath(Cause cause) =>
        "/campaign/" + string.Join('/', cause.Image.File.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The chat, opened at the cause, carrying the referral code only when it is well-formed.</summary>
    public static string ChatPath(Cause cause, string? referralCode) =>
        $"/?cause={Uri.EscapeDataString(cause.Id)}"
        + (PersonKeyHasher.IsWellFormedReferralCode(referralCode) ? $"&r={referralCode}" : "");
}
