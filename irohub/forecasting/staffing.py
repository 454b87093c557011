"""The FTE the forecast caseloads need, and the scenarios a manager tries.

IROs: the caseload is the children in care (all of them: short breaks too, as M-WF-01
counts them) plus, while IROs are dual-role, the children on child protection plans whose
conferences they chair (as M-WF-01a counts them; a child both in care and on a plan counts
twice here, a small overstatement). To keep caseloads inside the council's band
(irohub.measures.workforce.CaseloadBand, the caseload-band setting) the service needs at
least caseload ÷ top of the band FTE, and at most caseload ÷ bottom of the band before
caseloads fall below it.

Foster carer reviewing officers: the households approved over the households per full-time
officer (irohub.measures.fostering.reviewing_officers_needed, the council's setting).

Scenarios: posts that end (FTE in post falls from the day after their last day), entries
that rise or fall by a percentage from a month, and dual-role chairing that moves to
another team on a day (from then the plans leave the IROs' caseloads).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from irohub.forecasting.simulation import Projection
from irohub.measures.fostering import reviewing_officers_needed
from irohub.measures.workforce import CaseloadBand

__all__ = [
    "PostEnding",
    "Scenario",
    "StaffingMonth",
    "fte_after_endings",
    "iro_fte_range",
    "iro_staffing",
    "reviewing_officer_staffing",
]


@dataclass(frozen=True, slots=True)
class PostEnding:
    """A post of `fte` whose last day is `last_day`."""

    last_day: date
    fte: float

    def __post_init__(self) -> None:
        if not 0 < self.fte <= 10:
            raise ValueError(f"a post that ends is above 0 and at most 10 FTE, not {self.fte}")


@dataclass(frozen=True)
class Scenario:
    """What a manager asks "what if" about. The default is no change."""

    entries_change: float = 0.0  # e.g. 0.1: entries into care 10% higher
    entries_change_from: date | None = None  # None: from the first forecast month
    post_endings: tuple[PostEnding, ...] = field(default=())
    dual_role_moves_on: date | None = None  # None: IROs keep chairing conferences

    def __post_init__(self) -> None:
        if not -1 <= self.entries_change <= 10:
            raise ValueError(
                f"entries can change by -100% to +1000%, not {self.entries_change:+.0%}"
            )

    def entry_factor(self, month: date) -> float:
        if self.entries_change_from is not None and month < self.entries_change_from:
            return 1.0
        return 1.0 + self.entries_change

    def plans_count(self, month: date, *, dual_role: bool) -> int:
        """1 when IROs chair the plans' conferences at this month's end, else 0."""
        if not dual_role:
            return 0
        return int(self.dual_role_moves_on is None or month < self.dual_role_moves_on)

    @property
    def is_baseline(self) -> bool:
        return self == Scenario()


def fte_after_endings(
    months: Sequence[date], fte_in_post: Sequence[float], endings: Sequence[PostEnding]
) -> list[float]:
    """FTE in post at each month end, less the posts ended by then (never below 0)."""
    return [
        round(max(0.0, fte - sum(e.fte for e in endings if e.last_day < month)), 2)
        for month, fte in zip(months, fte_in_post, strict=True)
    ]


def iro_fte_range(caseload: float, band: CaseloadBand) -> tuple[float, float | None]:
    """The fewest FTE that keep `caseload` at or under the top of the band, and the most
    before it falls under the bottom (None: the band has no bottom, 0)."""
    if caseload < 0:
        raise ValueError(f"a caseload is 0 or more, not {caseload}")
    if band.high == 0:
        return (0.0 if caseload == 0 else math.inf), None
    most = caseload / band.low if band.low > 0 else None
    return caseload / band.high, most


@dataclass(frozen=True, slots=True)
class StaffingMonth:
    """One month end: the caseload (the middle of the forecast and the top of its band),
    the FTE in post, and the FTE needed for the middle and for the top of the band."""

    month: date
    caseload: float
    caseload_high: float
    fte_in_post: float
    fte_needed: float
    fte_needed_high: float
    fte_most: float | None  # more than this and caseloads fall under the band's bottom
    posts_needed: int | None = None  # reviewing officers only: whole posts

    @property
    def gap(self) -> float:
        """FTE in post less the FTE the middle of the forecast needs (negative: short)."""
        return round(self.fte_in_post - self.fte_needed, 2)

    @property
    def per_fte(self) -> float | None:
        return self.caseload / self.fte_in_post if self.fte_in_post else None


def iro_staffing(
    load: Projection, fte_in_post: Sequence[float], band: CaseloadBand
) -> list[StaffingMonth]:
    """Each month of the IROs' forecast caseload against the FTE in post and the band."""
    lines = []
    for month, middle, high, fte in zip(
        load.months, load.median, load.high, fte_in_post, strict=True
    ):
        needed, most = iro_fte_range(middle, band)
        lines.append(
            StaffingMonth(month, middle, high, fte, needed, iro_fte_range(high, band)[0], most)
        )
    return lines


def reviewing_officer_staffing(
    households: Projection, fte_in_post: Sequence[float], per_fte: float
) -> list[StaffingMonth]:
    """Each month of the forecast households against the reviewing officers in post."""
    lines = []
    for month, middle, high, fte in zip(
        households.months, households.median, households.high, fte_in_post, strict=True
    ):
        needed, posts = reviewing_officers_needed(math.ceil(middle), per_fte)
        needed_high, _ = reviewing_officers_needed(math.ceil(high), per_fte)
        lines.append(StaffingMonth(month, middle, high, fte, needed, needed_high, None, posts))
    return lines
