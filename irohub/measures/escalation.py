"""Challenge, escalation and Cafcass: M-ESC-01 to M-ESC-04 (spec/measures.md §D).

They count the IRO's challenges through the council's dispute resolution process and
referrals to Cafcass. The register does not hold them yet (the resolution process comes
in a later release), so each measure says so and gives no number.
"""

from __future__ import annotations

from irohub.measures.catalogue import Kind, MeasureDefinition, Section, not_held

__all__ = ["DEFINITIONS"]

_LATER = "a later release of IRO Hub adds the dispute resolution process that records them"

DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-ESC-01",
        "Escalations raised",
        Section.ESCALATION,
        "escalation",
        not_held(
            "IRO Hub does not record IRO challenges (the stage each reached, its theme, "
            f"team and outcome); {_LATER}."
        ),
        kind=Kind.COUNT,
    ),
    MeasureDefinition(
        "M-ESC-02",
        "Formal disputes resolved within 20 working days",
        Section.ESCALATION,
        "dispute",
        not_held(
            "IRO Hub does not record when formal disputes started and were resolved (DR-1); "
            f"{_LATER}."
        ),
    ),
    MeasureDefinition(
        "M-ESC-03",
        "Children with an escalation",
        Section.ESCALATION,
        "child",
        not_held(
            "IRO Hub does not record which children's cases were escalated, or when each "
            f"escalation was resolved; {_LATER}."
        ),
    ),
    MeasureDefinition(
        "M-ESC-04",
        "Cafcass referrals",
        Section.ESCALATION,
        "referral",
        not_held(
            "IRO Hub does not record referrals to Cafcass (Children Act 1989 s25B(3)), their "
            f"dates, issues or outcomes; {_LATER}."
        ),
        kind=Kind.COUNT,
    ),
)
