"""Reminders after a review (REC-1, REC-2) and about agreed actions (reads only).

- The decisions circulated within 5 working days and the full record within 20 (the rules
  core's `record_deadlines`): to the IRO who chaired, from `LOOKAHEAD_WORKING_DAYS` before
  the deadline, and once more the day after it if still not done;
- an agreed action not done: to its owner when they have an IRO Hub account (a social
  worker), else to the chair, from `LOOKAHEAD_WORKING_DAYS` before it is due, and once
  more when overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

from irohub.core.calendar import get_calendar
from irohub.core.formatting import long_date
from irohub.reminders.collect import LOOKAHEAD_WORKING_DAYS, Reminder
from irohub.reviews.models import Review, ReviewAction
from irohub.statutory.review_record import record_deadlines

# Reviews held this far back are looked at (20 working days is under six weeks).
LOOKBACK_DAYS = 60


def _stage(deadline: date, today: date) -> str | None:
    """'due' from a few working days before the deadline, 'overdue' after it, else None."""
    if today > deadline:
        return "overdue"
    if get_calendar().subtract_working_days(deadline, LOOKAHEAD_WORKING_DAYS) <= today:
        return "due"
    return None


def after_reviews(today: date, base_url: str) -> list[Reminder]:
    calendar = get_calendar()
    reviews = (
        Review.objects.filter(held__gte=today - timedelta(days=LOOKBACK_DAYS), held__lte=today)
        .filter(chair__isnull=False)
        .select_related("child", "chair__user")
        .order_by("held", "id")
    )
    reminders: list[Reminder] = []
    for review in reviews:
        to = review.chair.user.email
        if not to:
            continue
        child = review.child
        about = f"{child.first_name} {child.last_name} ({child.identifier})"
        page = f"{base_url}/children/{child.pk}/" if base_url else ""
        due = record_deadlines(review.held, calendar=calendar)
        for kind, deadline, done, what in (
            ("decisions", due.decisions_due, review.decisions_circulated, "decisions circulated"),
            ("record", due.record_due, review.record_distributed, "full record distributed"),
        ):
            stage = None if done else _stage(deadline, today)
            if stage is None:
                continue
            late = stage == "overdue"
            reminders.append(
                Reminder(
                    f"{kind}{'-overdue' if late else ''}:{review.pk}",
                    kind,
                    to,
                    f"Review {what} {'overdue since' if late else 'due by'} "
                    f"{long_date(deadline)}: {about}",
                    f"The review held on {long_date(review.held)} for {about} needs its "
                    f"{what} by {long_date(deadline)}"
                    f"{' — that day has passed' if late else ''}.\n{page}\n",
                    child.pk,
                )
            )
    actions = (
        ReviewAction.objects.filter(
            completed__isnull=True, due__lte=today + timedelta(days=LOOKBACK_DAYS)
        )
        .select_related("review__child", "review__chair__user", "owner_user")
        .order_by("due", "id")
    )
    for action in actions:
        stage = _stage(action.due, today)
        if stage is None:
            continue
        review, child = action.review, action.review.child
        owner = action.owner_user.email if action.owner_user is not None else ""
        chair = review.chair.user.email if review.chair is not None else ""
        to = owner or chair
        if not to:
            continue
        late = stage == "overdue"
        about = f"{child.first_name} {child.last_name} ({child.identifier})"
        reminders.append(
            Reminder(
                f"action{'-overdue' if late else ''}:{action.pk}",
                "action",
                to,
                f"Review action {'overdue since' if late else 'due by'} "
                f"{long_date(action.due)}: {about}",
                f"Agreed at the review on {long_date(review.held)} for {about}, "
                f"for {action.owner}:\n\n{action.decision}\n\nDue by {long_date(action.due)}.\n",
                child.pk,
            )
        )
    return reminders
