"""Letter templates an administrator edits: plain text with a fixed set of placeholders in
braces, like {child_first_name}. Nothing else in a template means anything — no template
language, no code, no attributes — so an administrator cannot make a letter run anything
or reach data beyond the placeholders. Pure Python (no Django): the admin form checks a
template with `problems`, the letter is made with `fill`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The placeholders a template may use, with what each becomes (shown to the administrator).
PLACEHOLDERS: dict[str, str] = {
    "child_first_name": "the child's first name",
    "child_name": "the child's full name",
    "iro_name": "the IRO's full name",
    "iro_first_name": "the IRO's first name",
    "iro_phone": "the IRO's phone number (or 'the IRO service' when none is recorded)",
    "iro_mobile": "the IRO's mobile number for calls and texts",
    "iro_email": "the IRO's e-mail address",
    "start_date": "the day the IRO takes the child on, e.g. 3 March 2026",
    "letter_date": "the day the letter is written",
    "social_worker_name": "the child's social worker's name",
    "council": "the council's name",
}

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MAX_LENGTH = 10_000


def problems(template: str) -> list[str]:
    """What is wrong with a template, in words for the administrator (empty: nothing)."""
    found: list[str] = []
    if not template.strip():
        found.append("Write the letter: the text is empty")
    if len(template) > MAX_LENGTH:
        found.append(f"The letter must be {MAX_LENGTH:,} characters or fewer")
    unknown = sorted({name for name in _PLACEHOLDER.findall(template)} - PLACEHOLDERS.keys())
    if unknown:
        found.append(
            "Unknown placeholder "
            + ", ".join("{" + name + "}" for name in unknown)
            + ": use only "
            + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        )
    return found


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with each placeholder replaced by its value, in one pass: a value is
    never read as a template itself (a child called "{iro_email}" stays so). A brace pair
    that is not a placeholder is left as written (`problems` refuses it when saved)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return values.get(name, match.group(0)) if name in PLACEHOLDERS else match.group(0)

    return _PLACEHOLDER.sub(value, template)


# Which version of the child's letter an age gets (Wolverhampton writes to children by age).
AGE_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (0, 7, "child_under_8"),
    (8, 12, "child_8_to_12"),
    (13, None, "child_13_plus"),
)


def child_version(age: int) -> str:
    for low, high, kind in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return kind
    return AGE_BANDS[0][2]  # a negative age is not a child's: the youngest version
