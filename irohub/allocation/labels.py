"""How the allocation screens name things: review statuses in addresses, the sort keys of
My caseload, and SSDA903 codes in words. (The status tags' colours are
irohub.core.formatting's; where a caseload sits against the band is the rules core's.)"""

from __future__ import annotations

from collections.abc import Iterable

from irohub.records import codes
from irohub.statutory import DueStatus

__all__ = [
    "CASELOAD_SORTS",
    "DEFAULT_CASELOAD_SORT",
    "SLUG_OF",
    "STATUS_SLUGS",
    "brother_or_sister",
    "legal_status_label",
    "parse_sort",
    "placement_label",
]

# The review statuses a list can be filtered by, as they appear in addresses.
STATUS_SLUGS: dict[str, DueStatus] = {
    "overdue": DueStatus.OVERDUE,
    "due-5": DueStatus.DUE_WITHIN_5,
    "due-20": DueStatus.DUE_WITHIN_20,
    "in-date": DueStatus.IN_DATE,
}
SLUG_OF: dict[DueStatus, str] = {status: slug for slug, status in STATUS_SLUGS.items()}

# Sort keys of My caseload; the default puts the most pressing review first.
CASELOAD_SORTS = ("name", "next_due", "last_review", "age")
DEFAULT_CASELOAD_SORT = "next_due"


def parse_sort(value: str | None, allowed: Iterable[str], default: str) -> tuple[str, bool]:
    """(key, descending) from `?sort=key` or `?sort=-key`; anything else gives the default."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in allowed:
        return default, False
    return key, descending


def legal_status_label(code: str | None) -> str:
    return codes.LEGAL_STATUS.get(code or "", "")


def placement_label(code: str | None) -> str:
    return codes.PLACEMENT.get(code or "", "")


def brother_or_sister(sex: str) -> str:
    return {"M": "brother", "F": "sister"}.get(sex, "brother or sister")
