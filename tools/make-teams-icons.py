#!/usr/bin/env python3
"""Draw the Teams app icons: a heart inside a speech bubble, no text.

Standard library only (PNG writing shared in tools/png.py). Output, in
teams/ (relative to the repository root) unless a folder is given:

  color.png    192x192 RGB: the campaign's accent colour edge to edge (Teams
               rounds the corners itself), a white bubble, the heart in the
               accent colour.
  outline.png  32x32 RGBA: transparent, the bubble's outline and the heart in
               white only; anti-aliasing lives in the alpha channel, never in
               grey pixels, because Teams recolours this icon by its alpha.

The accent is read from bot/campaign/campaign.json ("theme.accentColor"), so
run this again after changing it: the manifest's accentColor comes from the
same place and the two should match.

Usage: python3 tools/make-teams-icons.py [output-dir]
"""

import json
import math
import os
import sys

import png  # tools/png.py, beside this script

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAMPAIGN_FILE = os.path.join(ROOT, "bot", "campaign", "campaign.json")
DEFAULT_ACCENT = "#1D6A72"   # CampaignTheme.Default, used when the campaign sets none

# Each pixel's coverage is the share of these sub-pixel samples inside the shape.
SAMPLES = 4


def hex_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def campaign_accent():
    with open(CAMPAIGN_FILE, encoding="utf-8") as fh:
        theme = json.load(fh).get("theme") or {}
    return (theme.get("accentColor") or DEFAULT_ACCENT).strip()


# ---------------------------------------------------------------------------
# The symbol, in a unit box (x 0..1 to the right, y 0..1 downwards). Each shape
# is a signed distance: positive inside, negative outside, in box units.
# ---------------------------------------------------------------------------

# Edges sit on whole pixels of the 32x32 outline (2 + 28 * value), so its
# 2-pixel lines stay sharp instead of smearing over three pixels.
BUBBLE = (0.0, 0.0, 1.0, 0.75, 0.2)              # x0, y0, x1, y1, corner radius
TAIL = [(0.25, 0.6), (0.54, 0.6), (0.25, 0.96)]  # the bubble's tail, down on the left
HEART_CENTRE, HEART_HEIGHT = (0.5, 0.375), 0.4


def rounded_rect(x, y, box):
    x0, y0, x1, y1, r = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    qx = abs(x - cx) - (x1 - x0) / 2 + r
    qy = abs(y - cy) - (y1 - y0) / 2 + r
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    inside = min(max(qx, qy), 0.0)
    return -(outside + inside - r)


def triangle(x, y, points):
    """Distance to the nearest edge line: exact inside, a mitred outline outside."""
    area = sum(points[i][0] * points[(i + 1) % 3][1]
               - points[(i + 1) % 3][0] * points[i][1] for i in range(3))
    sign = 1.0 if area > 0 else -1.0
    nearest = math.inf
    for i in range(3):
        ax, ay = points[i]
        bx, by = points[(i + 1) % 3]
        ex, ey = bx - ax, by - ay
        length = math.hypot(ex, ey)
        nx, ny = -ey * sign / length, ex * sign / length   # inward normal
        nearest = min(nearest, (x - ax) * nx + (y - ay) * ny)
    return nearest


def bubble(x, y):
    return max(rounded_rect(x, y, BUBBLE), triangle(x, y, TAIL))


def heart(x, y):
    """Inigo Quilez's exact heart distance, scaled to HEART_HEIGHT and centred."""
    # His heart stands on its tip at the origin, y upwards, 1.1 units tall.
    size = HEART_HEIGHT / 1.1035
    cx, cy = HEART_CENTRE
    px = abs(x - cx) / size
    py = (cy + HEART_HEIGHT / 2 - y) / size
    if px + py > 1.0:
        d = math.hypot(px - 0.25, py - 0.75) - math.sqrt(2.0) / 4.0
    else:
        m = 0.5 * max(px + py, 0.0)
        d = math.sqrt(min(px * px + (py - 1.0) ** 2, (px - m) ** 2 + (py - m) ** 2))
        d *= 1.0 if px - py > 0 else -1.0
    return -d * size


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

def coverage(size, margin, inside):
    """Per pixel, the share of samples where inside(x, y) holds, with the unit
    box mapped onto the square [margin, size - margin]."""
    scale = size - 2 * margin
    grid = []
    for py in range(size):
        row = []
        for px in range(size):
            hits = 0
            for sy in range(SAMPLES):
                y = (py + (sy + 0.5) / SAMPLES - margin) / scale
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES - margin) / scale
                    hits += inside(x, y, scale)
            row.append(hits / (SAMPLES * SAMPLES))
        grid.append(row)
    return grid


def colour_icon(accent):
    size = 192
    # The symbol fills Teams' 120x120 safe area, a little less for the tail.
    margin = 38
    white_bubble = coverage(size, margin, lambda x, y, s: bubble(x, y) > 0)
    accent_heart = coverage(size, margin, lambda x, y, s: heart(x, y) > 0)
    ar, ag, ab = hex_rgb(accent)
    pixels = bytearray()
    for y in range(size):
        for x in range(size):
            w = white_bubble[y][x] * (1.0 - accent_heart[y][x])
            pixels += bytes(int(c * (1 - w) + 255 * w + 0.5) for c in (ar, ag, ab))
    return png.encode(size, size, pixels, channels=3)


def outline_icon():
    size = 32
    margin = 2
    stroke = 2.0   # pixels

    def drawn(x, y, scale):
        on_outline = abs(bubble(x, y)) * scale <= stroke / 2
        return on_outline or heart(x, y) > 0

    alpha = coverage(size, margin, drawn)
    pixels = bytearray()
    for y in range(size):
        for x in range(size):
            pixels += bytes((255, 255, 255, int(alpha[y][x] * 255 + 0.5)))
    return png.encode(size, size, pixels, channels=4)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "teams")
    os.makedirs(out_dir, exist_ok=True)
    for name, data in (("color.png", colour_icon(campaign_accent())),
                       ("outline.png", outline_icon())):
        path = os.path.join(out_dir, name)
        with open(path, "wb") as fh:
            fh.write(data)
        print(f"{path}: {len(data)} bytes")


if __name__ == "__main__":
    main()
