"""Which reminders are due on a day (reads only; the sending is irohub.reminders.actions).

Each reminder has a `key` naming what it is about and which deadline; a key is sent once
ever (SentReminder), so the scheduled job can run as often as it likes.

- Before a review (irohub.statutory.review_preparation, the council's lead times): the
  invitations, the social worker's report (to the social worker, else the IRO) and the
  consultation links, each from `LOOKAHEAD_WORKING_DAYS` working days before its deadline
  until the review's day if still not done;
- to a child, parent or carer who has not answered a consultation link e-mailed to them,
  `LOOKAHEAD_WORKING_DAYS` working days before it expires;
- after a review: the decisions (REC-1) and the record (REC-2), and agreed actions not
  done (irohub.reminders.after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q

from irohub.children.models import CarePeriod
from irohub.children.queries import current_holders, iro_of, social_worker_of
from irohub.consultation.deadlines import deadlines_for
from irohub.consultation.links import token_for
from irohub.consultation.models import ConsultationRequest, ReviewPreparation
from irohub.core.calendar import get_calendar
from irohub.core.formatting import long_date
from irohub.records.consultation import form_for

LOOKAHEAD_WORKING_DAYS = 2
# Reviews due this far ahead are looked at (the longest lead time is 10 working days).
HORIZON_DAYS = 31


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str
    recipient: str
    subject: str
    body: str
    child_id: int | None = None


def _starts(deadline: date) -> date:
    """The day a reminder about `deadline` starts being sent."""
    return get_calendar().subtract_working_days(deadline, LOOKAHEAD_WORKING_DAYS)


def before_reviews(today: date, base_url: str) -> list[Reminder]:
    """Reminders about reviews due from today to HORIZON_DAYS ahead whose preparation is
    not done."""
    periods = list(
        CarePeriod.objects.filter(
            end__isnull=True,
            next_review_due__gte=today,
            next_review_due__lte=today + timedelta(days=HORIZON_DAYS),
        )
        .select_related("child")
        .prefetch_related(*current_holders(today, via="child"))
        .order_by("next_review_due", "id")
    )
    # Each review's checklist, read for the whole list at once (never a query per review).
    preparations = {
        (preparation.child_id, preparation.due): preparation
        for preparation in ReviewPreparation.objects.filter(
            child__in=[period.child_id for period in periods], review__isnull=True
        )
        .prefetch_related("requests", "responses")
        .order_by("-pk")
    }
    reminders: list[Reminder] = []
    for period in periods:
        child, due = period.child, period.next_review_due
        assert due is not None
        preparation = preparations.get((child.pk, due))
        deadlines = deadlines_for(due)
        iro = iro_of(child)
        iro_email = iro.user.email if iro is not None else ""
        page = f"{base_url}/children/{child.pk}/review-preparation/"
        about = f"{child.first_name} {child.last_name} ({child.identifier})"
        if (
            iro_email
            and _starts(deadlines.invitations_by) <= today
            and not (preparation and preparation.invitations_sent)
        ):
            reminders.append(
                Reminder(
                    f"invitations:{child.pk}:{due.isoformat()}",
                    "invitations",
                    iro_email,
                    f"Review invitations due by {long_date(deadlines.invitations_by)}: {about}",
                    f"The review for {about} is due by {long_date(due)}. The invitations "
                    f"should go out by {long_date(deadlines.invitations_by)}.\n\n"
                    f"Record them on the checklist: {page}\n",
                    child.pk,
                )
            )
        if (
            _starts(deadlines.consultation_sent_by) <= today
            and not (preparation and (preparation.requests.all() or preparation.responses.all()))
            and iro_email
        ):
            reminders.append(
                Reminder(
                    f"consultation:{child.pk}:{due.isoformat()}",
                    "consultation",
                    iro_email,
                    f"Consultation not sent yet: {about}",
                    f"No consultation has been sent or received for {about}'s review, due "
                    f"by {long_date(due)}. Send the links by "
                    f"{long_date(deadlines.consultation_sent_by)}: {page}\n",
                    child.pk,
                )
            )
        if _starts(deadlines.report_by) <= today and not (
            preparation and preparation.report_received
        ):
            worker = social_worker_of(child)
            lead = settings.IROHUB_REPORT_LEAD_WORKING_DAYS
            to = worker.user.email if worker is not None and worker.user.email else iro_email
            if to:
                reminders.append(
                    Reminder(
                        f"report:{child.pk}:{due.isoformat()}",
                        "report",
                        to,
                        f"Social worker's report due by {long_date(deadlines.report_by)}: {about}",
                        f"The review for {about} is due by {long_date(due)}. The social "
                        "worker's report should reach the IRO by "
                        f"{long_date(deadlines.report_by)} ({lead} working days before).\n",
                        child.pk,
                    )
                )
    return reminders


def unanswered_links(today: date, base_url: str) -> list[Reminder]:
    """A reminder to each person who was e-mailed a link and has not answered, shortly
    before the link expires (a fresh signature of the same link: it is still single-use)."""
    if not base_url:
        return []
    requests = ConsultationRequest.objects.filter(
        ~Q(email=""), used__isnull=True, expires__gte=today
    ).select_related("preparation")
    reminders = []
    for request in requests.order_by("expires", "id"):
        if _starts(request.expires) > today:
            continue
        form = form_for(request.version)
        address = f"{base_url}/have-your-say/{token_for(request.pk, request.nonce)}/"
        reminders.append(
            Reminder(
                f"link:{request.pk}",
                "link",
                request.email,
                f"Reminder: {form.title}",
                f"Hello {request.name},\n\nThere is still time to tell us what you think. "
                f"The link works until {long_date(request.expires)}:\n{address}\n\n"
                "If you would rather talk, tell your IRO.\n",
                request.preparation.child_id,
            )
        )
    return reminders


def due_reminders(today: date, base_url: str) -> list[Reminder]:
    from irohub.reminders.after import after_reviews  # it builds on Reminder, above

    return (
        before_reviews(today, base_url)
        + unanswered_links(today, base_url)
        + after_reviews(today, base_url)
    )
