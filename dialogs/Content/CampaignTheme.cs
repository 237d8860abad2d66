namespace PledgeBot.Dialogs.Content;

/// <summary>
/// The campaign's colours for the web chat page, as "#RRGGBB". White text sits on the accent
/// (header, the supporter's own messages, buttons) and the accent sits on the background.
/// </summary>
public sealed record CampaignTheme(string AccentColor, string BackgroundColor)
{
    /// <summary>White text on the accent needs this much contrast (WCAG AA for normal text).</summary>
    public const double MinTextOnAccentContrast = 4.5;

    /// <summary>The accent on the background needs this much contrast (WCAG AA for controls and graphics).</summary>
    public const double MinAccentOnBackgroundContrast = 3.0;

    /// <summary>A calm deep teal on a faintly tinted white: 6.3:1 for white text, 5.8:1 on the background.</summary>
    public static CampaignTheme Default { get; } = new("#1D6A72", "#F4F7F7");

    /// <summary>Black or white, whichever reads better on the background (never below 4.5:1).</summary>
    public string TextOnBackgroundColor => ColorContrast.ReadableTextOn(BackgroundColor);
}
