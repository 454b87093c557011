"""Immigration status of children in care (Bradford's Corporate Parenting Panel asked how
many EU children had applied for settled status): the vocabulary of irohub.immigration and
the one rule saying which children the IRO should raise at review. Pure Python.

A child who needs a status (not a British or Irish citizen) and has no application, one
refused or withdrawn, one still waiting for a decision, or only pre-settled status (which
ends unless settled status follows) is listed; so is an unaccompanied child with no asylum
claim, whatever their recorded nationality.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

__all__ = [
    "APPLICATION_KINDS",
    "NEEDS",
    "OUTCOMES",
    "ApplicationRecord",
    "attention",
]

NEEDS: dict[str, str] = {
    "unknown": "Not known yet",
    "british_irish": "British or Irish citizen: no application needed",
    "needs": "Needs immigration status",
}
APPLICATION_KINDS: dict[str, str] = {
    "eu_settlement": "EU Settlement Scheme",
    "asylum": "Asylum claim",
    "leave_to_remain": "Leave to remain (other)",
    "citizenship": "British citizenship (registration)",
}
OUTCOMES: dict[str, str] = {
    "pending": "Waiting for a decision",
    "settled": "Settled status granted",
    "pre_settled": "Pre-settled status granted",
    "refugee": "Refugee status granted",
    "humanitarian": "Humanitarian protection granted",
    "leave": "Leave to remain granted",
    "citizenship": "British citizenship granted",
    "refused": "Refused",
    "withdrawn": "Withdrawn",
}
# What the IRO list says about a child, in the order it sorts them.
NOT_MADE = "No application made"
REFUSED = "Refused or withdrawn: no status"
PENDING = "Waiting for a decision"
PRE_SETTLED = "Pre-settled status only"


_RANK = {"refused": 0, "withdrawn": 0, "pre_settled": 1} | {
    outcome: 2 for outcome in ("settled", "refugee", "humanitarian", "leave", "citizenship")
}


@dataclass(frozen=True, slots=True)
class ApplicationRecord:
    kind: str  # APPLICATION_KINDS
    made: date
    outcome: str = "pending"  # OUTCOMES
    decided: date | None = None


def attention(needs: str, applications: Sequence[ApplicationRecord], *, uasc: bool = False) -> str:
    """Why the child's immigration status should be raised at review, or "" when it need
    not be. `applications` in any order; the latest made decides."""
    if uasc and not any(a.kind == "asylum" for a in applications):
        return NOT_MADE
    if needs != "needs" and not uasc:
        return ""
    if any(a.outcome == "pending" for a in applications):
        return PENDING
    if not applications:
        return NOT_MADE
    # The latest decision; on the same day the better status (a grant over a refusal).
    latest = max(applications, key=lambda a: (a.decided or a.made, a.made, _RANK.get(a.outcome, 0)))
    if latest.outcome in ("refused", "withdrawn"):
        return REFUSED
    if latest.outcome == "pre_settled":
        return PRE_SETTLED
    return ""
