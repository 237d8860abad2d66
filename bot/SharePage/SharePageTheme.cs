using System.Security.Cryptography;
using System.Text;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>
/// The campaign's colours as a tiny stylesheet, /share-theme.css, so the share pages need no
/// inline style (and so no per-response CSP nonce, which would not mix with public caching).
/// Its address carries a hash of its text, so it may be cached for good.
/// </summary>
public sealed class SharePageTheme
{
    public const string RequestPath = "/share-theme.css";

    public SharePageTheme(CampaignContent content)
    {
        var theme = content.Theme;
        // Only #RRGGBB may reach CSS; the content loader checks this, and so does this line.
        string[] colors = [theme.AccentColor, theme.BackgroundColor, theme.TextOnBackgroundColor];
        if (!colors.All(ColorContrast.IsHexColor))
        {
            throw new ArgumentException("Theme colours must be #RRGGBB.", nameof(content));
        }

        Css = $":root {{ --accent: {theme.AccentColor}; --background: {theme.BackgroundColor}; --text-on-background: {theme.TextOnBackgroundColor}; }}\n";
        Version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))[..12];
    }

    public string Css { get; }

    public string Version { get; }

    public string Url => $"{RequestPath}?v={Version}";

    public IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = string.Equals(context.Request.Query["v"], Version, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        return Results.Text(Css, "text/css; charset=utf-8");
    }
}
