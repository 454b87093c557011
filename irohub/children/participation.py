"""Whether a participation code (SSDA903 REVIEW_CODE, PN0–PN7) fits the child on the day:
one rule for reviews and child protection conferences alike (DfE rules 440 and 441)."""

from __future__ import annotations

from datetime import date

from irohub.children.models import Child
from irohub.core.formatting import long_date
from irohub.records.codes import PARTICIPATION, PN0_AGE_LIMIT_YEARS

__all__ = ["participation_error"]


def participation_error(child: Child, held: date, participation: str) -> str | None:
    """The reason a participation code does not fit the child on that day, or None."""
    if participation not in PARTICIPATION:
        return f"{participation!r} is not a participation code (PN0 to PN7)"
    on = long_date(held)
    under_4 = child.age_on(held) < PN0_AGE_LIMIT_YEARS
    if under_4 and participation != "PN0":
        return f"{child.first_name} was under 4 on {on}, so participation must be PN0"
    if not under_4 and participation == "PN0":
        return (
            f"PN0 is only for children under 4; {child.first_name} was {child.age_on(held)} on {on}"
        )
    return None
