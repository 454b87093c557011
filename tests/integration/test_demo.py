"""Loading the synthetic council into the database: the rows, the invariants the database
keeps, the review-clock cache, --replace, and the demo sign-ins."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from irohub.accounts.models import IRO, Team
from irohub.accounts.roles import ROLES
from irohub.allocation.models import Allocation
from irohub.audit.models import AuditEvent
from irohub.children.clock import refresh_review_clock
from irohub.children.models import CarePeriod, Child, Episode, SiblingGroup
from irohub.children.queries import held_children
from irohub.commissioning.models import Provider
from irohub.conferences.models import Conference, ProtectionCase
from irohub.demo.generator import generate_council
from irohub.demo.load import (
    ADMIN_PASSWORD,
    IRO_PASSWORD,
    DemoError,
    create_demo_council_with_sign_ins,
    demo_sign_ins,
    load_demo_council,
)
from irohub.demo.ssda903_out import build_register, collection_year_of
from irohub.records.codes import SHORT_BREAK_LEGAL_STATUSES
from irohub.reviews.models import Review
from irohub.statutory import (
    CarePeriodFacts,
    Regime,
    care_period_schedules,
    default_calendar,
    regime_spans,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 3, 31)
SIZE = {"children": 150, "years": 5, "seed": 4}


def load(**options: object):
    return load_demo_council(**{**SIZE, "as_of": AS_OF, **options})  # type: ignore[arg-type]


@pytest.fixture
def fast_passwords(settings) -> None:
    # Argon2 is deliberately slow; these tests only need passwords that check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def plus_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def test_load_writes_the_generated_council() -> None:
    stats = load()
    council = generate_council(**SIZE, as_of=AS_OF)  # type: ignore[arg-type]
    assert stats.children == len(council.children) == 150
    # Children in need of protection who are not in care come on top.
    assert stats.protection_children == len(council.protection_children) > 0
    assert Child.objects.count() == 150 + stats.protection_children
    assert stats.protection_cases == ProtectionCase.objects.count() == len(council.protection_cases)
    assert stats.conferences == Conference.objects.count() == len(council.conferences)
    assert stats.care_periods == CarePeriod.objects.count() == len(council.care_periods)
    # Episodes as the returns code them: supported accommodation open across its change
    # of code (H5 to K3) is split there, so there can be a few more than the council's.
    as_returned = build_register(
        council,
        seed=SIZE["seed"],
        first_year=collection_year_of(council.window_start),
        latest_year=collection_year_of(AS_OF),
    )
    episodes = [e for c in as_returned.children for p in c.periods for e in p.episodes]
    assert stats.episodes == Episode.objects.count() == len(episodes) >= len(council.episodes)
    assert stats.reviews == Review.objects.count() == len(council.reviews)
    assert stats.allocations == Allocation.objects.count() == len(council.allocations)
    assert stats.iros == IRO.objects.count() == len(council.iros)
    assert stats.teams == Team.objects.count() == len(council.teams)
    assert stats.sibling_groups == SiblingGroup.objects.count() == len(council.sibling_groups)
    in_database = Child.objects.order_by("identifier").values_list(
        "identifier", "first_name", "date_of_birth"
    )
    assert list(in_database) == [
        (c.identifier, c.first_name, c.date_of_birth)
        for c in council.children + council.protection_children
    ]
    assert "150 children" in stats.summary()
    # What a return needs beyond the register's own items is there too.
    # (Children in need of protection who were never looked after are in no return.)
    assert not Child.objects.filter(upn="", care_periods__isnull=False).exists()
    placed = Episode.objects.exclude(legal_status__in=SHORT_BREAK_LEGAL_STATUSES)
    assert placed.exists() and not placed.filter(placement_postcode="").exists()
    assert 85 <= stats.reviews_on_time_percent <= 97
    assert 90 <= stats.participation_percent <= 98

    event = AuditEvent.objects.get(action="demo.loaded")
    assert event.details["children"] == 150 and event.details["seed"] == 4

    # IRO accounts cannot be signed into until create_demo_council_with_sign_ins picks
    # one; former IROs are inactive.
    for iro in IRO.objects.select_related("user"):
        assert not iro.user.has_usable_password()
        assert iro.user.is_active == (iro.end_date is None)


def test_the_register_keeps_its_invariants() -> None:
    load()
    periods = defaultdict(list)
    for period in CarePeriod.objects.order_by("child_id", "start"):
        periods[period.child_id].append(period)
    for child in Child.objects.all():
        spells = periods[child.id]
        for before, after in pairwise(spells):
            assert before.end is not None and before.end < after.start
        for period in spells:
            assert (period.end or AS_OF) <= min(AS_OF, plus_years(child.date_of_birth, 18))

    episodes = defaultdict(list)
    for episode in Episode.objects.order_by("care_period_id", "start", "id"):
        episodes[episode.care_period_id].append(episode)
    period_by_id = {p.id: p for spells in periods.values() for p in spells}
    for period_id, chain in episodes.items():
        assert chain[0].reason_new_episode == "S"
        assert chain[0].start == period_by_id[period_id].start
        assert chain[-1].end == period_by_id[period_id].end
        for before, after in pairwise(chain):
            assert before.end == after.start and before.reason_ceased == "X1"
            assert after.reason_new_episode != "S"

    short_breaks_only = {
        pid for pid, chain in episodes.items() if all(e.legal_status in ("V3", "V4") for e in chain)
    }
    dobs = dict(Child.objects.values_list("id", "date_of_birth"))
    for review in Review.objects.all():
        period = period_by_id[review.care_period_id]
        assert review.child_id == period.child_id
        assert period.start <= review.held <= (period.end or AS_OF) <= AS_OF
        under_4 = review.held < plus_years(dobs[review.child_id], 4)
        assert (review.participation == "PN0") == under_4
    # Children on short breaks have their reg 48 reviews (none is overdue for want of one).
    assert Review.objects.filter(care_period_id__in=short_breaks_only).exists()


def test_the_review_clock_cache_is_the_rules_core_answer() -> None:
    load()
    assert refresh_review_clock() == 0  # nothing stale after a load
    held = defaultdict(list)
    for period_id, day in Review.objects.values_list("care_period_id", "held"):
        held[period_id].append(day)
    episodes = defaultdict(list)
    for episode in Episode.objects.order_by("start", "id"):
        episodes[episode.care_period_id].append(episode)
    calendar = default_calendar()
    by_child = defaultdict(list)
    for period in CarePeriod.objects.order_by("child_id", "start"):
        by_child[period.child_id].append(period)
    regimes = set()
    for periods in by_child.values():
        facts = [CarePeriodFacts(p.start, p.end, episodes[p.id], held[p.id]) for p in periods]
        schedules = care_period_schedules(facts, calendar=calendar)
        for period, schedule in zip(periods, schedules, strict=True):
            assert (period.next_review_due, period.reviews_held) == (
                schedule.next_due,
                len(schedule.reviews),
            )
            regimes.update(
                span.regime for span in regime_spans(period.start, period.end, episodes[period.id])
            )
    assert regimes == set(Regime)  # the demo has children under each regime


def test_siblings_share_an_iro_and_the_chair_is_the_allocated_iro() -> None:
    load()
    allocations = defaultdict(list)
    for allocation in Allocation.objects.order_by("child_id", "start"):
        allocations[allocation.child_id].append(allocation)
    for review in Review.objects.all():
        current = [
            a.iro_id
            for a in allocations[review.child_id]
            if a.start <= review.held and (a.end is None or review.held <= a.end)
        ]
        assert current == [review.chair_id]
    groups = dict(
        Child.objects.filter(sibling_group__isnull=False).values_list("id", "sibling_group")
    )
    assert groups
    for day in (date(2021, 1, 4), date(2023, 6, 1), AS_OF):
        iros = defaultdict(set)
        for child_id, group in groups.items():
            for a in allocations[child_id]:
                if a.start <= day and (a.end is None or day <= a.end):
                    iros[group].add(a.iro_id)
        assert all(len(found) == 1 for found in iros.values())
    in_care = CarePeriod.objects.filter(start__lte=AS_OF).exclude(end__lt=AS_OF).count()
    fte = sum(i.fte for i in IRO.objects.filter(end_date__isnull=True))
    assert 65 <= in_care / float(fte) <= 110


def test_loading_again_refuses_and_replace_starts_afresh(django_user_model) -> None:
    first = load()
    boss = django_user_model.objects.create_superuser("boss", "boss@example.invalid", None)
    former_users = set(IRO.objects.values_list("user_id", flat=True))
    held = 150 + first.protection_children
    with pytest.raises(DemoError, match=rf"already holds {held:,} children.*--replace"):
        load(seed=5)
    assert Child.objects.count() == held

    stats = load(children=80, years=3, seed=9, replace=True)
    assert stats.children == 80
    assert Child.objects.count() == stats.children + stats.protection_children
    assert IRO.objects.count() == stats.iros
    assert Team.objects.count() == stats.teams
    assert not django_user_model.objects.filter(pk__in=former_users).exists()
    assert django_user_model.objects.filter(pk=boss.pk).exists()
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 2


@pytest.mark.usefixtures("fast_passwords")
def test_demo_sign_ins_are_made_with_the_council_and_work() -> None:
    stats, sign_ins = create_demo_council_with_sign_ins(children=150)
    assert stats.children == 150
    assert [role for role, _, _ in sign_ins] == [
        "Administrator",
        "IRO",
        "Social worker",
        "Foster carer reviewing officer (FIRO)",
        "Team manager",
        "Service manager",
        "Read-only auditor",
        "Social-work team manager",
        "Commissioning officer",
    ]
    assert sign_ins[0][2] == ADMIN_PASSWORD and sign_ins[1][2] == IRO_PASSWORD
    assert demo_sign_ins() == sign_ins  # what serve prints on the next start
    for role_name, username, password in sign_ins:
        user = authenticate(
            RequestFactory().post("/sign-in/"), username=username, password=password
        )
        assert user is not None
        assert role_name in {ROLES[key].name for key in user.roles.values_list("role", flat=True)}
    # The team manager manages the demo IRO's team, so the team page shows that IRO.
    manager = get_user_model().objects.get(username="team.manager")
    iro_user = get_user_model().objects.get(username=sign_ins[1][1])
    assert iro_user.iro.team.managers.filter(pk=manager.pk).exists()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert iro_user.iro.end_date is None
    usable = [u for u in get_user_model().objects.all() if u.has_usable_password()]
    assert len(usable) == 9
    assert AuditEvent.objects.filter(action="demo.sign_ins_created").count() == 1
    # The social worker holds children today; their team's manager opens those records.
    worker = get_user_model().objects.get(username=sign_ins[2][1])
    sw_manager = get_user_model().objects.get(username="social.work.manager")
    assert worker.social_worker.team.managers.filter(pk=sw_manager.pk).exists()
    assert held_children(worker)
    assert {row.child for row in held_children(worker)} <= {
        row.child for row in held_children(sw_manager)
    }

    # The commissioning officer sees the IROs' feedback on the demo's providers.
    client = Client()
    client.force_login(get_user_model().objects.get(username="commissioning"))
    providers = client.get(reverse("commissioning"))
    assert providers.status_code == 200
    rated = Provider.objects.filter(feedback__isnull=False).distinct()
    assert rated.exists()
    assert any(provider.name in providers.content.decode() for provider in rated)

    # A changed password is left alone and not printed; nothing is made a second time.
    admin.set_password("someone-changed-it-2026")
    admin.save()
    assert "Administrator" not in [role for role, _, _ in demo_sign_ins()]
    with pytest.raises(DemoError, match="not empty"):
        create_demo_council_with_sign_ins(children=150)
    assert admin.check_password("someone-changed-it-2026")


@pytest.mark.usefixtures("fast_passwords")
def test_no_demo_sign_ins_on_a_database_with_accounts(django_user_model) -> None:
    django_user_model.objects.create_user("officer", password="synthetic-password-123")
    with pytest.raises(DemoError, match="not empty"):
        create_demo_council_with_sign_ins(children=50)
    assert Child.objects.count() == 0
    assert list(django_user_model.objects.values_list("username", flat=True)) == ["officer"]
    assert demo_sign_ins() == []
