"""The review at and after the meeting: each parent's part, why the child did not take
part, who chaired, how it was held, an interpreter, adjournment, why it was late; then the
decisions and actions, the record's dates and the letter to the child; and early reviews.
Every bad input is refused with a message naming what and where."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.children.models import PersonAroundChild
from irohub.reviews.actions import (
    add_review_action,
    ask_for_early_review,
    complete_review_action,
    record_after_meeting,
    record_review,
)
from irohub.reviews.models import Review, ReviewParent
from irohub.reviews.queries import overdue_actions, review_page
from irohub.statutory import StepStatus
from tests.factories import (
    ChildFactory,
    PersonAroundChildFactory,
    ReviewActionFactory,
    ReviewFactory,
)
from tests.factories.records import add_period, child_in_care, iro_in_post

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def iro():
    return iro_in_post(username="iro-ann", first_name="Ann", last_name="Reviewer")


@pytest.fixture
def family():
    """Looked after from Monday 1 December 2025 (first review due Wednesday 31 December,
    over Christmas), aged 10, with a mother and a father with parental responsibility."""
    child = ChildFactory(first_name="Amira", date_of_birth=date(2015, 5, 1))
    add_period(child, start=date(2025, 12, 1))
    mother = PersonAroundChildFactory(child=child, name="Sara Khan", start=date(2025, 12, 1))
    father = PersonAroundChildFactory(
        child=child,
        role="father",
        name="Omar Khan",
        relationship="birth father",
        start=date(2025, 12, 1),
    )
    return child, mother, father


def record(actor, child, **fields):
    arguments = {
        "held": date(2025, 12, 30),
        "participation": "PN1",
        "meeting_format": "in_person",
        **fields,
    }
    return record_review(actor=actor, child=child, **arguments)


def test_first_review_over_christmas_is_due_31_december(family):
    child, _, _ = family
    # 20 working days from 1 December 2025: 25 and 26 December skipped.
    assert child.care_periods.get().next_review_due == date(2025, 12, 31)


def test_each_parents_part_is_kept_and_audited(iro, family):
    child, mother, father = family
    review = record(
        iro.user,
        child,
        parents={mother.pk: ("attended", ""), father.pk: ("not_invited", "Court order")},
        chairing="co_chaired",
        interpreter_used=True,
        meeting_format="hybrid",
    )
    parts = {p.person.name: (p.status, p.reason) for p in review.parents.all()}
    assert parts == {"Sara Khan": ("attended", ""), "Omar Khan": ("not_invited", "Court order")}
    assert (review.chairing, review.meeting_format, review.interpreter_used) == (
        "co_chaired",
        "hybrid",
        True,
    )
    event = AuditEvent.objects.get(action="review.recorded")
    assert event.details["parents"] == {str(mother.pk): "attended", str(father.pk): "not_invited"}


def test_a_parent_status_missing_is_refused(iro, family):
    child, mother, father = family
    with pytest.raises(ValidationError) as error:
        record(iro.user, child, parents={mother.pk: ("attended", "")})
    assert error.value.message_dict[f"parent_{father.pk}"] == [
        "Select how Omar Khan (father) took part in the review"
    ]
    assert not Review.objects.exists()


def test_not_invited_needs_a_reason_and_a_stranger_is_refused(iro, family):
    child, mother, father = family
    stranger = PersonAroundChildFactory(name="Not Family")
    with pytest.raises(ValidationError) as error:
        record(
            iro.user,
            child,
            parents={
                mother.pk: ("not_invited", " "),
                father.pk: ("maybe", ""),
                stranger.pk: ("attended", ""),
            },
        )
    messages = error.value.message_dict
    assert messages[f"parent_{mother.pk}_reason"] == ["Give the reason Sara Khan was not invited"]
    assert messages[f"parent_{father.pk}"] == ["Select how Omar Khan took part in the review"]
    assert "not one of the child's parents" in messages[f"parent_{stranger.pk}"][0]


def test_a_parent_who_ended_before_the_review_needs_no_status(iro, family):
    child, mother, father = family
    father.end = date(2025, 12, 10)
    father.save()
    review = record(iro.user, child, parents={mother.pk: ("contributed", "")})
    assert list(review.parents.values_list("status", flat=True)) == ["contributed"]


def test_a_late_review_with_no_reason_is_refused(iro, family):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("deceased", "")}
    # Due Wednesday 31 December 2025; held Friday 2 January 2026 is late (1 January is a
    # bank holiday: one working day late).
    with pytest.raises(ValidationError) as error:
        record(iro.user, child, held=date(2026, 1, 2), parents=parents)
    assert error.value.message_dict["late_reason"] == [
        "The review was due by 31 December 2025: select why it was late"
    ]
    assert not Review.objects.exists()
    review = record(
        iro.user, child, held=date(2026, 1, 2), parents=parents, late_reason="child_unavailable"
    )
    assert review.late_reason == "child_unavailable"
    with pytest.raises(ValidationError, match="is not one of the choices"):
        record(iro.user, child, held=date(2026, 1, 5), parents=parents, late_reason="snow")


def test_an_on_time_review_keeps_no_late_reason(iro, family):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("whereabouts_unknown", "")}
    review = record(iro.user, child, parents=parents, late_reason="iro_unavailable")
    assert review.late_reason == ""


def test_pn7_needs_the_reason_the_child_did_not_take_part(iro, family):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("attended", "")}
    with pytest.raises(ValidationError) as error:
        record(iro.user, child, participation="PN7", parents=parents)
    assert error.value.message_dict["non_participation_reason"] == [
        "Select why Amira did not take part in the review (PN7)"
    ]
    review = record(
        iro.user, child, participation="PN7", parents=parents, non_participation_reason="declined"
    )
    assert review.non_participation_reason == "declined"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"adjournments": 1}, "first_session", "Enter the date of the first session"),
        (
            {"adjournments": 1, "first_session": date(2025, 12, 31)},
            "first_session",
            "must be on or before the date the review was completed",
        ),
        ({"first_session": date(2025, 12, 22)}, "first_session", "only for an adjourned"),
        ({"chairing": "the cat"}, "chairing", "is not one of the choices for who chaired"),
        ({"meeting_format": "by pigeon"}, "meeting_format", "how the meeting was held"),
    ],
)
def test_bad_meeting_details_are_refused(iro, family, fields, field, message):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("attended", "")}
    with pytest.raises(ValidationError) as error:
        record(iro.user, child, parents=parents, **fields)
    assert message in error.value.message_dict[field][0]


def test_an_adjourned_review_shows_its_adj1_deadline_and_a_second_adjournment(iro, family):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("attended", "")}
    review = record(
        iro.user,
        child,
        parents=parents,
        adjournments=2,
        first_session=date(2025, 12, 12),
        held=date(2025, 12, 30),
        adjournment_reason="Health assessment missing",
    )
    page = review_page(review, TODAY)
    # 20 working days from Friday 12 December 2025: Christmas and New Year skipped.
    assert page.adjournment.completion_due == date(2026, 1, 14)
    assert page.adjournment.too_many_adjournments and not page.adjournment.compliant


def test_record_deadlines_and_dates_after_the_meeting(iro, family):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("attended", "")}
    review = record(iro.user, child, held=date(2025, 12, 19), parents=parents)
    page = review_page(review, date(2026, 1, 10))
    # REC-E1: decisions by 30 December 2025, the record by 21 January 2026.
    assert page.deadlines == (date(2025, 12, 30), date(2026, 1, 21))
    assert page.decisions_status is StepStatus.OVERDUE
    assert page.record_status is StepStatus.DUE
    record_after_meeting(
        actor=iro.user,
        review=review,
        decisions_circulated=date(2025, 12, 31),
        record_distributed=date(2026, 1, 21),
        letter_to_child="Dear Amira, we talked about school...",
        letter_sent=date(2026, 1, 21),
    )
    page = review_page(review, date(2026, 1, 22))
    assert page.decisions_status is StepStatus.DONE_LATE
    assert page.record_status is StepStatus.DONE_ON_TIME
    event = AuditEvent.objects.get(action="review.record_updated")
    assert event.details["changed"] == [
        "decisions_circulated",
        "record_distributed",
        "letter_to_child",
        "letter_sent",
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"decisions_circulated": date(2025, 12, 18)}, "decisions_circulated", "cannot be before"),
        ({"record_distributed": TODAY + timedelta(days=1)}, "record_distributed", "future"),
        ({"letter_sent": date(2025, 12, 22)}, "letter_to_child", "Write the letter"),
    ],
)
def test_bad_dates_after_the_meeting_are_refused(iro, family, fields, field, message):
    child, _, _ = family
    review = ReviewFactory(care_period=child.care_periods.get(), held=date(2025, 12, 19))
    arguments = {
        "decisions_circulated": None,
        "record_distributed": None,
        "letter_to_child": "",
        "letter_sent": None,
        **fields,
    }
    with pytest.raises(ValidationError) as error:
        record_after_meeting(actor=iro.user, review=review, **arguments)
    assert message in error.value.message_dict[field][0]


def test_actions_have_an_owner_and_a_due_date_and_show_overdue(iro, family):
    child, _, _ = family
    review = ReviewFactory(care_period=child.care_periods.get(), held=date(2025, 12, 19))
    action = add_review_action(
        actor=iro.user,
        review=review,
        decision="Health assessment",
        owner="",
        owner_user=iro.user,
        due=date(2026, 1, 16),
    )
    assert action.owner == "Ann Reviewer"
    assert overdue_actions([child.pk], date(2026, 1, 17)) == {child.pk: 1}
    assert overdue_actions([child.pk], date(2026, 1, 16)) == {}
    with pytest.raises(ValidationError) as error:
        add_review_action(
            actor=iro.user, review=review, decision=" ", owner="", due=date(2025, 1, 1)
        )
    assert set(error.value.message_dict) == {"decision", "owner", "due"}
    complete_review_action(actor=iro.user, action=action, completed=date(2026, 1, 20))
    assert overdue_actions([child.pk], date(2026, 2, 1)) == {}
    with pytest.raises(ValidationError, match="already done"):
        complete_review_action(actor=iro.user, action=action, completed=date(2026, 1, 21))
    assert [line.status for line in review_page(review, TODAY).actions] == [StepStatus.DONE_LATE]


def test_an_early_review_brings_the_next_review_forward_and_a_held_review_restarts(iro, family):
    child, mother, father = family
    parents = {mother.pk: ("attended", ""), father.pk: ("attended", "")}
    record(iro.user, child, held=date(2025, 12, 19), parents=parents)
    period = child.care_periods.get()
    period.refresh_from_db()
    assert period.next_review_due == date(2026, 3, 19)  # 3 months after the first review
    # The IRO asks for a review on Monday 5 January 2026 (ER-1): due 20 working days later.
    request = ask_for_early_review(
        actor=iro.user, child=child, trigger="ER-1", raised=date(2026, 1, 5)
    )
    assert request.due == date(2026, 2, 2)
    period.refresh_from_db()
    assert period.next_review_due == date(2026, 2, 2)
    # Held on 28 January 2026: the second review; the third is 6 months after it.
    record(iro.user, child, held=date(2026, 1, 28), parents=parents)
    period.refresh_from_db()
    assert (period.reviews_held, period.next_review_due) == (2, date(2026, 7, 28))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"trigger": "ER-9"}, "trigger", "Select what brings the review forward"),
        ({"trigger": "ER-6"}, "event_date", "enter the date the change takes effect"),
        (
            {"trigger": "ER-6", "event_date": date(2026, 1, 5)},
            "event_date",
            "must be after the day it was raised",
        ),
        ({"raised": TODAY + timedelta(days=1)}, "raised", "cannot be in the future"),
        ({"raised": date(2025, 11, 1)}, "raised", "was not looked after on"),
    ],
)
def test_bad_early_review_triggers_are_refused(iro, family, fields, field, message):
    child, _, _ = family
    arguments = {"trigger": "ER-1", "raised": date(2026, 1, 5), **fields}
    with pytest.raises(ValidationError) as error:
        ask_for_early_review(actor=iro.user, child=child, **arguments)
    assert message in error.value.message_dict[field][0]


def test_the_parent_attendance_key_becomes_a_part_per_parent():
    """Migration reviews 0004: a review whose attendance said `parent` gets one part
    "attended" for a parent whose name was not recorded; the key goes."""
    from importlib import import_module

    migration = import_module("irohub.reviews.migrations.0004_parents_one_by_one")
    child = child_in_care(start=date(2024, 1, 8), date_of_birth=date(2012, 1, 1))
    period = child.care_periods.get()
    with_parent = ReviewFactory(
        care_period=period, held=date(2024, 2, 1), attendance=["child", "parent"]
    )
    without = ReviewFactory(care_period=period, held=date(2024, 5, 1), attendance=["child"])
    again = ReviewFactory(care_period=period, held=date(2024, 11, 1), attendance=["parent"])
    migration.forwards(apps, None)
    with_parent.refresh_from_db()
    assert with_parent.attendance == ["child"]
    (placeholder,) = PersonAroundChild.objects.filter(child=child)
    assert (placeholder.name, placeholder.role, placeholder.parental_responsibility) == (
        "Parent (name not recorded)",
        "parent",
        True,
    )
    assert placeholder.start == date(2024, 1, 8)
    assert set(ReviewParent.objects.values_list("review_id", "status")) == {
        (with_parent.pk, "attended"),
        (again.pk, "attended"),
    }
    assert not without.parents.exists()
    migration.backwards(apps, None)
    with_parent.refresh_from_db()
    assert with_parent.attendance == ["parent", "child"]
    assert not PersonAroundChild.objects.exists()


def test_the_review_page_and_the_forms_refuse_bad_input(client, iro, family):
    child, mother, father = family
    review = ReviewFactory(care_period=child.care_periods.get(), held=date(2025, 12, 19))
    ReviewActionFactory(review=review, due=date(2026, 1, 9))
    client.force_login(iro.user)
    page = client.get(reverse("review", args=[review.pk])).content.decode()
    assert "30 December 2025" in page and "21 January 2026" in page
    assert "Overdue" in page
    response = client.post(
        reverse("add_review_action", args=[review.pk]),
        {"decision": "", "owner": "", "due_day": "1", "due_month": "13", "due_year": "2026"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the decision or action agreed" in html
    assert "Due by must be a real date" in html
    response = client.post(
        reverse("review", args=[review.pk]),
        {
            "decisions_circulated_day": "18",
            "decisions_circulated_month": "12",
            "decisions_circulated_year": "2025",
        },
    )
    assert "cannot be before the review, on 19 December 2025" in response.content.decode()
    # The record-review form asks each parent, and says which is missing.
    response = client.post(
        reverse("record_review", args=[child.pk]),
        {
            "held_day": "30",
            "held_month": "12",
            "held_year": "2025",
            "participation": "PN1",
            "chair": iro.pk,
            "chairing": "iro",
            "meeting_format": "virtual",
            "interpreter_used": "no",
            "adjourned": "no",
            f"parent_{mother.pk}": "attended",
        },
    )
    html = response.content.decode()
    assert f'href="#id_parent_{father.pk}_0"' in html
    assert "Select how Omar Khan (father) took part in the review" in html


def test_overdue_actions_show_on_the_iros_caseload(client, iro):
    from tests.factories import AllocationFactory

    child = child_in_care(
        start=TODAY - timedelta(days=200), date_of_birth=date(2014, 1, 1), first_name="Zara"
    )
    AllocationFactory(child=child, iro=iro, start=TODAY - timedelta(days=200))
    review = ReviewFactory(care_period=child.care_periods.get(), held=TODAY - timedelta(days=100))
    ReviewActionFactory(review=review, due=TODAY - timedelta(days=5))
    ReviewActionFactory(review=review, due=TODAY - timedelta(days=4))
    ReviewActionFactory(review=review, due=TODAY - timedelta(days=6), completed=TODAY)
    ReviewActionFactory(review=review, due=TODAY)  # due today: not overdue yet
    client.force_login(iro.user)
    page = client.get(reverse("caseload")).content.decode()
    assert "2 actions overdue" in page


def test_an_action_owned_by_the_social_worker_shows_overdue_on_their_children(client, iro):
    from tests.factories import SocialWorkerAllocationFactory
    from tests.factories.workspace import social_worker_with_role

    social_worker = social_worker_with_role(first_name="Sam", last_name="Worker")
    child = child_in_care(
        start=TODAY - timedelta(days=200), date_of_birth=date(2014, 1, 1), first_name="Zara"
    )
    SocialWorkerAllocationFactory(
        child=child, social_worker=social_worker, start=TODAY - timedelta(days=200)
    )
    review = ReviewFactory(care_period=child.care_periods.get(), held=TODAY - timedelta(days=100))
    # The IRO gives the action to the social worker's account.
    client.force_login(iro.user)
    due = TODAY - timedelta(days=3)
    response = client.post(
        reverse("add_review_action", args=[review.pk]),
        {
            "decision": "Update the care plan",
            "owner": "",
            "owner_user": social_worker.user.pk,
            "due_day": str(due.day),
            "due_month": str(due.month),
            "due_year": str(due.year),
        },
    )
    assert response.status_code == 302
    action = review.actions.get()
    assert (action.owner_user, action.owner) == (social_worker.user, "Sam Worker")
    client.force_login(social_worker.user)
    page = client.get(reverse("my_children")).content.decode()
    assert "Zara" in page and "1 review action overdue" in page
