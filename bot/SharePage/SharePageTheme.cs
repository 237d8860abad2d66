using System.Security.Cryptography;
using System.Text;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>
/// The campaign's colours as a tiny stylesheet, /share-theme.css, so the share pages need no
/// inline style (and so no per-response CSP nonce, which would not mix with public caching).
/// Its address carries a hash of its text, so it may be cached for good; a publish that changes
/// the colours changes the address, so pages ask for the new one.
/// </summary>
public sealed class SharePageTheme(CurrentCampaign campaign)
{
    public const string RequestPath = "/share-theme.css";

    // The stylesheet of the content it was written for; written again once other content runs.
    private volatile Stylesheet? written;

    public string Css => Current.Css;

    public string Version => Current.Version;

    public string Url => $"{RequestPath}?v={Version}";

    public IResult Serve(HttpContext context)
    {
        var current = Current;
        context.Response.Headers.CacheControl = string.Equals(context.Request.Query["v"], current.Version, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        return Results.Text(current.Css, "text/css; charset=utf-8");
    }

    private Stylesheet Current
    {
        get
        {
            var content = campaign.Content;
            var stylesheet = written;
            if (stylesheet is null || !ReferenceEquals(stylesheet.Source, content))
            {
                stylesheet = Stylesheet.For(content);
                written = stylesheet;
            }

            return stylesheet;
        }
    }

    private sealed record Stylesheet(CampaignContent Source, string Css, string Version)
    {
        public static Stylesheet For(CampaignContent content)
        {
            var theme = content.Theme;
            // Only #RRGGBB may reach CSS; the content loader checks this, and so does this line.
            string[] colors = [theme.AccentColor, theme.BackgroundColor, theme.TextOnBackgroundColor];
            if (!colors.All(ColorContrast.IsHexColor))
            {
                throw new ArgumentException("Theme colours must be #RRGGBB.", nameof(content));
            }

            var css = $":root {{ --accent: {theme.AccentColor}; --background: {theme.BackgroundColor}; --text-on-background: {theme.TextOnBackgroundColor}; }}\n";
            return new Stylesheet(content, css, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12]);
        }
    }
}
