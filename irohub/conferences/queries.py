"""Reads for child protection: a child's cases with every conference timed by the rules
core, the open case, and the IROs who may chair. A child's cases are read in three
queries however long their history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from irohub.accounts.models import IRO
from irohub.children.models import Child
from irohub.conferences.clock import first_due, schedule_for
from irohub.conferences.models import CONFERENCE_ATTENDEES, Conference, ProtectionCase
from irohub.core.calendar import get_calendar
from irohub.core.formatting import DUE_TAG_CLASSES
from irohub.records.codes import CONFERENCE_DECISION
from irohub.statutory import DueStatus, add_months, due_status
from irohub.statutory.conferences import ConferenceStart, conference_kind

__all__ = [
    "CaseView",
    "ConferenceLine",
    "chair_for",
    "chairs_in_post",
    "child_protection",
    "next_conference_due",
    "open_case",
]


@dataclass(frozen=True)
class ConferenceLine:
    conference: Conference
    kind: str  # "initial", "review", "transfer-in", "pre-birth initial"
    due: date
    on_time: bool
    days_late: int

    @property
    def decision(self) -> str:
        return CONFERENCE_DECISION.get(self.conference.decision, self.conference.decision)

    @property
    def attended(self) -> str:
        return ", ".join(CONFERENCE_ATTENDEES[key] for key in self.conference.attendance) or "None"


@dataclass(frozen=True)
class CaseView:
    """One case as the child's page shows it: each conference against the deadline that
    was live for it, and the next one due (None when the case has ended)."""

    case: ProtectionCase
    conferences: list[ConferenceLine]
    next_due: date | None
    next_kind: str
    status: DueStatus
    book_by: date | None
    first_due: date | None  # a pre-birth initial conference's local target
    today: date

    @property
    def tag_class(self) -> str:
        return DUE_TAG_CLASSES[self.status]

    @property
    def over_18_months(self) -> bool:
        """An open plan that has lasted more than 18 months (a sign of drift)."""
        start = self.case.plan_start
        return start is not None and self.case.ended is None and add_months(start, 18) < self.today


def child_protection(child: Child, *, today: date) -> list[CaseView]:
    """The child's cases, latest first, each with its conferences timed (three queries)."""
    calendar = get_calendar()
    cases = list(
        ProtectionCase.objects.filter(child=child)
        .select_related("chair__user")
        .prefetch_related("conferences__chair__user")
        .order_by("-start", "-id")
    )
    views = []
    for case in cases:
        held = sorted(case.conferences.all(), key=lambda c: c.held)
        schedule = schedule_for(case, [c.held for c in held])
        begins = ConferenceStart(case.begins)
        lines = [
            ConferenceLine(
                conference=conference,
                kind=conference_kind(timing.number, begins),
                due=timing.due,
                on_time=timing.on_time,
                days_late=timing.days_late,
            )
            for conference, timing in zip(held, schedule.reviews, strict=True)
        ]
        views.append(
            CaseView(
                case=case,
                conferences=lines,
                next_due=schedule.next_due,
                next_kind=conference_kind(len(lines) + 1, begins),
                status=due_status(schedule.next_due, today, calendar=calendar),
                book_by=schedule.book_by,
                first_due=first_due(case),
                today=today,
            )
        )
    return views


def open_case(child: Child) -> ProtectionCase | None:
    """The child's open case, if any (the database allows at most one)."""
    return (
        ProtectionCase.objects.filter(child=child, ended__isnull=True)
        .select_related("chair__user", "child")
        .first()
    )


def next_conference_due(child: Child) -> date | None:
    case = open_case(child)
    return case.next_conference_due if case else None


def chairs_in_post(day: date) -> QuerySet[IRO]:
    """The IROs in post on `day`, who may chair a conference then."""
    return (
        IRO.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name")
    )


def chair_for(user: Any) -> IRO | None:
    """The signed-in person's IRO profile, if they have one (they usually chair)."""
    if not user.is_authenticated:
        return None
    return IRO.objects.filter(user_id=user.pk).first()
