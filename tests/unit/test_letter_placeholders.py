"""Letter templates (pure): only the fixed placeholders mean anything; values are never
read as templates; the child's letter version follows their age; photos are checked by
what they are and re-encoded without their metadata."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from irohub.letters.defaults import DEFAULT_TEMPLATES
from irohub.letters.photos import KEPT_SIDE, PhotoError, checked_photo
from irohub.letters.placeholders import PLACEHOLDERS, child_version, fill, problems


def test_placeholders_are_filled_and_nothing_else_is_read():
    template = "Dear {child_first_name}, I am {iro_name}. {{ 7*7 }} {% load x %} {unknown}"
    text = fill(template, {"child_first_name": "Ada", "iro_name": "Sam Jones"})
    assert text == "Dear Ada, I am Sam Jones. {{ 7*7 }} {% load x %} {unknown}"


def test_a_value_is_never_read_as_a_template():
    assert fill("{child_first_name}", {"child_first_name": "{iro_email}"}) == "{iro_email}"


def test_problems_name_the_unknown_placeholder_and_the_ones_allowed():
    (message,) = problems("Hello {child.first_name.__class__} and {child_name}")
    assert message.startswith("Unknown placeholder {child.first_name.__class__}: use only ")
    assert "{iro_phone}" in message
    assert problems("  ") == ["Write the letter: the text is empty"]
    assert problems("x" * 10_001) == ["The letter must be 10,000 characters or fewer"]


def test_the_default_templates_use_only_the_placeholders():
    for title, text in DEFAULT_TEMPLATES.values():
        assert problems(title) == [] and problems(text) == []


@pytest.mark.parametrize(
    ("age", "version"),
    [
        (0, "child_under_8"),
        (7, "child_under_8"),
        (8, "child_8_to_12"),
        (12, "child_8_to_12"),
        (13, "child_13_plus"),
        (17, "child_13_plus"),
        (-1, "child_under_8"),
    ],
)
def test_the_childs_letter_follows_their_age(age, version):
    assert child_version(age) == version


values = st.fixed_dictionaries({name: st.text(max_size=20) for name in PLACEHOLDERS})
KNOWN = re.compile(r"\{(?:" + "|".join(PLACEHOLDERS) + r")\}")


@given(st.text(max_size=200), values)
def test_filling_replaces_only_placeholders_in_one_pass(template, given_values):
    # Whatever the template: the text between placeholders is kept as written, and each
    # placeholder becomes its value exactly (never read again).
    pieces = KNOWN.split(template)
    names = [match.group(0)[1:-1] for match in KNOWN.finditer(template)]
    expected = pieces[0] + "".join(
        given_values[name] + piece for name, piece in zip(names, pieces[1:], strict=True)
    )
    assert fill(template, given_values) == expected


def _image(kind: str, size=(1200, 900)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (30, 120, 200))
    if kind == "JPEG":
        exif = Image.Exif()
        exif[0x010F] = "Synthetic camera"  # Make
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format=kind)
    return out.getvalue()


def test_a_jpeg_is_kept_smaller_and_without_its_metadata():
    kept = checked_photo(_image("JPEG"))
    with Image.open(io.BytesIO(kept)) as image:
        assert image.format == "JPEG" and max(image.size) == KEPT_SIDE
        assert not image.getexif()


def test_a_png_is_kept_as_jpeg():
    with Image.open(io.BytesIO(checked_photo(_image("PNG")))) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty: choose a photo"),
        (b"%PDF-1.7 not a photo", "the file is not a JPEG or PNG photo, or it is damaged"),
        (_image("GIF", (10, 10)), "the file is not a JPEG or PNG photo (it is GIF)"),
        (_image("PNG", (6001, 10)), "the file is 6001 by 10 pixels"),
        (_image("JPEG")[:200], "the file is not a JPEG or PNG photo, or it is damaged"),
        (b"\xff" * (5 * 1024 * 1024 + 1), "the photo must be 5 MB or smaller"),
    ],
)
def test_a_photo_that_is_not_one_is_refused_with_the_reason(data, message):
    with pytest.raises(PhotoError, match=message.replace("(", r"\(").replace(")", r"\)")):
        checked_photo(data)
