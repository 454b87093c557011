"""Collection years in addresses and file names: 2025/26 is written 2025-26, since a "/"
cannot stand in one part of a URL path. The performance pages and the annual report
share these, so a year's address is the same in both.

Pure Python (no Django).
"""

from __future__ import annotations

from irohub.measures.records import CollectionYear

__all__ = ["parse_year_slug", "year_slug"]


def year_slug(year: CollectionYear) -> str:
    """How a year is written in addresses: 2025-26."""
    return year.label.replace("/", "-")


def parse_year_slug(slug: str) -> CollectionYear:
    """2025-26 → the 2025/26 collection year (ValueError saying how to write it)."""
    try:
        if "/" in slug:  # addresses write the year with a hyphen only
            raise ValueError(slug)
        return CollectionYear.parse(slug.replace("-", "/", 1))
    except ValueError:
        raise ValueError(
            f"{slug!r} is not a collection year: write it like 2025-26 (April 2025 to March 2026)"
        ) from None
