"""The SSDA903 import writes planned values, not model objects (irohub.core.bulk: COPY on
PostgreSQL), and times a child new to the register whole, without the refresh after it: the
register it leaves is the one that importing the same history a year at a time leaves, the
review-clock cache is exactly what its owner (refresh_review_clock) would write, and the
planner's statistics are gathered once it commits. SQLite and PostgreSQL; synthetic data
only (irohub.demo.ssda903_out)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from irohub.allocation.models import Allocation
from irohub.children.actions import import_register
from irohub.children.clock import refresh_review_clock
from irohub.children.models import RETURN_ITEMS, AdoptionDecision, CarePeriod, Child, Episode
from irohub.children.ssda903_import import EPISODE_FIELDS, ImportSummary
from irohub.core.bulk import insert_rows, update_rows
from irohub.demo.ssda903_out import write_synthetic_returns
from irohub.reviews.models import Review
from irohub.ssda903.reader import read_returns

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("returns")
    write_synthetic_returns(children=250, years=3, seed=5, out=out, as_of=date(2025, 3, 31))
    return out


def import_folder(folder: Path) -> ImportSummary:
    result = read_returns(folder)
    assert result.register is not None, "\n".join(map(str, result.problems))
    return import_register(
        actor=None, register=result.register, data_to=result.data_to, locate=result.locate
    )


def register_by_identifier() -> dict[str, list[tuple]]:
    """Every row the import writes, by the child's identifier rather than by key."""
    return {
        "children": sorted(
            Child.objects.values_list("identifier", "first_name", "last_name", *RETURN_ITEMS)
        ),
        "care_periods": sorted(
            CarePeriod.objects.values_list(
                "child__identifier",
                "start",
                "end",
                "reason_ceased",
                "next_review_due",
                "reviews_held",
            ),
            key=repr,
        ),
        "episodes": sorted(
            Episode.objects.values_list(
                "care_period__child__identifier", "care_period__start", *EPISODE_FIELDS
            ),
            key=repr,
        ),
        "reviews": sorted(
            Review.objects.values_list(
                "child__identifier", "care_period__start", "held", "participation", "attendance"
            ),
            key=repr,
        ),
        "adoption_decisions": sorted(
            AdoptionDecision.objects.values_list(
                "child__identifier", "decided", "ceased", "reason_ceased"
            ),
            key=repr,
        ),
    }


def empty_the_register() -> None:
    Review.objects.all().delete()
    Allocation.objects.all().delete()
    Episode.objects.all().delete()
    AdoptionDecision.objects.all().delete()
    CarePeriod.objects.all().delete()
    Child.objects.all().delete()


def test_a_history_imported_at_once_is_the_history_imported_year_by_year(returns, tmp_path):
    years = sorted(p.name for p in returns.iterdir())
    assert len(years) == 3

    # At once: every child new to the register, timed whole as it is planned.
    at_once = import_folder(returns)
    assert at_once.children.created > 200 and at_once.reviews.created > 300
    several = CarePeriod.objects.values("child_id").annotate(n=Count("id")).filter(n__gt=1)
    assert several.exists(), "the set should hold children with more than one care period"
    assert refresh_review_clock() == 0  # the cache is what its owner would write
    whole = register_by_identifier()
    empty_the_register()

    # A year at a time: the first year's children are new; later years update them (their
    # periods end, episodes close, reviews are added) and bring new children.
    so_far = tmp_path / "so_far"
    for year in years:
        shutil.copytree(returns / year, so_far / year)
        summary = import_folder(so_far)
        assert refresh_review_clock() == 0
    assert summary.care_periods.updated > 0 and summary.episodes.updated > 0
    assert summary.children.created > 0 and summary.children.unchanged > 0
    assert register_by_identifier() == whole

    # Again: nothing changes.
    assert import_folder(returns).changed == 0
    assert register_by_identifier() == whole


def test_insert_rows_gives_keys_in_order_and_update_rows_sets_many_and_few():
    child = Child.objects.create(
        identifier="K1",
        first_name="A",
        last_name="B",
        date_of_birth=date(2012, 1, 1),
        sex="F",
        ethnicity="WBRI",
    )
    starts = [date(2020 + i // 12, i % 12 + 1, 1) for i in range(120)]
    names = ("child_id", "start", "end", "reason_ceased")
    keys = insert_rows(
        CarePeriod,
        names,
        [(child.pk, day, day.replace(day=20), "E4A") for day in starts],
    )
    assert keys == sorted(keys) and len(set(keys)) == len(starts)
    assert [CarePeriod.objects.get(pk=key).start for key in keys] == starts
    assert CarePeriod.objects.get(pk=keys[0]).reviews_held == 0  # the field's default
    # Many rows (a temporary table on PostgreSQL) and a few (one statement).
    for chosen in (keys, keys[:3]):
        update_rows(CarePeriod, ("reviews_held",), [(key, 7) for key in chosen])
        assert set(
            CarePeriod.objects.filter(pk__in=chosen).values_list("reviews_held", flat=True)
        ) == {7}
    update_rows(CarePeriod, ("reviews_held",), [(keys[-1], 2)])
    assert CarePeriod.objects.filter(reviews_held=7).count() == len(keys) - 1
    review = insert_rows(
        Review,
        ("child_id", "care_period_id", "held", "participation"),
        [(child.pk, keys[0], starts[0].replace(day=10), "PN1")],
    )
    assert Review.objects.get(pk=review[0]).attendance == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_the_planner_statistics_are_gathered_once_the_import_commits(
    returns, django_capture_on_commit_callbacks
):
    def planned_rows() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'reviews_review'")
            return cursor.fetchone()[0]

    with django_capture_on_commit_callbacks(execute=True):
        import_folder(returns)
    assert planned_rows() >= Review.objects.count() * 0.9


def test_the_findings_are_the_same_with_the_schedules_the_import_worked_out(returns):
    result = read_returns(returns)
    assert result.register is not None
    import_register(
        actor=None,
        register=result.register,
        data_to=result.data_to,
        locate=result.locate,
        timed=result.timed,
    )
    assert len(result.timed) > 100  # periods timed by the import, not again by the findings
    afresh = read_returns(returns)
    assert afresh.findings and result.findings == afresh.findings
