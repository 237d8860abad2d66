#!/usr/bin/env python3
"""Draw the four campaign cause illustrations as PNG files.

Standard library only (PNG writing shared in tools/png.py): simple flat
shapes, anti-aliased with signed-distance coverage, no text. Output: 640x320 RGB PNGs in
bot/campaign/images/<cause-id>.png (relative to the repository root).

Usage: python3 tools/make-cause-images.py [output-dir]
"""

import math
import os
import sys

import png  # tools/png.py, beside this script

W, H = 640, 320


def hex_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


class Canvas:
    def __init__(self, width, height, background):
        self.w = width
        self.h = height
        r, g, b = hex_rgb(background)
        self.px = bytearray(bytes((r, g, b)) * (width * height))

    # -- primitive fill -------------------------------------------------
    def fill(self, sdf, bbox, colour, opacity=1.0):
        """Fill every pixel where sdf(x, y) > 0 (distance in pixels inside)."""
        r, g, b = hex_rgb(colour)
        x0, y0, x1, y1 = bbox
        x0 = max(0, int(math.floor(x0)) - 1)
        y0 = max(0, int(math.floor(y0)) - 1)
        x1 = min(self.w, int(math.ceil(x1)) + 2)
        y1 = min(self.h, int(math.ceil(y1)) + 2)
        px = self.px
        for y in range(y0, y1):
            cy = y + 0.5
            row = y * self.w
            for x in range(x0, x1):
                d = sdf(x + 0.5, cy)
                if d <= -0.5:
                    continue
                a = 1.0 if d >= 0.5 else d + 0.5
                a *= opacity
                i = (row + x) * 3
                if a >= 1.0:
                    px[i] = r
                    px[i + 1] = g
                    px[i + 2] = b
                else:
                    px[i] = int(px[i] * (1 - a) + r * a + 0.5)
                    px[i + 1] = int(px[i + 1] * (1 - a) + g * a + 0.5)
                    px[i + 2] = int(px[i + 2] * (1 - a) + b * a + 0.5)

    # -- shapes -----------------------------------------------------------
    def rect(self, x0, y0, x1, y1, colour, radius=0.0, opacity=1.0):
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        hx, hy = (x1 - x0) / 2, (y1 - y0) / 2

        def sdf(x, y):
            qx = abs(x - cx) - hx + radius
            qy = abs(y - cy) - hy + radius
            outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
            inside = min(max(qx, qy), 0.0)
            return -(outside + inside - radius)

        self.fill(sdf, (x0, y0, x1, y1), colour, opacity)

    def circle(self, cx, cy, radius, colour, opacity=1.0):
        def sdf(x, y):
            return radius - math.hypot(x - cx, y - cy)

        self.fill(sdf, (cx - radius, cy - radius, cx + radius, cy + radius),
                  colour, opacity)

    def ellipse(self, cx, cy, a, b, colour, angle=0.0, opacity=1.0):
        ca, sa = math.cos(angle), math.sin(angle)
        m = min(a, b)

        def sdf(x, y):
            dx, dy = x - cx, y - cy
            u = dx * ca + dy * sa
            v = -dx * sa + dy * ca
            return (1.0 - math.hypot(u / a, v / b)) * m

        r = max(a, b)
        self.fill(sdf, (cx - r, cy - r, cx + r, cy + r), colour, opacity)

    def polygon(self, points, colour, opacity=1.0):
        """Convex polygon; points in any winding order."""
        n = len(points)
        area = sum(points[i][0] * points[(i + 1) % n][1]
                   - points[(i + 1) % n][0] * points[i][1] for i in range(n))
        sign = 1.0 if area > 0 else -1.0
        edges = []
        for i in range(n):
            ax, ay = points[i]
            bx, by = points[(i + 1) % n]
            ex, ey = bx - ax, by - ay
            length = math.hypot(ex, ey) or 1.0
            # inward normal
            nx, ny = -ey * sign / length, ex * sign / length
            edges.append((ax, ay, nx, ny))

        def sdf(x, y):
            return min((x - ax) * nx + (y - ay) * ny for ax, ay, nx, ny in edges)

        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        self.fill(sdf, (min(xs), min(ys), max(xs), max(ys)), colour, opacity)

    def line(self, x0, y0, x1, y1, width, colour, opacity=1.0):
        """Segment with round caps."""
        half = width / 2
        ex, ey = x1 - x0, y1 - y0
        ll = ex * ex + ey * ey or 1.0

        def sdf(x, y):
            t = ((x - x0) * ex + (y - y0) * ey) / ll
            t = 0.0 if t < 0 else 1.0 if t > 1 else t
            return half - math.hypot(x - (x0 + t * ex), y - (y0 + t * ey))

        self.fill(sdf, (min(x0, x1) - half, min(y0, y1) - half,
                        max(x0, x1) + half, max(y0, y1) + half), colour, opacity)

    def half_disc(self, cx, cy, radius, colour, lower=True):
        """Disc cut by the horizontal line through its centre."""
        def sdf(x, y):
            d = radius - math.hypot(x - cx, y - cy)
            cut = (y - cy) if lower else (cy - y)
            return min(d, cut)

        y0 = cy if lower else cy - radius
        y1 = cy + radius if lower else cy
        self.fill(sdf, (cx - radius, y0, cx + radius, y1), colour)

    def heart(self, cx, cy, size, colour):
        r = size * 0.3
        self.circle(cx - r * 0.95, cy - r * 0.2, r, colour)
        self.circle(cx + r * 0.95, cy - r * 0.2, r, colour)
        k = r * 0.95 + r * math.cos(math.radians(45))
        self.polygon([(cx - k, cy - r * 0.2 + r * math.sin(math.radians(45)) - 1),
                      (cx + k, cy - r * 0.2 + r * math.sin(math.radians(45)) - 1),
                      (cx, cy + size * 0.62)], colour)
        self.polygon([(cx - r * 0.95, cy - r * 0.2), (cx + r * 0.95, cy - r * 0.2),
                      (cx + k, cy - r * 0.2 + r * 0.707),
                      (cx - k, cy - r * 0.2 + r * 0.707)], colour)

    # -- output -----------------------------------------------------------
    def png_bytes(self):
        return png.encode(self.w, self.h, self.px, channels=3)


