"""Writes to the register: each action validates, saves, audits and keeps the review clock
cache in step, in one transaction. The SSDA903 import and the administration pages write
through here too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from irohub.audit.actions import delete_audited, record_event, save_audited
from irohub.audit.events import REGISTER, EventType
from irohub.children.clock import refresh_review_clock
from irohub.children.models import (
    NO_PR_ROLES,
    CarePeriod,
    Child,
    Episode,
    PersonAroundChild,
    PersonRole,
    PreferredContact,
    SocialWorkerAllocation,
    early_review_model,
    review_model,
)
from irohub.children.ssda903_import import (
    ImportPlan,
    ImportProblems,
    ImportSummary,
    Locate,
    Writes,
    chunks,
    imported_tables,
    nowhere,
)
from irohub.core.bulk import WriteBehind, checked_as_written
from irohub.core.formatting import long_date
from irohub.core.statistics import refresh_planner_statistics
from irohub.records.register import Register
from irohub.ssda903.problems import Problem, without_cycle_collection
from irohub.statutory import ReviewSchedule


def lock_care_period(care_period_id: int) -> CarePeriod:
    """The care period, locked until the transaction ends. Every write to a care period
    (a review recorded, the period ended) takes this lock first, so two at once take turns:
    the second sees what the first saved (a same-day review is refused, not a 500) and the
    review-clock cache is written from both. PostgreSQL locks the row (SELECT … FOR
    UPDATE); SQLite's transactions take the write lock when they begin (settings)."""
    return CarePeriod.objects.select_for_update().get(pk=care_period_id)


# --- the child's social worker ---------------------------------------------------------------


@transaction.atomic
def allocate_social_worker(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    child: Child,
    social_worker: Any,
    start: date,
) -> SocialWorkerAllocation:
    """Record that `social_worker` holds the child from `start`: the allocation live then
    ends the day before (kept, not overwritten), and a later one already recorded is refused
    (history is added in order). A restricted record names the new social worker, so the
    person who holds the child can open it (ADR 0012)."""
    Child.objects.select_for_update().filter(pk=child.pk).first()  # one change at a time
    if social_worker.end_date is not None and social_worker.end_date < start:
        raise ValidationError(
            f"{social_worker} left on {social_worker.end_date:%d/%m/%Y}, before {start:%d/%m/%Y}."
        )
    later = child.social_worker_allocations.filter(start__gte=start).order_by("start").first()
    if later is not None:
        raise ValidationError(
            f"{child.full_name} already has {later.social_worker} from "
            f"{later.start:%d/%m/%Y}: a change must start after that."
        )
    current = child.social_worker_allocations.filter(end__isnull=True).first()
    if current is not None:
        if current.social_worker_id == social_worker.pk:
            raise ValidationError(f"{social_worker} already holds {child.full_name}.")
        current.end = start - timedelta(days=1)
        current.save(update_fields=["end"])
    allocation = SocialWorkerAllocation.objects.create(
        child=child, social_worker=social_worker, start=start
    )
    if child.restricted:
        child.restricted_to.add(social_worker.user)
    record_event(
        actor=actor,
        action=EventType.SOCIAL_WORKER_ALLOCATED,
        target=allocation,
        child_id=child.pk,
        social_worker=str(social_worker),
        team=str(social_worker.team),
        start=start.isoformat(),
        ended_previous=current.pk if current is not None else None,
    )
    return allocation


# --- the SSDA903 import ----------------------------------------------------------------------


