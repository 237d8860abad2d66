"""Write 8-bit PNG images with the standard library only (zlib + struct).

Shared by the scripts that draw the project's pictures, so that every one of
them encodes the same way: non-interlaced, one filter chosen per row, maximum
compression.
"""

import struct
import zlib

_COLOUR_TYPES = {3: 2, 4: 6}   # channels -> PNG colour type (RGB, RGBA)


def encode(width, height, pixels, channels=3):
    """PNG bytes for `pixels`: rows top to bottom, `channels` bytes a pixel
    (3 = RGB, 4 = RGBA with straight, not premultiplied, alpha)."""
    if channels not in _COLOUR_TYPES:
        raise ValueError("channels must be 3 (RGB) or 4 (RGBA)")
    stride = width * channels
    if len(pixels) != stride * height:
        raise ValueError("pixels must hold width * height * channels bytes")

    raw = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        row = pixels[y * stride:(y + 1) * stride]
        candidates = [(0, row)]
        sub = bytearray(stride)
        for i in range(stride):
            sub[i] = (row[i] - (row[i - channels] if i >= channels else 0)) & 0xFF
        candidates.append((1, sub))
        up = bytearray((row[i] - prev[i]) & 0xFF for i in range(stride))
        candidates.append((2, up))
        # The filter with the smallest sum of signed magnitudes usually compresses best.
        best = min(candidates,
                   key=lambda c: sum(v if v < 128 else 256 - v for v in c[1]))
        raw.append(best[0])
        raw += best[1]
        prev = row

    header = struct.pack(">IIBBBBB", width, height, 8, _COLOUR_TYPES[channels], 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + _chunk(b"IEND", b""))


def _chunk(kind, data):
    body = kind + data
    return (struct.pack(">I", len(data)) + body
            + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))
