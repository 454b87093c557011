"""Collection years: the financial years (1 April to 31 March) the returns, the measures
and the annual report are counted in, and THE one parser of a year written down.

A year is written "2021/22" on screens, in files and on the command line, and "2021-22"
in addresses and file names (a "/" cannot stand in one part of a URL path); the DfE's
validator names it by the year it ENDS ("2022"). Every one of those readings goes through
parse_collection_year, so a year means the same wherever it is typed.

Pure Python (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The years a person or a file may name: every date of the year, the year before (what it
# is compared with) and the next year's start must be dates Python can hold ("9999-00"
# would end in the year 10000).
FIRST_START_YEAR = 1900
LAST_START_YEAR = 2999

__all__ = [
    "CollectionYear",
    "parse_collection_year",
    "parse_year_slug",
    "year_slug",
]


def parse_collection_year(
    text: str, *, separator: str = "/", example: int = 2021
) -> CollectionYear:
    """ "2021/22" (or "2021-22" with separator="-") → the 2021/22 collection year.

    Four digits, the separator, then the next year's last two digits, and nothing else, so
    that the DfE validator's "2022" (the year it ENDS) can never be mistaken for it.
    ValueError says how to write it, with `example` as the year shown.
    """
    head, sep, tail = text.strip().partition(separator)
    digits = head + tail
    if not (sep and len(head) == 4 and len(tail) == 2 and digits.isascii() and digits.isdigit()):
        model = f"{example}{separator}{(example + 1) % 100:02d}"
        raise ValueError(f"{text!r} is not a collection year: write it like {model}")
    start = int(head)
    if not FIRST_START_YEAR <= start <= LAST_START_YEAR:
        first, last = (
            f"{y}{separator}{(y + 1) % 100:02d}" for y in (FIRST_START_YEAR, LAST_START_YEAR)
        )
        raise ValueError(
            f"{text!r} is not a collection year IRO Hub can hold: write one from {first} to {last}"
        )
    if (start + 1) % 100 != int(tail):
        raise ValueError(
            f"{text!r} is not a collection year: {start}{separator} must be followed by "
            f"{(start + 1) % 100:02d}"
        )
    return CollectionYear(start)


@dataclass(frozen=True, slots=True)
class CollectionYear:
    """A financial (SSDA903 collection) year: 1 April to 31 March, labelled "2021/22".

    `through` cuts the year short for a year to date (measures.md §0.1: 1 April to the end
    of the latest complete month): every measure then treats that day as the year's end,
    so nothing not yet due is counted as overdue."""

    start_year: int
    through: date | None = None

    @classmethod
    def parse(cls, label: str) -> CollectionYear:
        """ "2021/22" → the year (see parse_collection_year)."""
        return parse_collection_year(label)

    @classmethod
    def containing(cls, day: date) -> CollectionYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def to_date(cls, today: date) -> CollectionYear:
        """The year to date on `today`: 1 April to the end of the latest complete month
        (the whole of the previous year on 1–30 April, as April is not yet complete)."""
        month_end = today.replace(day=1) - timedelta(days=1)
        year = cls.containing(month_end)
        return year if month_end == year.end else cls(year.start_year, month_end)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def title(self) -> str:
        """How people read it: "2021/22", or "2026/27 to 31 October 2026"."""
        if self.through is None:
            return self.label
        return f"{self.label} to {self.through.day} {self.through:%B %Y}"

    @property
    def end_year(self) -> int:
        """The year the collection ends in: what the DfE validator calls the collection year."""
        return self.start_year + 1

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return self.through or date(self.start_year + 1, 3, 31)

    @property
    def complete(self) -> bool:
        return self.through is None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> CollectionYear:
        return CollectionYear(self.start_year - 1)

    def month_ends(self) -> list[date]:
        """The last day of each month of the year (to `through` for a year to date)."""
        ends = []
        for offset in range(12):
            month = (3 + offset) % 12 + 1
            year = self.start_year + (1 if month < 4 else 0)
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            day = nxt - timedelta(days=1)
            if day > self.end:
                break
            ends.append(day)
        return ends

    def __str__(self) -> str:
        return self.title


def year_slug(year: CollectionYear) -> str:
    """How a year is written in addresses: 2025-26."""
    return year.label.replace("/", "-")


def parse_year_slug(slug: str) -> CollectionYear:
    """2025-26 → the 2025/26 collection year (ValueError saying how to write it)."""
    try:
        return parse_collection_year(slug, separator="-")
    except ValueError:
        raise ValueError(
            f"{slug!r} is not a collection year: write it like 2025-26 (April 2025 to March 2026)"
        ) from None
