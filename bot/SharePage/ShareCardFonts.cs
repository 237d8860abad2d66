using SkiaSharp;

namespace PledgeBot.SharePage;

/// <summary>
/// The typefaces for the preview picture, read from font files. SkiaSharp's NoDependencies native
/// build has no fontconfig, so nothing is found by family name: the first file that exists and
/// loads wins. With none (a bare container), the picture is drawn without text.
/// </summary>
public sealed class ShareCardFonts : IDisposable
{
    /// <summary>Debian's fonts-dejavu-core first (installed by .ci/run), then Liberation, then what other systems ship.</summary>
    public static readonly IReadOnlyList<string> BoldCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        "C:\\Windows\\Fonts\\arialbd.ttf",
    ];

    public static readonly IReadOnlyList<string> RegularCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "C:\\Windows\\Fonts\\arial.ttf",
    ];

    public ShareCardFonts()
        : this(BoldCandidates, RegularCandidates)
    {
    }

    public ShareCardFonts(IEnumerable<string> boldFiles, IEnumerable<string> regularFiles)
    {
        Bold = FirstLoadable(boldFiles);
        Regular = FirstLoadable(regularFiles) ?? Bold;
        Bold ??= Regular;
    }

    /// <summary>No font at all: the picture keeps its image, band and share bar, without words.</summary>
    public static ShareCardFonts None() => new([], []);

    public SKTypeface? Bold { get; }

    public SKTypeface? Regular { get; }

    public bool CanDrawText => Bold is not null;

    public void Dispose()
    {
        Bold?.Dispose();
        if (!ReferenceEquals(Regular, Bold))
        {
            Regular?.Dispose();
        }
    }

    private static SKTypeface? FirstLoadable(IEnumerable<string> files) =>
        files.Where(File.Exists).Select(file => SKTypeface.FromFile(file)).FirstOrDefault(typeface => typeface is not null);
}
