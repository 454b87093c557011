"""Reads of reviews: the page after the meeting, who can own an action, and the actions
overdue on a caseload."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from irohub.core.calendar import get_calendar
from irohub.reviews.models import Review, ReviewAction, ReviewParent
from irohub.statutory import (
    AdjournmentCheck,
    RecordDeadlines,
    StepStatus,
    adjournment_check,
    record_deadlines,
    step_status,
)

# The roles whose holders can be named as an action's owner by their account.
ACTION_OWNER_ROLES = ("iro", "social_worker", "social_work_manager")


@dataclass(frozen=True)
class ActionLine:
    action: ReviewAction
    status: StepStatus


@dataclass(frozen=True)
class ReviewPage:
    """What the page after the meeting shows: deadlines (REC-1, REC-2, ADJ-1) and where
    each step stands, each parent's part and the decisions and actions."""

    deadlines: RecordDeadlines
    decisions_status: StepStatus
    record_status: StepStatus
    adjournment: AdjournmentCheck | None
    parents: list[ReviewParent]
    actions: list[ActionLine]


def review_page(review: Review, today: date) -> ReviewPage:
    calendar = get_calendar()
    deadlines = record_deadlines(review.held, calendar=calendar)
    adjournment = (
        adjournment_check(
            review.first_session,
            review.held,
            adjournments=review.adjournments,
            calendar=calendar,
        )
        if review.adjournments and review.first_session
        else None
    )
    return ReviewPage(
        deadlines=deadlines,
        decisions_status=step_status(deadlines.decisions_due, review.decisions_circulated, today),
        record_status=step_status(deadlines.record_due, review.record_distributed, today),
        adjournment=adjournment,
        parents=list(review.parents.select_related("person").order_by("id")),
        actions=[
            ActionLine(action, step_status(action.due, action.completed, today))
            for action in review.actions.select_related("owner_user").order_by("due", "id")
        ],
    )


def action_owners(review: Review) -> QuerySet[Any]:
    """Accounts an action can be given to: IROs and social workers in post."""
    return (
        get_user_model()
        .objects.filter(is_active=True, roles__role__in=ACTION_OWNER_ROLES)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def overdue_actions(child_ids: Iterable[int], today: date) -> dict[int, int]:
    """How many review actions are overdue (not done, due before `today`) for each of the
    given children (one query)."""
    counts: dict[int, int] = {}
    rows = ReviewAction.objects.filter(
        review__child_id__in=list(child_ids), completed__isnull=True, due__lt=today
    ).values_list("review__child_id", flat=True)
    for child_id in rows:
        counts[child_id] = counts.get(child_id, 0) + 1
    return counts