def import_register(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    register: Register,
    data_to: date | None = None,
    locate: Locate | None = None,
    dry_run: bool = False,
    details: Mapping[str, Any] | None = None,
    timed: dict[int, ReviewSchedule | None] | None = None,
) -> ImportSummary:
    """Upsert `register` into the database in one transaction, all or nothing (see
    irohub.children.ssda903_import).

    `data_to` is the last day the records speak for; `locate` turns ("header" | "episode" |
    "review", child, date) into the file and row it came from, for the report; `dry_run`
    does everything, then rolls it back; `timed` gathers the review schedules worked out on
    the way (irohub.ssda903.reader.ReadResult.timed), so the reader's findings need not
    work them out again. Raises ImportProblems, writing nothing.
    """
    plan = ImportPlan(data_to=data_to, locate=locate or nowhere, timed=timed)
    plan.summary.dry_run = dry_run
    children = sorted(register.children, key=lambda c: c.child_id)
    # One pass, in one transaction: each chunk is planned, then written on a second thread
    # while the next is planned (planning is Python, writing mostly the database server's
    # work: the two take both cores). From the first problem on nothing more is written,
    # every other problem is still found, and the transaction is rolled back (all or
    # nothing). Planning makes millions of small objects and no cycles: the cycle collector
    # would walk the whole register again and again.
    with transaction.atomic(), without_cycle_collection():
        with checked_as_written(), WriteBehind() as behind:
            batches = list(chunks(children))
            held = plan.held(batches[0]) if batches else {}
            for at, chunk in enumerate(batches):
                if plan.problems:
                    plan.check(chunk, held)
                    writes = None
                else:
                    writes = plan.writes(chunk, held)
                # The chunk before is written by now: the database is this thread's again.
                _wait_for_writes(behind, plan)
                if at + 1 < len(batches):
                    held = plan.held(batches[at + 1])
                if writes is not None and not plan.problems:
                    behind.submit(partial(_write_chunk, writes))
            _wait_for_writes(behind, plan)
        if plan.problems:
            raise ImportProblems(plan.problems)
        # One event for the whole import, which concerns the register rather than one record.
        record_event(
            actor=actor,
            action=EventType.SSDA903_IMPORTED,
            target=REGISTER,
            **{**(details or {}), **plan.summary.as_dict(), "dry_run": dry_run},
        )
        if dry_run:
            transaction.set_rollback(True)
        elif plan.summary.changed:
            # Tables grown by thousands of rows look empty to PostgreSQL's planner until
            # ANALYZE: the first pages after an import would be slow (ADR 0022).
            transaction.on_commit(lambda: refresh_planner_statistics(tables=imported_tables()))
    return plan.summary


def _write_chunk(writes: Writes) -> None:
    touched = writes.apply()
    if touched:
        refresh_review_clock(sorted(set(touched)))


def _wait_for_writes(behind: WriteBehind, plan: ImportPlan) -> None:
    try:
        behind.wait()
    except (IntegrityError, DataError) as error:
        # Planning mirrors every rule the database keeps; this is the safety net.
        plan.problems.append(
            Problem("database", None, None, None, f"the database refused it: {error}")
        )
        raise ImportProblems(plan.problems) from error


# --- the register in the administration pages -------------------------------------------------

KEPT = (
    "IRO Hub keeps a child's reviews: a record with reviews cannot be deleted here "
    "(records past their retention date are deleted by the retention process)"
)


def child_id_of(record: models.Model) -> int | None:
    """The child a register record belongs to (None for one that belongs to no one child)."""
    if isinstance(record, Child):
        return record.pk
    if isinstance(record, Episode):
        return record.care_period.child_id
    review = getattr(record, "review", None)  # a review's parts and actions
    if review is not None and not hasattr(record, "child_id"):
        return review.child_id
    return getattr(record, "child_id", None)


def kept_reviews(record: models.Model) -> QuerySet[Any]:
    """The reviews deleting `record` would delete with it: a child's, or a care period's."""
    reviews = review_model().objects
    if isinstance(record, Child):
        return reviews.filter(child_id=record.pk)
    if isinstance(record, CarePeriod):
        return reviews.filter(care_period_id=record.pk)
    return reviews.none()


def _refresh_clock_of(record: models.Model) -> None:
    if isinstance(record, CarePeriod):
        refresh_review_clock([record.pk])
    elif isinstance(record, (review_model(), early_review_model(), Episode)):
        refresh_review_clock([record.care_period_id])


@transaction.atomic
def save_register_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    record: models.Model,
    created: bool,
    changed: Sequence[str] = (),
    purpose: str = "administration",
) -> models.Model:
    """Save a register record edited outside IRO Hub's own forms (the administration pages),
    keep the review clock in step, and audit it: which fields changed."""
    save_audited(
        actor=actor,
        record=record,
        created=created,
        changed=changed,
        child_id=child_id_of(record),
        purpose=purpose,
    )
    _refresh_clock_of(record)
    return record


@transaction.atomic
def delete_register_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    record: models.Model,
    purpose: str = "administration",
) -> None:
    """Delete a register record, audited; refused (ValidationError) when reviews would go
    with it: records are kept."""
    if kept_reviews(record).exists():
        raise ValidationError(KEPT)
    period_id = getattr(record, "care_period_id", None)
    delete_audited(actor=actor, record=record, child_id=child_id_of(record), purpose=purpose)
    if period_id is not None:
        refresh_review_clock([period_id])


