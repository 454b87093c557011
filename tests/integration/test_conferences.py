"""Child protection in the register: starting a case, recording conferences, ending a plan.
The next conference due date is a cache of the rules core (one rule, one place); every bad
input is refused with a message naming the field; the figures come from the same rows."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from irohub.audit.models import AuditEvent
from irohub.children.records import register_from_database
from irohub.conferences.actions import end_plan, record_conference, start_protection
from irohub.conferences.clock import refresh_conference_clock
from irohub.conferences.models import ProtectionCase
from irohub.measures.registry import compute_measures
from irohub.statutory.conferences import icpc_due
from tests.factories import ChildFactory, IROFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair():
    return IROFactory(start_date=date(2015, 1, 5))


@pytest.fixture
def child():
    # Not in care: a child in need of protection need not be looked after.
    return ChildFactory(first_name="Ava", date_of_birth=date(2015, 2, 1))


def started(child, chair, start=date(2024, 12, 19), **kwargs) -> ProtectionCase:
    return start_protection(actor=None, child=child, start=start, chair=chair, **kwargs)


def test_a_strategy_discussion_makes_the_initial_conference_due_in_15_working_days(child, chair):
    # CP-E1: strategy discussion Thu 19 Dec 2024 → ICPC due Tue 14 Jan 2025.
    case = started(child, chair)
    assert (case.next_conference_due, case.conferences_held) == (date(2025, 1, 14), 0)
    assert AuditEvent.objects.filter(action="protection.started", child_id=child.id).exists()


def test_conferences_move_the_next_due_date_then_the_plan_ends(child, chair):
    case = started(child, chair)
    record_conference(
        actor=None,
        case=case,
        held=date(2025, 1, 13),
        chair=chair,
        participation="PN6",
        decision="plan",
        category="NEG",
        attendance=["parent", "social_worker"],
    )
    case.refresh_from_db()
    # CP-E1 again: first review conference within 3 months of the ICPC.
    assert (case.plan_start, case.category, case.next_conference_due) == (
        date(2025, 1, 13),
        "NEG",
        date(2025, 4, 13),
    )
    record_conference(
        actor=None,
        case=case,
        held=date(2025, 4, 10),
        chair=chair,
        participation="PN1",
        decision="continue",
        category="EMO",
    )
    case.refresh_from_db()
    assert (case.next_conference_due, case.latest_category, case.category) == (
        date(2025, 10, 10),
        "EMO",
        "NEG",
    )
    record_conference(
        actor=None,
        case=case,
        held=date(2025, 9, 1),
        chair=chair,
        participation="PN1",
        decision="end",
    )
    case.refresh_from_db()
    assert (case.ended, case.end_reason, case.next_conference_due) == (
        date(2025, 9, 1),
        "conference",
        None,
    )
    assert AuditEvent.objects.filter(action="conference.recorded").count() == 3


def test_an_initial_conference_may_decide_no_plan(child, chair):
    case = started(child, chair)
    record_conference(
        actor=None,
        case=case,
        held=date(2025, 1, 10),
        chair=chair,
        participation="PN7",
        decision="no plan",
    )
    case.refresh_from_db()
    assert (case.plan_start, case.ended, case.end_reason) == (None, date(2025, 1, 10), "no plan")
    # A new enquiry later is a new case, which may start now the first has ended.
    again = started(child, chair, start=date(2025, 3, 3))
    assert again.next_conference_due == icpc_due(date(2025, 3, 3))


def test_a_pre_birth_case_is_timed_by_the_expected_delivery(chair):
    unborn = ChildFactory(date_of_birth=date(2025, 6, 30))
    case = started(
        unborn,
        chair,
        start=date(2025, 3, 3),
        begins="pre-birth",
        expected_delivery=date(2025, 6, 30),
    )
    assert case.next_conference_due == date(2025, 5, 19)  # 6 weeks before delivery


def test_a_plan_ends_without_a_conference_when_the_child_moves(child, chair):
    case = started(child, chair)
    record_conference(
        actor=None,
        case=case,
        held=date(2025, 1, 13),
        chair=chair,
        participation="PN1",
        decision="plan",
        category="PHY",
    )
    end_plan(actor=None, case=case, ended=date(2025, 2, 20), reason="moved")
    case.refresh_from_db()
    assert (case.ended, case.end_reason, case.next_conference_due) == (
        date(2025, 2, 20),
        "moved",
        None,
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"start": date(2099, 1, 1)}, "start", "future"),
        ({"s47_start": date(2024, 12, 1)}, "s47_start", "before the strategy discussion"),
        ({"begins": "pre-birth"}, "expected_delivery", "expected date of delivery"),
        ({"expected_delivery": date(2025, 6, 1)}, "expected_delivery", "only for a pre-birth"),
        ({"begins": "rumour"}, "begins", "not a way"),
    ],
)
def test_bad_starts_are_refused_with_the_field_named(child, chair, kwargs, field, words):
    with pytest.raises(ValidationError) as refused:
        started(child, chair, **kwargs)
    assert words in " ".join(refused.value.message_dict[field])
    assert not ProtectionCase.objects.exists()


def test_a_second_open_case_is_refused(child, chair):
    started(child, chair)
    with pytest.raises(ValidationError) as refused:
        started(child, chair, start=date(2025, 1, 2))
    assert "already has an open child protection case" in refused.value.message_dict["start"][0]


def test_a_chair_not_in_post_is_refused(child):
    leaver = IROFactory(start_date=date(2015, 1, 5), end_date=date(2020, 1, 1))
    with pytest.raises(ValidationError) as refused:
        started(child, leaver)
    assert "not an IRO in post" in refused.value.message_dict["chair"][0]


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"held": date(2099, 1, 1)}, "held", "future"),
        ({"held": date(2024, 12, 1)}, "held", "before the case began"),
        ({"decision": "continue"}, "decision", "At an initial conference"),
        ({"decision": "maybe"}, "decision", "not a conference's decision"),
        ({"category": ""}, "category", "Select the category"),
        ({"category": "XYZ"}, "category", "not a category"),
        ({"participation": "PN0"}, "participation", "PN0 is only for children under 4"),
        ({"participation": "PN9"}, "participation", "not a participation code"),
        ({"attendance": ["dog"]}, "attendance", "not one of the people"),
    ],
)
def test_bad_conferences_are_refused_with_the_field_named(child, chair, kwargs, field, words):
    case = started(child, chair)
    values = {
        "held": date(2025, 1, 13),
        "chair": chair,
        "participation": "PN1",
        "decision": "plan",
        "category": "NEG",
    } | kwargs
    with pytest.raises(ValidationError) as refused:
        record_conference(actor=None, case=case, **values)
    assert words in " ".join(refused.value.message_dict[field])
    assert not case.conferences.exists()


def test_conferences_after_the_end_or_out_of_order_are_refused(child, chair):
    case = started(child, chair)
    common = {"actor": None, "case": case, "chair": chair, "participation": "PN1"}
    record_conference(held=date(2025, 1, 13), decision="plan", category="NEG", **common)
    with pytest.raises(ValidationError) as refused:
        record_conference(held=date(2025, 1, 13), decision="continue", **common)
    assert "after the last one recorded" in refused.value.message_dict["held"][0]
    with pytest.raises(ValidationError) as refused:
        record_conference(held=date(2025, 2, 1), decision="plan", category="NEG", **common)
    assert "At a review conference" in refused.value.message_dict["decision"][0]
    record_conference(held=date(2025, 2, 3), decision="end", **common)
    with pytest.raises(ValidationError) as refused:
        record_conference(held=date(2025, 3, 3), decision="continue", **common)
    assert "ended on 3 February 2025" in refused.value.message_dict["held"][0]
    with pytest.raises(ValidationError) as refused:
        end_plan(actor=None, case=case, ended=date(2025, 3, 3), reason="moved")
    assert "already ended" in refused.value.message_dict["ended"][0]


def test_ending_a_plan_without_a_conference_refuses_a_conference_reason(child, chair):
    case = started(child, chair)
    with pytest.raises(ValidationError) as refused:
        end_plan(actor=None, case=case, ended=date(2025, 1, 2), reason="conference")
    assert "without a conference" in refused.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as refused:
        end_plan(actor=None, case=case, ended=date(2024, 12, 1), reason="moved")
    assert "cannot end before" in refused.value.message_dict["ended"][0]


def test_the_database_refuses_two_open_cases_for_one_child(child, chair):
    started(child, chair)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProtectionCase.objects.create(child=child, start=date(2025, 1, 1), chair=chair)


def test_recomputing_every_cached_clock_changes_nothing(child, chair):
    case = started(child, chair)
    record_conference(
        actor=None,
        case=case,
        held=date(2025, 1, 13),
        chair=chair,
        participation="PN1",
        decision="plan",
        category="NEG",
    )
    ProtectionCase.objects.filter(pk=case.pk).update(next_conference_due=None)
    assert refresh_conference_clock() == 1
    assert refresh_conference_clock() == 0
    case.refresh_from_db()
    assert case.next_conference_due == date(2025, 4, 13)


def test_the_figures_come_from_the_database(child, chair):
    earlier = started(child, chair, start=date(2022, 1, 4))
    common = {"actor": None, "chair": chair, "participation": "PN1"}
    record_conference(
        case=earlier, held=date(2022, 1, 20), decision="plan", category="NEG", **common
    )
    record_conference(case=earlier, held=date(2022, 4, 11), decision="end", **common)
    # A repeat plan within 2 years; its ICPC later than 15 working days (due 19 May 2023).
    repeat = started(child, chair, start=date(2023, 4, 26))
    record_conference(
        case=repeat, held=date(2023, 5, 22), decision="plan", category="EMO", **common
    )
    figures = compute_measures(register_from_database(), "2023/24")["measures"]
    assert figures["M-CP-01"] == {"numerator": 0, "denominator": 1, "percent": 0.0}
    assert figures["M-CP-03"]["numerator"] == figures["M-CP-03b"]["numerator"] == 1
    # The first review conference was due 22 Aug 2023 and never held: overdue at 31 March.
    assert figures["M-CP-02"] == {"numerator": 0, "denominator": 1, "percent": 0.0}
    assert figures["M-CP-05"] == {"count": 1}
    assert figures["M-WF-01a"]["numerator"] == 1
    figures_2022 = compute_measures(register_from_database(), "2022/23")["measures"]
    assert figures_2022["M-CP-04c"] == {"numerator": 1, "denominator": 1, "percent": 100.0}
