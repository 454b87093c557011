"""The IRO's oversight between reviews and independent visitors: the shared vocabulary
(pure Python) of irohub.oversight, the measures (M-PAR-03 and its variants, M-PAR-07 and
its variants) and the demo council.

Bradford and Central Bedfordshire report the IRO's "footprint" between reviews: visits to
the child and midway checks with the social worker; Middlesbrough counts every IRO entry on
the case record (spec measures.md M-PAR-03). M-PAR-07 counts children with an independent
visitor and the referrals waiting for one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "AUDIT_ANSWERS",
    "AUDIT_GRADES",
    "AUDIT_QUESTIONS",
    "CONTACT_KINDS",
    "VISITOR_OUTCOMES",
    "IroContactRecord",
    "VisitorOfferRecord",
]

# What the IRO did between reviews. A visit is the IRO seeing the child (M-PAR-03a); a
# midway check is the IRO's mid-point check of the care plan with the social worker
# (M-PAR-03b); every kind is an IRO entry on the case record (M-PAR-03c).
CONTACT_KINDS: dict[str, str] = {
    "visit": "IRO visit to the child",
    "midway": "Midway check with the social worker",
    "case_note": "Other IRO entry on the case record",
}

# An offer of an independent visitor and what came of it. "waiting": the child said yes and
# the referral waits for a volunteer to be matched (M-PAR-07b); "matched": a visitor was
# found (then added among the people around the child).
VISITOR_OUTCOMES: dict[str, str] = {
    "waiting": "Waiting for a visitor",
    "matched": "Matched with a visitor",
    "declined": "Declined by the child",
    "withdrawn": "Referral withdrawn",
}

# A manager's audit of an IRO's case file: the questions Central Bedfordshire's and
# Bradford's audits ask, each answered yes / partly / no, and an overall grade.
AUDIT_QUESTIONS: dict[str, str] = {
    "footprint": "The IRO's footprint between reviews is evident on the file",
    "midway": "A midway check is recorded since the last review",
    "child_seen": "The IRO saw or spoke to the child before the last review",
    "plan_progress": "The IRO has tracked the progress of the care plan",
    "challenge": "Drift or delay was challenged where it arose",
    "record": "The review record is written to the child and distributed on time",
}
AUDIT_ANSWERS: dict[str, str] = {"yes": "Yes", "partly": "Partly", "no": "No"}
AUDIT_GRADES: dict[str, str] = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
}


@dataclass(frozen=True, slots=True)
class IroContactRecord:
    """One IRO contact with the child's case between reviews (`kind`: CONTACT_KINDS)."""

    day: date
    kind: str


@dataclass(frozen=True, slots=True)
class VisitorOfferRecord:
    """An independent visitor offered on `offered`; `outcome` (VISITOR_OUTCOMES) reached on
    `closed` (None while waiting)."""

    offered: date
    outcome: str
    closed: date | None = None

    def waiting_on(self, day: date) -> bool:
        """Offered by `day` and still waiting for a visitor then."""
        return self.offered <= day and (self.closed is None or self.closed > day)
