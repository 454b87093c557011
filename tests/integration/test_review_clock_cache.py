"""The next review due date stored on a care period is a cache of the rules core: every
change moves it at once, and recomputing everything changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from irohub.children.clock import refresh_review_clock
from irohub.core.calendar import get_calendar
from irohub.core.models import CalendarAdjustment
from irohub.reviews.actions import record_review
from irohub.statutory import review_schedule
from tests.factories import CarePeriodFactory, ChildFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    # The spec's CLI example: looked after from Mon 6 Dec 2021.
    period = CarePeriodFactory(
        child=ChildFactory(date_of_birth=date(2010, 3, 3)), start=date(2021, 12, 6)
    )
    refresh_review_clock([period.id])
    period.refresh_from_db()
    return period


def test_new_period_is_due_its_first_review_within_20_working_days(period):
    assert period.next_review_due == date(2022, 1, 6)
    assert period.reviews_held == 0


def test_recording_a_review_moves_the_next_due_date(period, admin_user):
    record_review(actor=admin_user, child=period.child, held=date(2022, 1, 4), participation="PN1")
    period.refresh_from_db()
    assert (period.reviews_held, period.next_review_due) == (1, date(2022, 4, 4))

    # A day late: the reason is needed (M-REV-05).
    late = record_review(
        actor=admin_user,
        child=period.child,
        held=date(2022, 4, 5),
        participation="PN6",
        late_reason="iro_unavailable",
    )
    assert late.late_reason == "iro_unavailable"
    period.refresh_from_db()
    assert (period.reviews_held, period.next_review_due) == (2, date(2022, 10, 5))


def test_recording_a_review_is_audited(period, admin_user):
    from irohub.audit.models import AuditEvent

    review = record_review(
        actor=admin_user, child=period.child, held=date(2022, 1, 4), participation="PN1"
    )
    event = AuditEvent.objects.get(action="review.recorded")
    assert (event.actor_username, event.target_id, event.child_id) == (
        admin_user.username,
        str(review.pk),
        period.child_id,
    )


@pytest.mark.parametrize(
    ("held", "participation", "field", "message"),
    [
        (date(2021, 12, 5), "PN1", "held", "was not looked after on 5 December 2021"),
        (date(2022, 1, 4), "PN0", "participation", "PN0 is only for children under 4"),
        (date(2022, 1, 4), "PN9", "participation", "not a participation code"),
        (date(2099, 1, 4), "PN1", "held", "cannot be in the future"),
    ],
)
def test_record_review_explains_bad_input(period, admin_user, held, participation, field, message):
    with pytest.raises(ValidationError) as error:
        record_review(actor=admin_user, child=period.child, held=held, participation=participation)
    assert message in " ".join(error.value.message_dict[field])
    period.refresh_from_db()
    assert period.reviews_held == 0


def test_under_4_must_be_pn0(admin_user):
    baby = ChildFactory(date_of_birth=date(2021, 6, 1))
    CarePeriodFactory(child=baby, start=date(2021, 12, 6))
    with pytest.raises(
        ValidationError, match="under 4 on 4 January 2022, so participation must be PN0"
    ):
        record_review(actor=admin_user, child=baby, held=date(2022, 1, 4), participation="PN1")
    record_review(actor=admin_user, child=baby, held=date(2022, 1, 4), participation="PN0")


def test_a_second_review_on_the_same_day_is_refused(period, admin_user):
    record_review(actor=admin_user, child=period.child, held=date(2022, 1, 4), participation="PN1")
    with pytest.raises(ValidationError, match="already recorded"):
        record_review(
            actor=admin_user, child=period.child, held=date(2022, 1, 4), participation="PN1"
        )


def test_a_proclaimed_holiday_moves_the_first_review(period):
    # Suppose a one-off holiday were proclaimed for Wed 5 Jan 2022: the 20th working day
    # moves from Thu 6 Jan to Fri 7 Jan.
    CalendarAdjustment.objects.create(date=date(2022, 1, 5), name="Proclaimed holiday (test)")
    assert not get_calendar().is_working_day(date(2022, 1, 5))
    refresh_review_clock()
    period.refresh_from_db()
    assert period.next_review_due == date(2022, 1, 7)


def test_an_adjustment_made_in_the_administration_pages_moves_the_cached_clock(
    period, client, admin_user
):
    # core's admin says the calendar changed; the children app's review clock listens.
    client.force_login(admin_user)
    added = client.post(
        reverse("admin:core_calendaradjustment_add"),
        {"date": "2022-01-05", "name": "Proclaimed holiday (test)", "kind": "holiday"},
    )
    assert added.status_code == 302
    period.refresh_from_db()
    assert period.next_review_due == date(2022, 1, 7)
    adjustment = CalendarAdjustment.objects.get(date=date(2022, 1, 5))
    removed = client.post(
        reverse("admin:core_calendaradjustment_delete", args=[adjustment.pk]), {"post": "yes"}
    )
    assert removed.status_code == 302
    period.refresh_from_db()
    assert period.next_review_due == date(2022, 1, 6)


def test_refreshing_everything_matches_the_rules_core():
    periods = []
    for number in range(30):
        child = ChildFactory(date_of_birth=date(2008, 1, 1))
        period = CarePeriodFactory(child=child, start=date(2019, 1, 1 + number % 28))
        for held in (date(2019, 2, 1), date(2019, 5, 1), date(2019, 11, 1))[: number % 4]:
            ReviewFactory(care_period=period, held=held)
        periods.append(period)
    assert refresh_review_clock() == 30
    assert refresh_review_clock() == 0  # nothing stale the second time
    for period in periods:
        period.refresh_from_db()
        held = list(period.reviews.values_list("held", flat=True))
        expected = review_schedule(period.start, held, calendar=get_calendar())
        assert (period.next_review_due, period.reviews_held) == (expected.next_due, len(held))
