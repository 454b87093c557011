"""Writes to the workforce: each action validates, saves and writes the audit event in one
transaction (the figures cache notices the write itself: core.register_version). Refusals
are ValidationErrors keyed by the form field they are about, in words one can act on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from irohub.accounts.models import IRO, Team
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.core.formatting import long_date
from irohub.records.workforce import ABSENCE_REASONS, BASES, FIRO, ROLES
from irohub.records.workforce import IRO as IRO_ROLE
from irohub.workforce.models import Absence, Post, Terms
from irohub.workforce.queries import ReviewingOfficer

Actor = AbstractBaseUser | AnonymousUser | None


def _one_of(field: str, value: str, options: dict[str, str], what: str) -> None:
    if value not in options:
        raise ValidationError({field: f"Select {what} from the list"})


def _fte(field: str, fte: Decimal, what: str) -> None:
    if not Decimal(0) < fte <= Decimal(1):
        raise ValidationError({field: f"{what} must be more than 0 and no more than 1.00"})


def _in_order(start: date, end: date | None, what: str) -> None:
    if end is not None and end < start:
        raise ValidationError(
            {
                "end_date": f"The end date must be on or after the start of the {what} "
                f"({long_date(start)})"
            }
        )


def _person(key: str) -> tuple[IRO | None, Any]:
    """ "iro:3" or "firo:2" → (IRO, None) or (None, reviewing officer)."""
    kind, _, number = key.partition(":")
    if number.isascii() and number.isdigit():
        if kind == "iro":
            found = IRO.objects.select_related("user").filter(pk=int(number)).first()
            if found is not None:
                return found, None
        if kind == "firo":
            officer = ReviewingOfficer.objects.select_related("user").filter(pk=int(number))
            if officer.exists():
                return None, officer.get()
    raise ValidationError({"person": "Select the person from the list"})


def _in_post(person: Any, start: date, end: date | None, what: str) -> None:
    """The dates fall while the person is in post."""
    if start < person.start_date:
        raise ValidationError(
            {
                "start_date": f"{what} starts before {person} was in post "
                f"(from {long_date(person.start_date)})"
            }
        )
    if person.end_date is not None:
        if start > person.end_date:
            raise ValidationError(
                {
                    "start_date": f"{what} starts after {person} left "
                    f"(on {long_date(person.end_date)})"
                }
            )
        if end is None or end > person.end_date:
            raise ValidationError(
                {
                    "end_date": f"Enter an end date no later than {person}'s last day in post "
                    f"({long_date(person.end_date)})"
                }
            )


@transaction.atomic
def add_post(
    *,
    actor: Actor,
    role: str,
    team: Team | None,
    fte: Decimal,
    start_date: date,
    end_date: date | None = None,
    title: str = "",
) -> Post:
    """A post of the establishment: an IRO post belongs to a team; a foster carer reviewing
    officer post to none (reviewing officers have no IRO team)."""
    _one_of("role", role, ROLES, "the role")
    if role == IRO_ROLE and team is None:
        raise ValidationError({"team": "Select the team of the IRO post"})
    if role == FIRO and team is not None:
        raise ValidationError(
            {"team": "A foster carer reviewing officer post belongs to no team: choose “No team”"}
        )
    _fte("fte", fte, "The post's FTE")
    _in_order(start_date, end_date, "post")
    post = Post.objects.create(
        role=role, team=team, fte=fte, start_date=start_date, end_date=end_date, title=title
    )
    record_event(
        actor=actor,
        action=EventType.POST_ADDED,
        target=post,
        role=role,
        team=team.name if team else "",
        fte=str(fte),
        start=start_date.isoformat(),
        end=end_date.isoformat() if end_date else None,
    )
    return post


@transaction.atomic
def end_post(*, actor: Actor, post: Post, end_date: date) -> Post:
    """The post's last day (a post is ended, not deleted: the history by month keeps it)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    _in_order(post.start_date, end_date, "post")
    post.end_date = end_date
    post.save(update_fields=["end_date"])
    record_event(actor=actor, action=EventType.POST_ENDED, target=post, end=end_date.isoformat())
    return post


@transaction.atomic
def record_terms(
    *,
    actor: Actor,
    person: str,
    basis: str,
    fte: Decimal,
    start_date: date,
    end_date: date | None = None,
) -> Terms:
    """A person's terms between the dates: hours (FTE) and basis (employed, agency,
    interim). Where two terms cover a day, the one starting later counts."""
    iro, officer = _person(person)
    _one_of("basis", basis, BASES, "employed, agency or interim")
    _fte("fte", fte, "The FTE")
    _in_order(start_date, end_date, "terms")
    _in_post(iro or officer, start_date, end_date, "The terms")
    terms = Terms.objects.create(
        iro=iro,
        reviewing_officer=officer,
        basis=basis,
        fte=fte,
        start_date=start_date,
        end_date=end_date,
    )
    record_event(
        actor=actor,
        action=EventType.TERMS_RECORDED,
        target=terms,
        person=person,
        basis=basis,
        fte=str(fte),
        start=start_date.isoformat(),
        end=end_date.isoformat() if end_date else None,
    )
    return terms


def _overlapping(absence: Absence, start: date, end: date | None) -> bool:
    return (end is None or absence.start_date <= end) and (
        absence.end_date is None or absence.end_date >= start
    )


@transaction.atomic
def record_absence(
    *,
    actor: Actor,
    person: str,
    reason: str,
    start_date: date,
    end_date: date | None = None,
) -> Absence:
    """An absence of a person in post; one at a time (an absence that overlaps another of
    the same person is refused: end or change that one first)."""
    iro, officer = _person(person)
    _one_of("reason", reason, ABSENCE_REASONS, "the reason for the absence")
    _in_order(start_date, end_date, "absence")
    who = iro or officer
    _in_post(who, start_date, end_date, "The absence")
    same = Absence.objects.select_for_update().filter(iro=iro, reviewing_officer=officer)
    for other in same:
        if _overlapping(other, start_date, end_date):
            until = f" to {long_date(other.end_date)}" if other.end_date else " (not ended)"
            raise ValidationError(
                {
                    "start_date": f"{who} is already recorded as absent from "
                    f"{long_date(other.start_date)}{until}"
                }
            )
    absence = Absence.objects.create(
        iro=iro, reviewing_officer=officer, reason=reason, start_date=start_date, end_date=end_date
    )
    record_event(
        actor=actor,
        action=EventType.ABSENCE_RECORDED,
        target=absence,
        person=person,
        reason=reason,
        start=start_date.isoformat(),
        end=end_date.isoformat() if end_date else None,
    )
    return absence


@transaction.atomic
def end_absence(*, actor: Actor, absence: Absence, end_date: date) -> Absence:
    """The absence's last day."""
    absence = Absence.objects.select_for_update().get(pk=absence.pk)
    _in_order(absence.start_date, end_date, "absence")
    absence.end_date = end_date
    absence.save(update_fields=["end_date"])
    record_event(
        actor=actor, action=EventType.ABSENCE_ENDED, target=absence, end=end_date.isoformat()
    )
    return absence
