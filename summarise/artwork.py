"""The podcast feed's artwork: the user's square image, checked, or a plain one made with the feed's title.

Apple Podcasts and Spotify ask for a square JPEG or PNG, RGB, 1400 to 3000 pixels a side.
"""

from __future__ import annotations

import io
import logging
import textwrap
from pathlib import Path

from .errors import InputError

log = logging.getLogger(__name__)

ARTWORK = "artwork.png"  # the artwork the project makes, in the results folder
MIN_SIDE, MAX_SIDE = 1400, 3000  # pixels a side that podcast directories accept
SIDE = MIN_SIDE  # pixels a side of the artwork the project makes (small file, accepted everywhere)
BACKGROUND, INK = (11, 79, 168), (255, 255, 255)  # dark blue and white: contrast ratio over 7:1
FONT_SIZE = 120  # pixels, for the title
LINE_CHARS = 18  # characters a line of the title, wrapped
MARGIN = 120  # pixels from the edges


def check_artwork(path: Path) -> tuple[int, int]:
    """The size of a usable artwork file; InputError saying what is wrong with any other."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind, mode, size = image.format, image.mode, image.size
    except (OSError, UnidentifiedImageError) as exc:
        raise InputError(f"artwork {path}: not an image Pillow can read ({exc})") from exc
    if kind not in ("PNG", "JPEG"):
        raise InputError(f"artwork {path}: is {kind}; podcast directories take only JPEG or PNG")
    if mode != "RGB":
        raise InputError(f"artwork {path}: colour mode {mode}; save it as RGB (no CMYK, no transparency)")
    if size[0] != size[1] or not MIN_SIDE <= size[0] <= MAX_SIDE:
        raise InputError(f"artwork {path}: {size[0]}x{size[1]} px; it must be square, {MIN_SIDE} to {MAX_SIDE} px")
    return size


def make_artwork(title: str) -> bytes:
    """A plain square PNG with the title on it, in large white letters on dark blue."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (SIDE, SIDE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT_SIZE)  # the font Pillow ships: nothing to download or install
    lines = textwrap.wrap(title, LINE_CHARS)[:7] or ["News"]
    draw.multiline_text((MARGIN, MARGIN), "\n".join(lines), font=font, fill=INK, spacing=FONT_SIZE // 3)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def ensure_artwork(out_dir: Path, *, settings, title: str) -> str:
    """The file name of the feed's artwork in `out_dir`: the user's (kept in the folder), else one made from the title."""
    from .publish import write_if_changed

    if settings.artwork:
        if not (out_dir / settings.artwork).is_file():
            raise InputError(f"artwork {out_dir / settings.artwork}: missing; give --artwork FILE again")
        return settings.artwork
    organisation = title.removesuffix(": news in plain English")
    write_if_changed(out_dir / ARTWORK, make_artwork(organisation))
    return ARTWORK


def take_artwork(path: str, out_dir: Path) -> str:
    """Check the user's artwork and copy it into the folder; return its name there (the feed links to it)."""
    from .publish import atomic_write

    source = Path(path)
    if not source.is_file():
        raise InputError(f"artwork {path}: no such file")
    check_artwork(source)
    name = f"cover{source.suffix.lower()}"
    atomic_write(out_dir / name, source.read_bytes())
    return name
