"""Draws the kernel's logos (an outlined ∇) at 32×32 and 64×64. Run with Debian's /usr/bin/python3 (Pillow)."""
from PIL import Image, ImageDraw

for size in (32, 64):
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    m = big * 0.12
    outer = [(m, m * 1.2), (big - m, m * 1.2), (big / 2, big - m)]
    d.polygon(outer, fill=(52, 84, 170, 255))
    w = big * 0.16
    inner = [(m + w * 1.75, m * 1.2 + w), (big - m - w * 1.75, m * 1.2 + w), (big / 2, big - m - w * 2.1)]
    d.polygon(inner, fill=(0, 0, 0, 0))
    img.resize((size, size), Image.LANCZOS).save(f"kernel/logo-{size}x{size}.png")
