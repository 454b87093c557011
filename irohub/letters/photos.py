"""The IRO's photo for a child's letter: checked and re-encoded before it is kept.

Checked by what the file is (Pillow reads it), not by its name or the browser's word: a
JPEG or PNG of at most 5 MB and 6,000 pixels a side. Kept re-encoded as a JPEG of at most
600 pixels a side, so no metadata (a phone's GPS position, its owner) goes into a child's
letter, and a crafted file never reaches the PDF renderer.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
KEPT_SIDE = 600
FORMATS = {"JPEG": "a JPEG", "PNG": "a PNG"}


class PhotoError(ValueError):
    """Why a photo was refused, in words for the person uploading it."""


def checked_photo(data: bytes, name: str = "the file") -> bytes:
    """The photo re-encoded as JPEG, or PhotoError saying what is wrong with it."""
    if not data:
        raise PhotoError(f"{name} is empty: choose a photo")
    if len(data) > MAX_BYTES:
        raise PhotoError(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB: the photo must be 5 MB or smaller"
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise PhotoError(
                    f"{name} is not a JPEG or PNG photo"
                    + (f" (it is {image.format})" if image.format else "")
                )
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE:
                raise PhotoError(
                    f"{name} is {width} by {height} pixels: the photo must be at most "
                    f"{MAX_SIDE:,} pixels wide and high"
                )
            image.load()
            photo = image.convert("RGB")
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError(f"{name} is not a JPEG or PNG photo, or it is damaged") from None
    photo.thumbnail((KEPT_SIDE, KEPT_SIDE))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=85)  # a new file: no EXIF, no comments
    return out.getvalue()