# ---------------------------------------------------------------------------
# The four illustrations
# ---------------------------------------------------------------------------

def protecting_innocence():
    """A child's silhouette inside a shield, with a heart, on a laptop screen."""
    c = Canvas(W, H, "#E4EEF6")
    # soft backdrop circle
    c.circle(320, 168, 150, "#D3E3F0")
    # laptop lid and screen
    c.rect(180, 40, 460, 232, "#34495E", radius=14)
    c.rect(194, 54, 446, 220, "#F7FAFC", radius=6)
    # laptop base
    c.polygon([(150, 240), (490, 240), (470, 262), (170, 262)], "#4F6475")
    c.rect(150, 232, 490, 244, "#5D7386", radius=4)
    c.rect(290, 236, 350, 242, "#3C5062", radius=3)
    # shield
    shield = "#2E8B7A"
    c.rect(258, 66, 382, 124, shield, radius=14)
    c.polygon([(258, 108), (382, 108), (376, 160), (320, 214), (264, 160)], shield)
    # child silhouette inside the shield
    child = "#FFFFFF"
    c.circle(320, 100, 15, child)
    c.polygon([(302, 122), (338, 122), (346, 170), (294, 170)], child)
    c.circle(320, 124, 18, child)
    c.line(300, 128, 288, 150, 9, child)
    c.line(340, 128, 352, 150, 9, child)
    c.rect(304, 166, 316, 188, child, radius=4)
    c.rect(324, 166, 336, 188, child, radius=4)
    # heart above the screen corner
    c.heart(418, 84, 30, "#E07A7A")
    # small sparkles of hope
    c.circle(222, 84, 5, "#F2C14E")
    c.circle(238, 196, 4, "#F2C14E")
    c.circle(408, 190, 4, "#F2C14E")
    return c


def burundi_refugees_tanzania():
    """Tents in a valley under a warm sun."""
    c = Canvas(W, H, "#F8E9C8")
    # sun with rays
    sun_x, sun_y = 500, 82
    for k in range(12):
        ang = k * math.pi / 6
        c.line(sun_x + 48 * math.cos(ang), sun_y + 48 * math.sin(ang),
               sun_x + 64 * math.cos(ang), sun_y + 64 * math.sin(ang),
               5, "#F2B233")
    c.circle(sun_x, sun_y, 38, "#F2A922")
    # distant hills
    c.circle(120, 330, 170, "#A9C79A")
    c.circle(380, 360, 190, "#9DBE8D")
    c.circle(640, 330, 150, "#A9C79A")
    # ground
    c.rect(0, 236, 640, 320, "#7FA86E")
    # path between the tents
    c.polygon([(300, 320), (360, 320), (336, 236), (324, 236)], "#D9C29A")
    # tents: (centre x, base y, half width, height, body colour, door colour)
    tents = [
        (150, 250, 82, 96, "#F4F1EA", "#3D6E9E"),
        (250, 236, 60, 70, "#E9E4D8", "#3D6E9E"),
        (420, 236, 60, 70, "#E9E4D8", "#3D6E9E"),
        (520, 252, 82, 96, "#F4F1EA", "#3D6E9E"),
    ]
    for cx, base, hw, ht, body, door in tents:
        c.polygon([(cx - hw, base), (cx + hw, base), (cx, base - ht)], body)
        # shaded half for a little depth
        c.polygon([(cx, base), (cx + hw, base), (cx, base - ht)], "#D6D0C2")
        c.polygon([(cx - hw * 0.28, base), (cx + hw * 0.28, base),
                   (cx, base - ht * 0.5)], door)
    return c


