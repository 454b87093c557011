"""The SSDA903 import's bulk writes (COPY on PostgreSQL, bulk_create on SQLite), planned and
written chunk by chunk in one transaction: a problem in a later chunk, or a refusal by the
database itself, leaves nothing written. SQLite and PostgreSQL; synthetic data only."""

from __future__ import annotations

import sys
import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from irohub.audit.models import AuditEvent
from irohub.children import actions, ssda903_import
from irohub.children.actions import import_register
from irohub.children.clock import refresh_review_clock
from irohub.children.models import CarePeriod, Child, Episode
from irohub.children.ssda903_import import ImportPlan, ImportProblems, instance
from irohub.core.bulk import WriteBehind, checked_as_written
from irohub.records.register import (
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.reviews.models import Review

pytestmark = pytest.mark.django_db


def child(identifier: str, *, review: date | None, end: date | None = None) -> ChildRecord:
    start = date(2024, 5, 1)
    episode = EpisodeRecord(
        start, "S", "C2", "N1", "U4", end=end, reason_ceased="E4A" if end else ""
    )
    period = CarePeriodRecord(
        start, end, (episode,), (ReviewRecord(review, "PN1"),) if review else ()
    )
    return ChildRecord(identifier, date(2012, 5, 1), "M", "WBRI", periods=(period,))


def counts() -> tuple[int, int, int, int, int]:
    return (
        Child.objects.count(),
        CarePeriod.objects.count(),
        Episode.objects.count(),
        Review.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_rows_and_their_keys_are_written_and_the_clock_cache_too():
    register = Register(
        children=(child("K1", review=date(2024, 5, 20)), child("K2", review=date(2024, 6, 1)))
    )
    summary = import_register(actor=None, register=register, data_to=date(2025, 3, 31))
    assert summary.children.created == 2 and summary.reviews.created == 2
    for identifier, held in (("K1", date(2024, 5, 20)), ("K2", date(2024, 6, 1))):
        period = CarePeriod.objects.get(child__identifier=identifier)
        review = Review.objects.get(care_period=period)
        assert review.child_id == period.child_id and review.held == held
        assert review.attendance == [] and review.chair is None
        assert period.episodes.get().legal_status == "C2"
        assert period.reviews_held == 1 and period.next_review_due is not None
    # The clock cache is what the clock's owner would write: refreshing changes nothing.
    assert refresh_review_clock() == 0
    # New rows made after the import take the next keys (the sequences moved on).
    later = Child.objects.create(
        identifier="K3",
        first_name="A",
        last_name="B",
        date_of_birth=date(2012, 1, 1),
        sex="F",
        ethnicity="WBRI",
    )
    assert later.pk > max(Child.objects.exclude(pk=later.pk).values_list("pk", flat=True))


def test_a_problem_in_a_later_chunk_leaves_the_chunks_before_it_unwritten(monkeypatch):
    monkeypatch.setattr(ssda903_import, "CHUNK", 1)
    register = Register(
        children=(
            child("A1", review=date(2024, 6, 1)),
            child("B2", review=date(2024, 6, 1)),
            # Its review is after its period ended: the plan refuses it.
            child("C3", review=date(2024, 9, 1), end=date(2024, 8, 1)),
            child("D4", review=date(2024, 6, 1), end=date(2024, 8, 1)),
        )
    )
    before = counts()
    with pytest.raises(ImportProblems) as refused:
        import_register(actor=None, register=register, data_to=date(2025, 3, 31))
    (problem,) = refused.value.problems
    assert (problem.file, problem.column) == ("child C3", "REVIEW")
    assert "outside its care period" in problem.reason
    assert counts() == before


@pytest.mark.parametrize("chunk", [1, ssda903_import.CHUNK])
def test_a_refusal_by_the_database_itself_is_reported_and_nothing_is_written(monkeypatch, chunk):
    # The plan mirrors the database's rules; if it ever missed one, the database refuses
    # the rows (here an episode ending before it began) and the import says so. With a
    # child a chunk, the refusal comes from the second chunk's writes, on the writing
    # thread, after the first chunk's were written.
    monkeypatch.setattr(ssda903_import, "CHUNK", chunk)
    monkeypatch.setattr(ImportPlan, "_check_values", lambda self, record: None)
    # An open episode with a reason it ceased: the database's episode_reason_ceased_with_end.
    start = date(2024, 5, 1)
    episode = EpisodeRecord(start, "S", "C2", "N1", "U4", reason_ceased="E4A")
    period = CarePeriodRecord(start, None, (episode,))
    broken = ChildRecord("E5", date(2012, 5, 1), "M", "WBRI", periods=(period,))
    before = counts()
    with pytest.raises(ImportProblems) as refused:
        import_register(
            actor=None,
            register=Register(children=(child("A1", review=date(2024, 6, 1)), broken)),
            data_to=date(2025, 3, 31),
        )
    problem = refused.value.problems[-1]
    assert problem.file == "database"
    assert problem.reason.startswith("the database refused it: ")
    assert counts() == before


def test_each_chunk_is_written_on_a_second_thread_in_the_import_s_transaction(monkeypatch):
    monkeypatch.setattr(ssda903_import, "CHUNK", 2)
    writers: list[int] = []
    write_chunk = actions._write_chunk

    def watched(writes: ssda903_import.Writes) -> None:
        writers.append(threading.get_ident())
        write_chunk(writes)

    monkeypatch.setattr(actions, "_write_chunk", watched)
    identifiers = ["W1", "W2", "W3", "W4", "W5"]
    register = Register(children=tuple(child(i, review=date(2024, 6, 1)) for i in identifiers))
    summary = import_register(actor=None, register=register, data_to=date(2025, 3, 31))
    assert summary.children.created == 5 and summary.reviews.created == 5
    assert len(writers) == 3 and threading.get_ident() not in writers
    assert sorted(Child.objects.values_list("identifier", flat=True)) == identifiers
    assert Review.objects.count() == 5 and refresh_review_clock() == 0
    # The writer's rows and this thread's audit event went in together.
    assert AuditEvent.objects.filter(action="ssda903.imported").count() == 1


def new_child(identifier: str) -> Child:
    return Child.objects.create(
        identifier=identifier,
        first_name="A",
        last_name="B",
        date_of_birth=date(2012, 1, 1),
        sex="F",
        ethnicity="WBRI",
    )


def test_write_behind_works_in_the_caller_s_transaction_and_raises_its_errors_on_wait():
    interval = sys.getswitchinterval()
    with transaction.atomic():
        with WriteBehind() as behind:
            behind.submit(lambda: new_child("T1"))
            behind.wait()
            # The caller sees the row at once: one transaction, one connection.
            assert Child.objects.filter(identifier="T1").exists()
            behind.submit(lambda: 1 / 0)
            with pytest.raises(ZeroDivisionError):
                behind.wait()
        transaction.set_rollback(True)
    assert not Child.objects.filter(identifier="T1").exists()
    assert sys.getswitchinterval() == interval


def test_write_behind_raises_a_last_error_left_unwaited_when_it_ends():
    with pytest.raises(ZeroDivisionError), transaction.atomic(), WriteBehind() as behind:
        behind.submit(lambda: 1 / 0)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="deferred foreign keys are PostgreSQL's"
)
def test_foreign_keys_are_checked_as_written_then_deferred_again():
    with transaction.atomic():
        with checked_as_written(), pytest.raises(IntegrityError), transaction.atomic():
            CarePeriod.objects.create(child_id=987654321, start=date(2024, 5, 1))
        # Deferred again: the same row is refused only at the commit, not here.
        with transaction.atomic():
            CarePeriod.objects.create(child_id=987654321, start=date(2024, 5, 1))
            transaction.set_rollback(True)


def test_instance_is_the_model_with_its_defaults_and_values():
    parent = instance(Child, identifier="X1", first_name="Child", last_name="X1")
    made = instance(Review, child=parent, held=date(2024, 5, 1), participation="PN1")
    model = Review(child=parent, held=date(2024, 5, 1), participation="PN1")
    assert made.child is parent and made.child_id is None
    assert made.attendance == [] and made.attendance is not model.attendance
    for name in ("id", "care_period_id", "held", "participation", "chair_id", "attendance"):
        assert getattr(made, name) == getattr(model, name)
    assert made._state.adding and instance(Child).sex == Child().sex
