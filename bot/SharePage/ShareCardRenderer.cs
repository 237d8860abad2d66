using System.Collections.Concurrent;
using PledgeBot.Dialogs.Content;
using SkiaSharp;

namespace PledgeBot.SharePage;

/// <summary>
/// Draws a cause's 1200x630 preview picture (the size Facebook, LinkedIn and X show large): the
/// cause's image scaled to cover, and a band in the campaign's accent colour with the campaign,
/// the cause's title, its counts and a bar for its share of the votes. The bar alone makes the
/// picture change with the counts when no font could be loaded. The texts are in the content's
/// language: shaped with HarfBuzz, and right-aligned with the bar filling from the right in Arabic.
/// </summary>
public sealed class ShareCardRenderer(ShareCardFonts fonts, string campaignFolder) : IDisposable
{
    public const int Width = 1200;
    public const int Height = 630;

    private const float Margin = 56;
    private const float BandTop = 380;
    private const float BarHeight = 22;
    private const float BarTop = 570;

    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.Sub, zLibLevel: 6);

    // Each image file decoded, kept for the next render (the files are at most 200 KB each). Keyed by
    // file rather than by cause, so that a publish giving a cause another image draws the new one.
    private readonly ConcurrentDictionary<string, SKImage?> images = new(StringComparer.Ordinal);

    /// <param name="content">The content <paramref name="cause"/> comes from, in the picture's language: its campaign title and colours are drawn too.</param>
    public byte[] Render(CampaignContent content, Cause cause, CauseCounts counts)
    {
        var accent = SKColor.Parse(content.Theme.AccentColor);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.Parse(content.Theme.BackgroundColor));

        DrawCoverImage(canvas, ImageOf(cause));

        // The band: the accent (white text on it passes the content loader's 4.5:1 check), fully opaque so the image never lowers the contrast.
        using (var band = new SKPaint { Color = accent, IsAntialias = true })
        {
            canvas.DrawRect(0, BandTop, Width, Height - BandTop, band);
        }

        // While the tallies are hidden the bar is drawn empty rather than left out, so the picture keeps its layout.
        DrawShareBar(canvas, counts.TalliesHidden ? 0 : counts.Percent, content.IsRightToLeft);

        if (fonts.CanDrawText)
        {
            DrawTexts(canvas, content, cause, counts);
        }

        // One PNG filter (Sub) rather than Skia's default of trying all five per row: measured in
        // docs/benchmarks.md, it encodes several times faster for a file of about the same size.
        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(PngOptions) ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return png.ToArray();
    }

    public void Dispose()
    {
        foreach (var image in images.Values)
        {
            image?.Dispose();
        }
    }

    private SKImage? ImageOf(Cause cause) => images.GetOrAdd(cause.Image.File, _ =>
    {
        var file = Path.Combine(campaignFolder, cause.Image.File);
        return File.Exists(file) ? SKImage.FromEncodedData(file) : null;
    });

    /// <summary>Scales the image to cover the whole picture, centred, cropping what overflows.</summary>
    private static void DrawCoverImage(SKCanvas canvas, SKImage? image)
    {
        if (image is null)
        {
            return;
        }

        var scale = Math.Max((float)Width / image.Width, (float)Height / image.Height);
        var (width, height) = (image.Width * scale, image.Height * scale);
        var destination = SKRect.Create((Width - width) / 2, (Height - height) / 2, width, height);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawImage(image, destination, new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
    }

    private static void DrawShareBar(SKCanvas canvas, int percent, bool rightToLeft)
    {
        var track = SKRect.Create(Margin, BarTop, Width - (2 * Margin), BarHeight);
        using var trackPaint = new SKPaint { Color = new SKColor(255, 255, 255, 80), IsAntialias = true };
        canvas.DrawRoundRect(track, BarHeight / 2, BarHeight / 2, trackPaint);

        var share = Math.Clamp(percent, 0, 100) / 100f;
        if (share > 0)
        {
            var width = Math.Max(BarHeight, track.Width * share);
            var fill = SKRect.Create(rightToLeft ? track.Right - width : track.Left, track.Top, width, BarHeight);
            using var fillPaint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawRoundRect(fill, BarHeight / 2, BarHeight / 2, fillPaint);
        }
    }

    private void DrawTexts(SKCanvas canvas, CampaignContent content, Cause cause, CauseCounts counts)
    {
        var maxWidth = Width - (2 * Margin);
        var start = content.IsRightToLeft ? Width - Margin : Margin;
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var soft = new SKPaint { Color = new SKColor(255, 255, 255, 225), IsAntialias = true };
        using var regular = new ShareCardText(fonts.Regular!, content.IsRightToLeft);
        using var bold = new ShareCardText(fonts.Bold!, content.IsRightToLeft);

        using var campaignFont = new SKFont(fonts.Regular, 28);
        regular.Draw(canvas, Fit(content.Title, regular, campaignFont, maxWidth), start, BandTop + 46, campaignFont, soft);

        using var titleFont = new SKFont(fonts.Bold, 54);
        ShrinkToFit(cause.Title, bold, titleFont, maxWidth, minimumSize: 38);
        bold.Draw(canvas, Fit(cause.Title, bold, titleFont, maxWidth), start, BandTop + 110, titleFont, white);

        using var countsFont = new SKFont(fonts.Regular, 36);
        var line = counts.Describe();
        regular.Draw(canvas, Fit(line, regular, countsFont, maxWidth), start, BandTop + 160, countsFont, white);
    }

    private static void ShrinkToFit(string text, ShareCardText shaping, SKFont font, float maxWidth, float minimumSize)
    {
        while (font.Size > minimumSize && shaping.Measure(text, font) > maxWidth)
        {
            font.Size -= 2;
        }
    }

    /// <summary>The text, cut with an ellipsis if it is still wider than the band.</summary>
    private static string Fit(string text, ShareCardText shaping, SKFont font, float maxWidth)
    {
        if (shaping.Measure(text, font) <= maxWidth)
        {
            return text;
        }

        for (var length = text.Length - 1; length > 0; length--)
        {
            if (char.IsHighSurrogate(text[length - 1]))
            {
                continue; // never split a character outside the basic plane
            }

            var cut = text[..length].TrimEnd() + "…";
            if (shaping.Measure(cut, font) <= maxWidth)
            {
                return cut;
            }
        }

        return "";
    }
}