def yemen_crisis():
    """A drop of clean water beside a bowl of grain and ears of wheat."""
    c = Canvas(W, H, "#F5EBDD")
    c.rect(0, 250, 640, 320, "#E8D6BD")
    # water drop
    drop = "#3E8EC4"
    c.circle(190, 186, 62, drop)
    c.polygon([(190, 46), (136, 158), (244, 158)], drop)
    c.polygon([(190, 46), (133, 164), (247, 164), (252, 186), (128, 186)], drop)
    c.ellipse(168, 196, 12, 24, "#8CC3E6", angle=0.5)
    # bowl with grain
    c.ellipse(420, 196, 96, 22, "#E9C46A")
    c.circle(378, 186, 16, "#E9C46A")
    c.circle(420, 178, 22, "#EDCB79")
    c.circle(462, 186, 16, "#E9C46A")
    c.half_disc(420, 196, 104, "#B5683F")
    c.rect(316, 190, 524, 202, "#C77A4E", radius=6)
    c.rect(392, 296, 448, 304, "#9C5634", radius=4)
    # two ears of wheat to the right of the bowl
    for bx, by, tx, ty in ((548, 252, 566, 64), (566, 252, 606, 90)):
        c.line(bx, by, tx, ty + 18, 4, "#B8893B")
        length = math.hypot(tx - bx, ty - by)
        ux, uy = (tx - bx) / length, (ty - by) / length   # along the stalk
        stalk_angle = math.atan2(uy, ux)
        for j in range(5):
            d = 14 + j * 15                                  # distance from tip
            gx, gy = tx - ux * d, ty - uy * d
            for side in (-1, 1):
                ang = stalk_angle + side * 0.45
                ox, oy = math.cos(ang) * 8, math.sin(ang) * 8
                c.ellipse(gx + ox - ux * 8 + (-uy) * side * 5,
                          gy + oy - uy * 8 + ux * side * 5,
                          11, 5, "#D9A441", angle=ang)
        c.ellipse(tx, ty, 10, 4.5, "#D9A441", angle=stalk_angle)
    return c


def rohingya_refugees_india():
    """A small boat on calm water and a path leading to a small house."""
    c = Canvas(W, H, "#DCE8F2")
    # sun low in the sky
    c.circle(110, 92, 34, "#F6D36B")
    # far shore hills
    c.circle(470, 330, 200, "#B9D3A8")
    # water
    c.rect(0, 214, 640, 320, "#7FB2D5")
    c.line(60, 262, 150, 262, 3, "#A7CCE6")
    c.line(120, 290, 230, 290, 3, "#A7CCE6")
    c.line(30, 236, 90, 236, 3, "#A7CCE6")
    # land on the right
    c.polygon([(300, 214), (640, 214), (640, 320), (380, 320)], "#8DB77B")
    c.rect(330, 200, 640, 222, "#8DB77B", radius=10)
    # path from the shore to the house
    c.polygon([(430, 320), (500, 320), (498, 214), (486, 214)], "#E2CFA6")
    # house
    c.rect(440, 140, 560, 216, "#F3EBDD")
    c.polygon([(426, 144), (574, 144), (500, 86)], "#C0583F")
    c.rect(482, 172, 508, 216, "#7A4E36", radius=2)
    c.rect(522, 160, 546, 182, "#9ACBE8", radius=2)
    c.rect(454, 160, 474, 182, "#9ACBE8", radius=2)
    # boat
    c.polygon([(96, 214), (246, 214), (226, 242), (116, 242)], "#6B4A33")
    c.rect(96, 208, 246, 216, "#8A6244", radius=3)
    c.line(170, 210, 170, 120, 4, "#5A3E2B")
    c.polygon([(174, 124), (174, 200), (226, 200)], "#FBF7EE")
    c.polygon([(166, 140), (166, 200), (128, 200)], "#F0E6D2")
    return c


IMAGES = {
    "protecting-innocence": protecting_innocence,
    "burundi-refugees-tanzania": burundi_refugees_tanzania,
    "yemen-crisis": yemen_crisis,
    "rohingya-refugees-india": rohingya_refugees_india,
}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "bot", "campaign", "images")
    os.makedirs(out_dir, exist_ok=True)
    for name, draw in IMAGES.items():
        data = draw().png_bytes()
        path = os.path.join(out_dir, name + ".png")
        with open(path, "wb") as fh:
            fh.write(data)
        print(f"{path}: {len(data)} bytes")


if __name__ == "__main__":
    main()
