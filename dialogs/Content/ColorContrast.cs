using System.Globalization;
using System.Text.RegularExpressions;

namespace PledgeBot.Dialogs.Content;

/// <summary>WCAG 2 contrast between "#RRGGBB" colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).</summary>
public static partial class ColorContrast
{
    public const string White = "#FFFFFF";
    public const string NearBlack = "#1F1F1F";
    public const string Black = "#000000";

    public static bool IsHexColor(string? value) => value is not null && HexColorPattern().IsMatch(value);

    /// <summary>From 1 (same luminance) to 21 (black on white); the order of the two colours does not matter.</summary>
    public static double Ratio(string first, string second)
    {
        var one = RelativeLuminance(first);
        var other = RelativeLuminance(second);
        return (Math.Max(one, other) + 0.05) / (Math.Min(one, other) + 0.05);
    }

    /// <summary>
    /// Near-black when it reaches 4.5:1 on the background (it is softer to read than pure black),
    /// otherwise whichever of white and black contrasts more: one of them always reaches 4.58:1.
    /// </summary>
    public static string ReadableTextOn(string background) =>
        Ratio(NearBlack, background) >= 4.5 ? NearBlack
        : Ratio(White, background) >= Ratio(Black, background) ? White
        : Black;

    private static double RelativeLuminance(string hexColor)
    {
        if (!IsHexColor(hexColor))
        {
            throw new ArgumentException($"'{hexColor}' is not a #RRGGBB colour.", nameof(hexColor));
        }

        double Channel(int offset)
        {
            var value = int.Parse(hexColor.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColorPattern();
}
