using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace PledgeBot.SharePage;

/// <summary>
/// Lines of text on the preview picture, shaped with HarfBuzz so Arabic letters join as they
/// should. HarfBuzz shapes one direction at a time and does no bidi reordering, so a right-to-left
/// line is cut into runs first: numbers and Latin words (left to right, "1٬234", "34٪", "UTC") and
/// everything else (right to left), laid from the right edge leftwards. That covers what the
/// picture draws (a title, a line of counts); it is not the whole Unicode bidi algorithm.
/// </summary>
public sealed class ShareCardText(SKTypeface typeface, bool rightToLeft) : IDisposable
{
    private readonly SKShaper shaper = new(typeface);

    public float Measure(string text, SKFont font) => Runs(text).Sum(run => shaper.Shape(run.Text, font).Width);

    /// <param name="start">Where the line starts: its left end, or its right end for a right-to-left line.</param>
    public void Draw(SKCanvas canvas, string text, float start, float baseline, SKFont font, SKPaint paint)
    {
        if (!rightToLeft)
        {
            canvas.DrawShapedText(shaper, text, start, baseline, SKTextAlign.Left, font, paint);
            return;
        }

        var right = start;
        foreach (var run in Runs(text))
        {
            var width = shaper.Shape(run.Text, font).Width;
            canvas.DrawShapedText(shaper, run.Text, right - width, baseline, SKTextAlign.Left, font, paint);
            right -= width;
        }
    }

    public void Dispose() => shaper.Dispose();

    /// <summary>The line's runs in reading order (a left-to-right line is one run).</summary>
    private IEnumerable<(string Text, bool LeftToRight)> Runs(string text)
    {
        if (!rightToLeft)
        {
            yield return (text, true);
            yield break;
        }

        var runs = new List<(string Text, bool LeftToRight)>();
        var current = new System.Text.StringBuilder();
        var currentLeftToRight = false;
        for (var i = 0; i < text.Length; i++)
        {
            var leftToRight = IsLeftToRight(text, i);
            if (current.Length > 0 && leftToRight != currentLeftToRight)
            {
                runs.Add((current.ToString(), currentLeftToRight));
                current.Clear();
            }

            currentLeftToRight = leftToRight;
            current.Append(text[i]);
        }

        if (current.Length > 0)
        {
            runs.Add((current.ToString(), currentLeftToRight));
        }

        foreach (var run in runs)
        {
            yield return run;
        }
    }

    // Digits and Latin letters read left to right; so do separators, spaces and percent signs that
    // sit between them or right after digits ("1٬234", "34٪", "Stand With Them"). Everything else
    // follows the line: right to left.
    private static bool IsLeftToRight(string text, int i)
    {
        var c = text[i];
        if (IsLatinOrDigit(c))
        {
            return true;
        }

        var before = i > 0 ? text[i - 1] : '\0';
        var after = i + 1 < text.Length ? text[i + 1] : '\0';
        return (IsLatinOrDigit(before) && IsLatinOrDigit(after) && (char.IsWhiteSpace(c) || c is ',' or '.' or '٬' or '٫' or '-'))
            || (char.IsAsciiDigit(before) && c is '%' or '٪');
    }

    private static bool IsLatinOrDigit(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetter(c);
}
