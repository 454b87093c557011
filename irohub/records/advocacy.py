"""Advocacy referrals: the reasons and outcomes a council records (pure).

The reasons are Central Bedfordshire's table of referrals by reason (2017/18, 5.13) with
the spec's list (M-PAR-05: review participation, complaint, placement change, care
proceedings or legal status change, leaving care, other).
"""

from __future__ import annotations

__all__ = ["OUTCOMES", "REASONS"]

REASONS: dict[str, str] = {
    "meetings": "Support at meetings (including reviews)",
    "relationships": "Relationships",
    "placement": "Placement issues",
    "complaint": "Complaint",
    "leaving_care": "Leaving care",
    "legal": "Care proceedings or a change of legal status",
    "uasc": "Unaccompanied asylum seeking",
    "finance": "Finance",
    "services": "Access to services",
    "name_change": "Support with a name change",
    "other": "Other",
}

OUTCOMES: dict[str, str] = {
    "open": "Still open",
    "advocate_allocated": "Advocate allocated",
    "issue_resolved": "Issue resolved",
    "declined": "Declined by the young person",
    "not_eligible": "Not eligible",
    "closed_no_contact": "Closed: no contact",
}