def refuse_deletion(
    *, actor: AbstractBaseUser | AnonymousUser | None, record: models.Model, reason: str
) -> None:
    """Audit an attempt to delete a record that is kept."""
    record_event(
        actor=actor,
        action=EventType.ADMIN_DELETE_REFUSED,
        target=record,
        child_id=child_id_of(record),
        purpose="administration",
        record=str(record),
        reason=reason,
    )


# --- the people around the child ---------------------------------------------------------------

# What a person's record holds besides the child and the dates it covers.
PERSON_DETAILS = (
    "role",
    "name",
    "relationship",
    "parental_responsibility",
    "address",
    "phone",
    "email",
    "preferred_contact",
)


def _person_errors(details: Mapping[str, Any], start: date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    role = details.get("role")
    if role not in PersonRole.values:
        errors["role"] = f"{role!r} is not one of the roles a person can have to the child"
    elif role in NO_PR_ROLES and details.get("parental_responsibility"):
        errors["parental_responsibility"] = (
            f"An {PersonRole(role).label.lower()} does not hold parental responsibility "
            "as such: record them again in their other role"
        )
    if not str(details.get("name") or "").strip():
        errors["name"] = "Enter the person's name"
    preferred = details.get("preferred_contact") or ""
    # The way they prefer to be reached needs the detail it uses.
    reach = {"phone": "phone", "text": "phone", "email": "email", "post": "address"}
    needed = reach.get(preferred)
    if preferred and preferred not in PreferredContact.values:
        errors["preferred_contact"] = f"{preferred!r} is not a way of contacting someone"
    elif needed and not str(details.get(needed) or "").strip():
        what = {"phone": "phone number", "email": "e-mail address", "address": "address"}
        errors[needed] = (
            f"Enter their {what[needed]}: they prefer to be contacted by "
            f"{PreferredContact(preferred).label.lower()}"
        )
    if start is not None and start > timezone.localdate():
        errors["start"] = "The start date cannot be in the future"
    return errors


@transaction.atomic
def add_person(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    child: Child,
    start: date,
    **details: Any,
) -> PersonAroundChild:
    """Add a parent, carer, advocate, independent visitor or other person to the child's
    record from `start`. `details` are the PERSON_DETAILS fields."""
    unknown = set(details) - set(PERSON_DETAILS)
    if unknown:
        raise TypeError(f"unknown details: {', '.join(sorted(unknown))}")
    if errors := _person_errors(details, start):
        raise ValidationError(errors)
    person = PersonAroundChild.objects.create(child=child, start=start, **details)
    record_event(
        actor=actor,
        action=EventType.PERSON_ADDED,
        target=person,
        child_id=child.pk,
        role=person.role,
        start=start.isoformat(),
    )
    return person


@transaction.atomic
def change_person(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    person: PersonAroundChild,
    **details: Any,
) -> PersonAroundChild:
    """Correct or update a person's details (contact details, relation, parental
    responsibility). The dates they held the role are not changed here: `end_person` ends
    a role, and a new role is a new record, so the history is never overwritten. The audit
    names the fields changed, never their values (contact details are personal data)."""
    unknown = set(details) - set(PERSON_DETAILS)
    if unknown:
        raise TypeError(f"unknown details: {', '.join(sorted(unknown))}")
    merged = {name: getattr(person, name) for name in PERSON_DETAILS} | details
    if errors := _person_errors(merged, None):
        raise ValidationError(errors)
    changed = [name for name in PERSON_DETAILS if getattr(person, name) != merged[name]]
    if not changed:
        return person
    for name in changed:
        setattr(person, name, merged[name])
    person.save(update_fields=changed)
    record_event(
        actor=actor,
        action=EventType.PERSON_CHANGED,
        target=person,
        child_id=person.child_id,
        changed=changed,
    )
    return person


@transaction.atomic
def end_person(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    person: PersonAroundChild,
    end: date,
    reason: str = "",
) -> PersonAroundChild:
    """End a person's role in the child's life on `end` (kept, never deleted)."""
    if person.end is not None:
        raise ValidationError(
            {"end": f"{person.name}'s role already ended on {long_date(person.end)}"}
        )
    if end < person.start:
        raise ValidationError(
            {"end": f"The end date cannot be before they started, on {long_date(person.start)}"}
        )
    if end > timezone.localdate():
        raise ValidationError({"end": "The end date cannot be in the future"})
    person.end = end
    person.end_reason = reason.strip()
    person.save(update_fields=["end", "end_reason"])
    record_event(
        actor=actor,
        action=EventType.PERSON_ENDED,
        target=person,
        child_id=person.child_id,
        end=end.isoformat(),
    )
    return person
