"""The database itself refuses records that break the register's invariants, whichever
path writes them (form, import, admin, shell). Runs on SQLite and PostgreSQL."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from irohub.children.models import CarePeriod
from irohub.reviews.models import Review
from tests.factories import (
    AllocationFactory,
    CarePeriodFactory,
    ChildFactory,
    EpisodeFactory,
    IROFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def refused(make, match: str) -> None:
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        make()


def test_care_period_cannot_end_before_it_starts():
    refused(
        lambda: CarePeriodFactory(
            start=date(2022, 5, 1), end=date(2022, 4, 30), reason_ceased="E4A"
        ),
        "care_period_end_not_before_start",
    )


def test_care_period_end_needs_a_reason_that_ends_care():
    refused(
        lambda: CarePeriodFactory(start=date(2022, 5, 1), end=date(2022, 6, 1), reason_ceased=""),
        "care_period_reason_ceased_with_end",
    )
    # X1 continues care in a new episode: it cannot end a care period.
    refused(
        lambda: CarePeriodFactory(start=date(2022, 5, 1), end=date(2022, 6, 1), reason_ceased="X1"),
        "care_period_reason_ceased_with_end",
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2022, 3, 1), date(2022, 5, 1)),  # ends on the day the other begins
        (date(2022, 6, 1), None),  # open period inside the other
        (date(2022, 8, 31), date(2022, 9, 30)),  # starts on the other's last day
        (date(2021, 1, 1), None),  # open period that swallows the other
    ],
)
def test_care_periods_of_one_child_cannot_overlap(start, end):
    child = ChildFactory()
    CarePeriodFactory(
        child=child, start=date(2022, 5, 1), end=date(2022, 8, 31), reason_ceased="E4A"
    )
    refused(
        lambda: CarePeriodFactory(
            child=child, start=start, end=end, reason_ceased="E4A" if end else ""
        ),
        "care_period_no_overlap",
    )


def test_overlap_is_checked_on_update_too():
    child = ChildFactory()
    CarePeriodFactory(
        child=child, start=date(2022, 5, 1), end=date(2022, 8, 31), reason_ceased="E4A"
    )
    later = CarePeriodFactory(child=child, start=date(2022, 10, 1))
    later.start = date(2022, 8, 1)
    refused(later.save, "care_period_no_overlap")


def test_separate_periods_and_other_children_are_fine():
    child = ChildFactory()
    CarePeriodFactory(
        child=child, start=date(2022, 5, 1), end=date(2022, 8, 31), reason_ceased="E4A"
    )
    CarePeriodFactory(child=child, start=date(2022, 9, 1))  # the next day: a new care period
    CarePeriodFactory(start=date(2022, 5, 1))  # another child
    assert CarePeriod.objects.count() == 3


def test_allocations_of_one_child_cannot_overlap():
    child = ChildFactory()
    AllocationFactory(child=child, start=date(2022, 1, 1), end=date(2022, 6, 30))
    AllocationFactory(child=child, start=date(2022, 7, 1))
    refused(
        lambda: AllocationFactory(child=child, start=date(2022, 6, 30), iro=IROFactory()),
        "allocation_no_overlap",
    )


def test_episode_end_and_reason_ceased_go_together():
    refused(
        lambda: EpisodeFactory(end=date(2022, 1, 10), reason_ceased=""),
        "episode_reason_ceased_with_end",
    )
    refused(
        lambda: EpisodeFactory(start=date(2022, 1, 10), end=date(2022, 1, 9), reason_ceased="X1"),
        "episode_end_not_before_start",
    )


class TestReviewTrigger:
    def period(self, **child):
        return CarePeriodFactory(
            child=ChildFactory(**child),
            start=date(2022, 1, 10),
            end=date(2023, 1, 10),
            reason_ceased="E4A",
        )

    def test_review_before_the_period_is_refused(self):
        period = self.period()
        refused(
            lambda: ReviewFactory(care_period=period, held=date(2022, 1, 9)),
            "outside its care period",
        )

    def test_review_after_the_period_is_refused(self):
        period = self.period()
        refused(
            lambda: ReviewFactory(care_period=period, held=date(2023, 1, 11)),
            "outside its care period",
        )

    def test_review_on_the_first_and_last_day_is_allowed(self):
        period = self.period()
        ReviewFactory(care_period=period, held=date(2022, 1, 10))
        ReviewFactory(care_period=period, held=date(2023, 1, 10))

    def test_review_must_belong_to_the_periods_child(self):
        period = self.period()
        refused(
            lambda: ReviewFactory(care_period=period, child=ChildFactory(), held=date(2022, 2, 1)),
            "belongs to another child",
        )

    def test_pn0_only_under_4(self):
        period = self.period(date_of_birth=date(2018, 2, 1))
        ReviewFactory(care_period=period, held=date(2022, 1, 31), participation="PN0")  # aged 3
        refused(
            lambda: ReviewFactory(care_period=period, held=date(2022, 2, 1), participation="PN0"),
            "PN0",
        )  # 4th birthday

    def test_under_4_must_be_pn0(self):
        period = self.period(date_of_birth=date(2019, 6, 1))
        refused(
            lambda: ReviewFactory(care_period=period, held=date(2022, 3, 1), participation="PN1"),
            "PN0",
        )

    def test_one_review_a_day(self):
        period = self.period()
        ReviewFactory(care_period=period, held=date(2022, 2, 1))
        refused(
            lambda: ReviewFactory(care_period=period, held=date(2022, 2, 1)),
            "review_one_per_day|UNIQUE|unique",
        )

    def test_rows_inserted_together_are_checked_together(self):
        # One statement of many rows, as the SSDA903 import writes them (on PostgreSQL a
        # statement trigger checks them all at once).
        period = self.period(date_of_birth=date(2010, 1, 1))

        def review(held: date, participation: str = "PN1") -> Review:
            return Review(
                child=period.child, care_period=period, held=held, participation=participation
            )

        fine = [review(date(2022, 2, 1)), review(date(2022, 3, 1))]
        refused(lambda: Review.objects.bulk_create([*fine, review(date(2023, 2, 1))]), "outside")
        refused(lambda: Review.objects.bulk_create([*fine, review(date(2022, 4, 1), "PN0")]), "PN0")
        stranger = Review(
            child=ChildFactory(), care_period=period, held=date(2022, 5, 1), participation="PN1"
        )
        refused(lambda: Review.objects.bulk_create([*fine, stranger]), "another child")
        Review.objects.bulk_create(fine)
        assert period.reviews.count() == 2

    def test_update_is_checked_too(self):
        period = self.period()
        review = ReviewFactory(care_period=period, held=date(2022, 2, 1))
        review.held = date(2021, 12, 1)
        refused(review.save, "outside its care period")


def test_invariants_are_installed_after_migrate():
    """SQLite drops triggers when a later migration rebuilds a table; they are re-installed
    after every migrate, so the test database (fully migrated) must have them all."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
            assert {"care_period_no_overlap_insert", "allocation_no_overlap_update"} <= names
            assert sum(name.startswith("review_fits_period_and_age") for name in names) == 6
        else:
            cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'x'")
            assert {"care_period_no_overlap", "allocation_no_overlap"} <= {
                row[0] for row in cursor.fetchall()
            }
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            assert "review_fits_period_and_age" in {row[0] for row in cursor.fetchall()}
