"""Reminders by e-mail: `irohub reminders send` delivers what is due to a real SMTP server
on 127.0.0.1 (aiosmtpd), the test reads the messages back, and a second run sends nothing
(a reminder is never sent twice)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from irohub.cli import main
from irohub.consultation import actions
from irohub.consultation.deadlines import deadlines_for
from irohub.core.calendar import get_calendar
from irohub.reminders.collect import before_reviews
from irohub.reminders.models import SentReminder
from tests.factories import (
    AllocationFactory,
    IROFactory,
    ReviewFactory,
    SocialWorkerAllocationFactory,
)
from tests.factories.records import child_in_care, user_with_role

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd calls it by this name
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "IRO Hub <iro-hub@example.org>"
    try:
        yield inbox
    finally:
        controller.stop()


def _send(capsys, *args: str) -> dict:
    assert main(["reminders", "send", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_due_reminders_are_delivered_once(smtp, capsys):
    today = timezone.localdate()
    iro_user = user_with_role("iro", username="iro.reminders", email="ada.iro@example.org")
    iro = IROFactory(user=iro_user)
    child = child_in_care(
        start=today - timedelta(days=5),
        date_of_birth=today.replace(year=today.year - 10),
        first_name="Noor",
    )
    AllocationFactory(child=child, iro=iro, start=today - timedelta(days=5))
    preparation = actions.prepare_review(actor=iro_user, child=child)
    actions.send_consultation(
        actor=iro_user,
        preparation=preparation,
        respondent="carer",
        name="Ms Carer",
        version="carer",
        email="carer@example.org",
    )
    # The working day before the review is due: invitations and the report are late, and
    # the carer's link expires soon.
    day = get_calendar().subtract_working_days(preparation.due, 1)
    smtp.messages.clear()  # the link e-mail itself, if it was delivered here
    result = _send(capsys, "--today", day.isoformat(), "--base-url", "https://iro.example.org")
    assert result == {
        "sent": 3,
        "by_kind": {"invitations": 1, "link": 1, "report": 1},
        "already_sent": 0,
    }
    received = {message["Subject"]: (to, message) for to, message in smtp.messages}
    assert len(smtp.messages) == 3
    due = deadlines_for(preparation.due)
    invitations = next(s for s in received if s.startswith("Review invitations due"))
    assert received[invitations][0] == ["ada.iro@example.org"]
    assert "Noor" in invitations
    report = next(s for s in received if s.startswith("Social worker's report due"))
    assert f"{due.report_by.day} " in report
    to, link_message = received["Reminder: The child's review: the carer's views"]
    assert to == ["carer@example.org"]
    assert link_message["From"] == "IRO Hub <iro-hub@example.org>"
    body = link_message.get_payload(decode=True).decode()
    address = next(line for line in body.splitlines() if "/have-your-say/" in line)
    assert address.startswith("https://iro.example.org/have-your-say/")
    # The reminded link opens the same single-use form.
    path = address.removeprefix("https://iro.example.org")
    assert Client().get(path).status_code == 200

    # Run again (the scheduled job runs every hour): nothing is sent twice.
    again = _send(capsys, "--today", day.isoformat(), "--base-url", "https://iro.example.org")
    assert again == {"sent": 0, "by_kind": {}, "already_sent": 3}
    assert len(smtp.messages) == 3
    assert SentReminder.objects.count() == 3


def test_nothing_due_sends_nothing(smtp, capsys):
    assert _send(capsys) == {"sent": 0, "by_kind": {}, "already_sent": 0}
    assert smtp.messages == []


def test_bad_arguments_are_named(capsys):
    assert main(["reminders", "send", "--today", "5/1/2026"]) == 2
    assert "--today '5/1/2026' is not a date like 2026-01-05" in capsys.readouterr().err
    assert main(["reminders", "send", "--base-url", "iro.example.org"]) == 2
    assert "is not a web address" in capsys.readouterr().err
    assert main(["reminders", "sned"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_after_the_review_decisions_record_and_actions(smtp, capsys):
    from irohub.reviews.models import ReviewAction
    from irohub.statutory.review_record import record_deadlines

    today = timezone.localdate()
    iro_user = user_with_role("iro", username="iro.after", email="bea.iro@example.org")
    iro = IROFactory(user=iro_user)
    worker = user_with_role("iro", username="sw.after", email="sam.sw@example.org")
    child = child_in_care(
        start=today - timedelta(days=120),
        date_of_birth=today.replace(year=today.year - 9),
        first_name="Ola",
    )
    held = today - timedelta(days=40)
    review = ReviewFactory(
        care_period=child.care_periods.get(), held=held, chair=iro, participation="PN1"
    )
    ReviewAction.objects.create(
        review=review,
        decision="Arrange weekly family time with Ola's brother",
        owner="Sam (social worker)",
        owner_user=worker,
        due=today - timedelta(days=1),
    )
    ReviewAction.objects.create(
        review=review, decision="Done already", owner="Carer", due=today, completed=today
    )
    due = record_deadlines(held, calendar=get_calendar())
    assert due.record_due < today  # 20 working days after 40 days ago: passed
    result = _send(capsys)
    assert result["by_kind"] == {"action": 1, "decisions": 1, "record": 1}
    by_subject = {message["Subject"]: to for to, message in smtp.messages}
    overdue_action = next(s for s in by_subject if s.startswith("Review action overdue"))
    assert by_subject[overdue_action] == ["sam.sw@example.org"]
    assert any(s.startswith("Review full record distributed overdue") for s in by_subject)
    # Recorded as done: no more reminders, and nothing is sent twice.
    review.decisions_circulated = review.record_distributed = today
    review.save()
    assert _send(capsys) == {"sent": 0, "by_kind": {}, "already_sent": 1}


def test_collecting_reminders_reads_in_a_fixed_number_of_queries():
    """The job reads each review's IRO, social worker and checklist for the whole list at
    once: the queries do not grow with the number of reviews due."""
    today = timezone.localdate()
    iro = IROFactory(user=user_with_role("iro", username="iro.many", email="many@example.org"))

    def add_children(count: int) -> None:
        for _ in range(count):
            child = child_in_care(
                start=today - timedelta(days=5), date_of_birth=today.replace(year=today.year - 9)
            )
            AllocationFactory(child=child, iro=iro, start=today - timedelta(days=5))
            SocialWorkerAllocationFactory(child=child, start=today - timedelta(days=5))
            actions.prepare_review(actor=iro.user, child=child)

    def collected() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            found = before_reviews(today + timedelta(days=15), "https://iro.example.org")
        return len(queries.captured_queries), len(found)

    add_children(2)
    few_queries, few_reminders = collected()
    add_children(8)
    many_queries, many_reminders = collected()
    assert many_reminders > few_reminders > 0
    assert many_queries == few_queries
