using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A PNG decoded just enough to check the project's own images: 8-bit RGB or RGBA, not
/// interlaced, which is what tools/png.py writes. Anything else fails loudly rather than guessing.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] pixels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        this.pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>3 for RGB, 4 for RGBA.</summary>
    public int Channels { get; }

    public bool HasAlpha => Channels == 4;

    /// <summary>Width and height from the IHDR chunk alone, without decoding the pixels.</summary>
    public static (int Width, int Height) ReadSize(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG file");
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static PngImage Decode(byte[] png)
    {
        var (width, height) = ReadSize(png);
        var (bitDepth, colourType, interlace) = (png[24], png[25], png[28]);
        Assert.True(bitDepth == 8 && colourType is 2 or 6 && interlace == 0,
            $"only 8-bit, non-interlaced RGB or RGBA is read here (bit depth {bitDepth}, colour type {colourType}, interlace {interlace})");
        var channels = colourType == 6 ? 4 : 3;

        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
            {
                compressed.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngImage(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>Red, green, blue and alpha (255 for RGB images) of the pixel at column x, row y.</summary>
    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var at = ((y * Width) + x) * Channels;
        return (pixels[at], pixels[at + 1], pixels[at + 2], HasAlpha ? pixels[at + 3] : (byte)255);
    }

    public IEnumerable<(int X, int Y, (byte R, byte G, byte B, byte A) Colour)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                yield return (x, y, Pixel(x, y));
            }
        }
    }

    // Each row starts with its filter type; undoing it needs the row before (PNG spec, section 9).
    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        var stride = width * channels;
        var result = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            var source = y * (stride + 1) + 1;
            var row = y * stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? result[row + i - channels] : 0;
                int up = y > 0 ? result[row - stride + i] : 0;
                int upLeft = y > 0 && i >= channels ? result[row - stride + i - channels] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG filter type {filter} in row {y}"),
                };
                result[row + i] = (byte)(data[source + i] + predicted);
            }
        }

        return result;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
