"""The review as the IRO runs it: IRO Hub's own code lists and core records for what happens
at and after the meeting (pure; no SSDA903 return carries these).

The database path (irohub.children.records) fills them; the SSDA903 path leaves them None,
which the measures read as "not held". Codes follow spec/measures.md: per-parent status
(M-PAR-04), the reason a review was late (M-REV-05's local list).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "CHAIRING",
    "LATE_REASONS",
    "MEETING_FORMATS",
    "NON_PARTICIPATION_REASONS",
    "PARENT_ROLES",
    "PARENT_STATUS",
    "PARENT_STATUS_OUTSIDE",
    "ParentPart",
    "PersonRecord",
    "ReviewDetails",
]

# M-PAR-04: each parent's (or other person with parental responsibility's) part in a review.
PARENT_STATUS: dict[str, str] = {
    "attended": "Attended",
    "contributed": "Contributed without attending (report, phone, through the IRO)",
    "invited_not_attended": "Invited, did not attend or contribute",
    "not_invited": "Not invited (give the reason)",
    "whereabouts_unknown": "Whereabouts unknown",
    "deceased": "Deceased",
    "not_relevant": "No parental responsibility, not relevant to this review",
}
# Parent-slots outside M-PAR-04's denominator.
PARENT_STATUS_OUTSIDE = frozenset({"deceased", "whereabouts_unknown", "not_relevant"})
ATTENDED = frozenset({"attended"})
PARTICIPATED = frozenset({"attended", "contributed"})

# Who the parents are, as the people around the child record them (children.PersonRole).
PARENT_ROLES: dict[str, str] = {
    "mother": "Mother",
    "father": "Father",
    "parent": "Parent",
    "other_parent": "Other person with parental responsibility",
}

# M-REV-05: the reason a review was late (spec's local code list).
LATE_REASONS: dict[str, str] = {
    "iro_unavailable": "IRO unavailable",
    "social_worker_unavailable": "Social worker unavailable",
    "child_unavailable": "Child unavailable",
    "parent_request": "Parent's request",
    "reports_not_ready": "Reports not ready",
    "administrative_error": "Administrative error",
    "other": "Other",
}

# Who chaired the meeting (the IRO chairs unless the child takes part of it or all of it).
CHAIRING: dict[str, str] = {
    "iro": "The IRO",
    "child": "The child chaired",
    "co_chaired": "The child and the IRO co-chaired",
    "partly": "The child chaired part of the meeting",
}

MEETING_FORMATS: dict[str, str] = {
    "in_person": "In person",
    "virtual": "Virtual (video or phone)",
    "hybrid": "Hybrid (some in person, some remote)",
}

# Why a child aged 4 or over did not take part (PN7: did not attend, views not conveyed).
NON_PARTICIPATION_REASONS: dict[str, str] = {
    "declined": "The child chose not to take part",
    "unwell": "The child was unwell or in hospital",
    "understanding": "Not appropriate given the child's age or understanding",
    "missing": "The child was missing",
    "not_told": "The child was not told about the review in time",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class ParentPart:
    """One parent's part in one review: who they are to the child, and their status."""

    role: str  # a key of PARENT_ROLES
    status: str  # a key of PARENT_STATUS


@dataclass(frozen=True, slots=True)
class ReviewDetails:
    """What IRO Hub records of a review beyond the SSDA903 items (None where not recorded)."""

    parents: tuple[ParentPart, ...] = ()
    late_reason: str = ""  # a key of LATE_REASONS, when the review was late
    spoke_before: bool | None = None  # the IRO saw or spoke to the child beforehand (IRO-4)
    report_received: date | None = None  # the social worker's report reached the IRO (REP-1)
    decisions_circulated: date | None = None  # REC-1
    record_distributed: date | None = None  # REC-2
    advocate_present: bool = False
    chairing: str = ""
    meeting_format: str = ""
    interpreter_used: bool | None = None
    adjournments: int = 0


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """Someone around the child in a role (mother, carer, advocate…) from `start` to `end`."""

    role: str
    start: date
    end: date | None = None

    def covers(self, first: date, last: date) -> bool:
        """In the role at some time from `first` to `last` (inclusive)."""
        return self.start <= last and (self.end is None or self.end >= first)
