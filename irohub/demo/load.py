"""Write the synthetic council into the database (`irohub demo`, `irohub serve`).

The whole council goes in with bulk inserts in one transaction, so a failed load leaves
the register as it was. The review-clock cache is written with the rows (computed by the
rules core) and then checked by refresh_review_clock, the one owner of that cache.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, check_password, make_password
from django.db import transaction
from django.db.models import Count, ProtectedError, Q, RestrictedError
from django.utils import timezone

from irohub.accounts.models import IRO, SocialWorker, SocialWorkTeam, Team, UserRole
from irohub.accounts.roles import (
    ADMINISTRATOR,
    AUDITOR,
    COMMISSIONER,
    SERVICE_MANAGER,
    SOCIAL_WORK_MANAGER,
    SOCIAL_WORKER,
    TEAM_MANAGER,
    Role,
)
from irohub.accounts.roles import FIRO as FIRO_ROLE
from irohub.accounts.roles import IRO as IRO_ROLE
from irohub.advocacy.models import AdvocacyReferral
from irohub.allocation.models import Allocation
from irohub.audit.actions import record_event
from irohub.audit.events import EventType
from irohub.benchmarking.samples import load_sample
from irohub.children.clock import refresh_review_clock
from irohub.children.models import (
    AdoptionDecision,
    CarePeriod,
    Child,
    Episode,
    PersonAroundChild,
    SiblingGroup,
    SocialWorkerAllocation,
)
from irohub.commissioning.models import Provider, ProviderFeedback
from irohub.conferences.clock import refresh_conference_clock
from irohub.conferences.models import Conference, ProtectionCase
from irohub.consultation.models import ConsultationResponse, ReviewPreparation
from irohub.core.calendar import get_calendar
from irohub.core.formatting import long_date
from irohub.core.statistics import refresh_planner_statistics
from irohub.demo.commissioning import PROVIDERS as DEMO_PROVIDERS
from irohub.demo.commissioning import generate_feedback
from irohub.demo.establishment import reviewing_officer_posts
from irohub.demo.fostering import generate_fostering
from irohub.demo.generator import DemoCouncil, generate_council
from irohub.demo.oversight import iro_declarations
from irohub.demo.protection import plans_open_on
from irohub.demo.quality import generate_quality
from irohub.demo.ssda903_out import build_register, collection_year_of
from irohub.equality.models import Declaration
from irohub.fostering.clock import refresh_carer_review_clock
from irohub.fostering.models import (
    CarerReview,
    ChangeOfCircumstances,
    Household,
    Placement,
    PlacementView,
    ReviewingOfficer,
)
from irohub.immigration.models import Application, Nationality
from irohub.oversight.models import CaseFileAudit, IroContact, VisitorOffer
from irohub.quality.models import (
    ChairingObservation,
    QualityRating,
    Recognition,
    ServiceFeedback,
)
from irohub.records.register import CarePeriodRecord, Register
from irohub.resolutions.actions import open_challenge
from irohub.resolutions.models import Challenge, ChallengeStep, PracticeTheme
from irohub.resolutions.rules import resolution_rules
from irohub.reviews.models import EarlyReview, Review, ReviewAction, ReviewParent
from irohub.statutory import (
    CarePeriodFacts,
    ReviewSchedule,
    WorkingDayCalendar,
    care_period_schedules,
)
from irohub.statutory.resolution import deadlines as resolution_deadlines
from irohub.workforce.models import Absence, Post, Terms

BATCH_SIZE = 2000

# Demo sign-ins. The data behind them is synthetic and they are printed on the console
# by `irohub serve`, so fixed strings are fine; they are hashed once each.
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "demo-admin-2026!"
IRO_PASSWORD = "demo-iro-2026!"
FIRO_PASSWORD = "demo-firo-2026!"
SOCIAL_WORKER_PASSWORD = "demo-social-worker-2026!"
# The other roles' demo people: (role, username, first name, last name, password).
DEMO_PEOPLE: list[tuple[Role, str, str, str, str]] = [
    (TEAM_MANAGER, "team.manager", "Tamsin", "Okafor", "demo-manager-2026!"),
    (SERVICE_MANAGER, "service.manager", "Gareth", "Lindqvist", "demo-service-2026!"),
    (AUDITOR, "auditor", "Priya", "Auditor", "demo-auditor-2026!"),
    # Manages the team of the demo social worker (children's social care, not the IRO service).
    (SOCIAL_WORK_MANAGER, "social.work.manager", "Nadia", "Brennan", "demo-sw-manager-2026!"),
    # Sees the IROs' feedback on the demo's commissioned services, by provider.
    (COMMISSIONER, "commissioning", "Morgan", "Ellery", "demo-commissioning-2026!"),
]


class DemoError(Exception):
    """The demo council cannot be loaded as asked; the message is one line for the console."""


@dataclass(frozen=True)
class DemoStats:
    children: int
    care_periods: int
    episodes: int
    reviews: int
    allocations: int
    iros: int
    teams: int
    sibling_groups: int
    iros_in_post: int
    fte_in_post: Decimal
    children_in_care: int  # on as_of
    children_per_fte: float  # on as_of
    reviews_on_time_percent: float
    participation_percent: float  # PN1-PN6 among reviews of children aged 4 and over
    protection_children: int  # children in need of protection, not in care
    protection_cases: int
    conferences: int
    children_on_plans: int  # on as_of
    seed: int
    years: int
    as_of: date
    seconds: float

    def summary(self) -> str:
        return "\n".join(
            [
                f"Demo council created in {self.seconds:.1f} s (synthetic data; seed "
                f"{self.seed}, {self.years} years to {self.as_of:%d/%m/%Y}).",
                f"  {self.children:,} children, {self.care_periods:,} care periods, "
                f"{self.episodes:,} episodes, {self.reviews:,} reviews, "
                f"{self.allocations:,} allocations, {self.sibling_groups:,} sibling groups.",
                f"  {self.iros:,} IROs over the years in {self.teams} "
                f"team{'' if self.teams == 1 else 's'}; "
                f"{self.iros_in_post} in post now ({self.fte_in_post} FTE) for "
                f"{self.children_in_care:,} children in care: "
                f"{self.children_per_fte:.0f} per full-time IRO.",
                f"  Reviews on time: {self.reviews_on_time_percent:.1f}%. Children aged 4 "
                f"and over taking part in their reviews (PN1-PN6): "
                f"{self.participation_percent:.1f}%.",
                f"  Child protection: {self.protection_children:,} more children, "
                f"{self.protection_cases:,} cases and "
                f"{self.conferences:,} conferences chaired by the IROs; "
                f"{self.children_on_plans:,} children on a plan now.",
            ]
        )


def load_demo_council(
    *,
    children: int,
    years: int,
    seed: int,
    replace: bool = False,
    as_of: date | None = None,
) -> DemoStats:
    """Create a synthetic council of `children` children over `years` years to `as_of`.

    Refuses (DemoError) when the register already holds children, unless `replace` is
    given, so a demo never mixes with real records.
    """
    started = time.perf_counter()
    if children < 1 or years < 1:
        raise DemoError("irohub demo: --children and --years must be at least 1")
    if not replace:
        _refuse_if_register_in_use()
    calendar = get_calendar()
    council = generate_council(
        children=children,
        years=years,
        seed=seed,
        as_of=as_of or timezone.localdate(),
        calendar=calendar,
    )
    # What a return needs beyond the demo's rows (postcodes, URNs, UPNs, MOTHER, the date
    # UASC status ceased; placements in each year's codes), as the synthetic returns carry
    # them, so that a year exported from the demo passes the DfE rules. Worked out before
    # the transaction, which then only writes.
    register = build_register(
        council,
        seed=seed,
        first_year=collection_year_of(council.window_start),
        latest_year=collection_year_of(council.as_of),
    )
    episodes = sum(len(p.episodes) for c in register.children for p in c.periods)
    with transaction.atomic():
        if replace:
            _delete_register()
        else:
            _refuse_if_register_in_use()
        first_team = _write(council, register, calendar)
        refresh_review_clock()
        refresh_conference_clock()
        refresh_carer_review_clock()
        details: dict[str, Any] = {
            "seed": seed,
            "years": years,
            "as_of": council.as_of.isoformat(),
            "replaced": replace,
            "children": len(council.children),
            "care_periods": len(council.care_periods),
            "episodes": episodes,
            "reviews": len(council.reviews),
            "allocations": len(council.allocations),
            "iros": len(council.iros),
            "teams": len(council.teams),
            "protection_cases": len(council.protection_cases),
            "conferences": len(council.conferences),
        }
        record_event(actor=None, action=EventType.DEMO_LOADED, target=first_team, **details)
        # The synthetic published tables, so the demo council's benchmarking page has its
        # neighbours, region and England to compare with.
        load_sample()
    refresh_planner_statistics()
    in_post = [i for i in council.iros if i.end_date is None]
    return DemoStats(
        children=len(council.children),
        care_periods=len(council.care_periods),
        episodes=episodes,
        reviews=len(council.reviews),
        allocations=len(council.allocations),
        iros=len(council.iros),
        teams=len(council.teams),
        sibling_groups=len(council.sibling_groups),
        iros_in_post=len(in_post),
        fte_in_post=sum((i.fte for i in in_post), Decimal("0.00")),
        children_in_care=council.in_care_on(council.as_of),
        children_per_fte=council.children_per_fte(),
        reviews_on_time_percent=council.reviews_on_time_percent(),
        participation_percent=council.participation_percent(),
        protection_children=len(council.protection_children),
        protection_cases=len(council.protection_cases),
        conferences=len(council.conferences),
        children_on_plans=plans_open_on(council, council.as_of),
        seed=seed,
        years=years,
        as_of=council.as_of,
        seconds=time.perf_counter() - started,
    )


def _refuse_if_register_in_use() -> None:
    count = Child.objects.count()
    if count:
        raise DemoError(
            f"irohub demo: the register already holds {count:,} children; a demo council "
            "is only created in an empty register (use --replace to delete the register "
            "first, on demo databases only)"
        )


def _delete_register() -> None:
    """Delete the register the demo writes, leaving administrators and other users alone."""
    user_ids = list(IRO.objects.values_list("user_id", flat=True))
    user_ids += list(SocialWorker.objects.values_list("user_id", flat=True))
    user_ids += list(ReviewingOfficer.objects.values_list("user_id", flat=True))
    try:
        Household.objects.all().delete()  # with its reviews, changes, placements, views
        Post.objects.all().delete()
        ReviewingOfficer.objects.all().delete()  # with their terms and absences
        Challenge.objects.all().delete()
        ServiceFeedback.objects.all().delete()
        ChairingObservation.objects.all().delete()
        Conference.objects.all().delete()
        ProtectionCase.objects.all().delete()
        Review.objects.all().delete()
        SocialWorkerAllocation.objects.all().delete()
        SocialWorker.objects.all().delete()
        SocialWorkTeam.objects.all().delete()
        Allocation.objects.all().delete()
        Episode.objects.all().delete()
        CarePeriod.objects.all().delete()
        Child.objects.all().delete()
        SiblingGroup.objects.all().delete()
        IRO.objects.all().delete()
        Team.objects.all().delete()
        get_user_model().objects.filter(pk__in=user_ids, is_superuser=False).delete()
    except (ProtectedError, RestrictedError) as error:
        blockers = sorted({obj._meta.verbose_name_plural for obj in error.args[1]})
        raise DemoError(
            "irohub demo: cannot replace the register: other records still refer to it "
            f"({', '.join(str(b) for b in blockers)})"
        ) from None


def _write(council: DemoCouncil, register: Register, calendar: WorkingDayCalendar) -> Team:
    """Bulk-insert every row; returns the first team (the audit event's target).

    `register` is the council as core records (build_register): children and care periods
    in the council's order, with the return's items filled in. Children's return items
    and episodes are taken from it; everything else from the council's rows."""
    User = get_user_model()

    taken_teams = set(Team.objects.values_list("name", flat=True))
    teams = Team.objects.bulk_create(
        [Team(name=_unique(row.name, taken_teams, " (demo {n})")) for row in council.teams],
        batch_size=BATCH_SIZE,
    )
    taken_users = set(User.objects.values_list("username", flat=True))
    # Unusable passwords: hashing one for every IRO would be slow, and nobody signs in
    # as them except the demo IRO that _create_demo_users sets up.
    users = User.objects.bulk_create(
        [
            User(
                username=_unique(row.username, taken_users, "{n}"),
                first_name=row.first_name,
                last_name=row.last_name,
                email=f"{row.username}@demo.invalid",
                password=make_password(None),
                is_active=row.end_date is None,
            )
            for row in council.iros
        ],
        batch_size=BATCH_SIZE,
    )
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=IRO_ROLE.key) for user in users], batch_size=BATCH_SIZE
    )
    iros = IRO.objects.bulk_create(
        [
            IRO(
                user_id=users[row.key].pk,
                team_id=teams[row.team].pk,
                fte=row.fte,
                start_date=row.start_date,
                end_date=row.end_date,
            )
            for row in council.iros
        ],
        batch_size=BATCH_SIZE,
    )
    groups = SiblingGroup.objects.bulk_create(
        [SiblingGroup(name=row.name) for row in council.sibling_groups], batch_size=BATCH_SIZE
    )
    period_records: dict[int, CarePeriodRecord] = {}  # by the council's care period key
    periods_of: dict[int, list[int]] = {}
    for row in council.care_periods:
        periods_of.setdefault(row.child, []).append(row.key)
    for row, record in zip(council.children, register.children, strict=True):
        for key, period in zip(periods_of.get(row.key, []), record.periods, strict=True):
            period_records[key] = period
    children = Child.objects.bulk_create(
        [
            Child(
                identifier=row.identifier,
                first_name=row.first_name,
                last_name=row.last_name,
                date_of_birth=row.date_of_birth,
                sex=row.sex,
                ethnicity=row.ethnicity,
                uasc=row.uasc,
                uasc_ceased=record.uasc_ceased,
                upn=record.upn,
                mother=record.mother,
                mother_child_dob=record.mother_child_dob,
                disability=row.disability,
                sibling_group_id=(
                    None if row.sibling_group is None else groups[row.sibling_group].pk
                ),
            )
            for row, record in zip(council.children, register.children, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )

    # The review-clock cache, computed by the rules core as refresh_review_clock would
    # (each child's periods together, oldest first: a series of short breaks spans them).
    held: list[list[date]] = [[] for _ in council.care_periods]
    for review in council.reviews:
        held[review.care_period].append(review.held)
    clock: dict[int, ReviewSchedule] = {}
    for keys in periods_of.values():
        keys = sorted(keys, key=lambda key: council.care_periods[key].start)
        facts = [
            CarePeriodFacts(
                council.care_periods[key].start,
                council.care_periods[key].end,
                period_records[key].episodes,
                held[key],
            )
            for key in keys
        ]
        clock.update(zip(keys, care_period_schedules(facts, calendar=calendar), strict=True))
    periods = []
    for row in council.care_periods:
        schedule = clock[row.key]
        periods.append(
            CarePeriod(
                child_id=children[row.child].pk,
                start=row.start,
                end=row.end,
                reason_ceased=row.reason_ceased,
                next_review_due=schedule.next_due,
                reviews_held=len(schedule.reviews),
            )
        )
    periods = CarePeriod.objects.bulk_create(periods, batch_size=BATCH_SIZE)
    Episode.objects.bulk_create(
        [
            Episode(
                care_period_id=periods[row.key].pk,
                start=e.start,
                end=e.end,
                reason_new_episode=e.reason_new_episode,
                legal_status=e.legal_status,
                category_of_need=e.category_of_need,
                placement=e.placement,
                placement_provider=e.placement_provider,
                reason_ceased=e.reason_ceased,
                reason_place_change=e.reason_place_change,
                home_postcode=e.home_postcode,
                placement_postcode=e.placement_postcode,
                urn=e.urn,
            )
            for row in council.care_periods
            for e in period_records[row.key].episodes
        ],
        batch_size=BATCH_SIZE,
    )
    AdoptionDecision.objects.bulk_create(
        [
            AdoptionDecision(
                child_id=child.pk,
                decided=d.decided,
                ceased=d.ceased,
                reason_ceased=d.reason_ceased,
            )
            for child, record in zip(children, register.children, strict=True)
            for d in record.adoption_decisions
        ],
        batch_size=BATCH_SIZE,
    )
    Allocation.objects.bulk_create(
        [
            Allocation(
                child_id=children[row.child].pk,
                iro_id=iros[row.iro].pk,
                start=row.start,
                end=row.end,
                allocated_on=row.allocated_on,
            )
            for row in council.allocations
        ],
        batch_size=BATCH_SIZE,
    )
    _write_social_work(council, [child.pk for child in children])
    life = council.lifecycle
    reviews = Review.objects.bulk_create(
        [
            Review(
                child_id=children[row.child].pk,
                care_period_id=periods[row.care_period].pk,
                held=row.held,
                participation=row.participation,
                chair_id=None if row.chair is None else iros[row.chair].pk,
                non_participation_reason=extra.non_participation_reason,
                chairing=extra.chairing,
                meeting_format=extra.meeting_format,
                interpreter_used=extra.interpreter_used,
                first_session=extra.first_session,
                adjournments=extra.adjournments,
                late_reason=extra.late_reason,
                decisions_circulated=extra.decisions_circulated,
                record_distributed=extra.record_distributed,
                letter_to_child=extra.letter_to_child,
                letter_sent=extra.letter_sent,
            )
            for row, extra in zip(council.reviews, life.extras, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    _write_quality(council, children, iros, reviews, calendar)
    _write_commissioning(council, reviews)
    _write_protection(council, iros)
    people = PersonAroundChild.objects.bulk_create(
        [
            PersonAroundChild(
                child_id=children[row.child].pk,
                role=row.role,
                name=row.name,
                relationship=row.relationship,
                parental_responsibility=row.parental_responsibility,
                address=row.address,
                phone=row.phone,
                email=row.email,
                preferred_contact=row.preferred_contact,
                start=row.start,
                end=row.end,
            )
            for row in council.people
        ],
        batch_size=BATCH_SIZE,
    )
    ReviewParent.objects.bulk_create(
        [
            ReviewParent(
                review_id=reviews[row.review].pk,
                person_id=people[row.person].pk,
                status=row.status,
                reason=row.reason,
            )
            for row in life.parents
        ],
        batch_size=BATCH_SIZE,
    )
    ReviewAction.objects.bulk_create(
        [
            ReviewAction(
                review_id=reviews[row.review].pk,
                decision=row.decision,
                owner=row.owner,
                due=row.due,
                completed=row.completed,
            )
            for row in life.actions
        ],
        batch_size=BATCH_SIZE,
    )
    EarlyReview.objects.bulk_create(
        [
            EarlyReview(
                child_id=children[row.child].pk,
                care_period_id=periods[row.care_period].pk,
                trigger=row.trigger,
                raised=row.raised,
                event_date=row.event_date,
                due=row.due,
            )
            for row in life.early
        ],
        batch_size=BATCH_SIZE,
    )
    _write_voice(council, children, reviews)
    _write_oversight(council, children, iros)
    _write_immigration(council, children)
    officers = _write_fostering(council, children, iros, calendar)
    _write_workforce(council, teams, iros, officers)
    return teams[0]


def _write_workforce(
    council: DemoCouncil, teams: list[Team], iros: list[IRO], officers: list[ReviewingOfficer]
) -> None:
    """The establishment, agency and interim terms and absences (demo.establishment)."""
    rows = council.establishment
    firo_posts = reviewing_officer_posts([(o.fte, o.start_date, o.end_date) for o in officers])
    Post.objects.bulk_create(
        [
            Post(
                team_id=None if row.team is None else teams[row.team].pk,
                role=row.role,
                fte=row.fte,
                start_date=row.start_date,
                end_date=row.end_date,
                title=row.title,
            )
            for row in [*rows.posts, *firo_posts]
        ],
        batch_size=BATCH_SIZE,
    )
    Terms.objects.bulk_create(
        [
            Terms(
                iro_id=iros[row.iro].pk,
                basis=row.basis,
                fte=row.fte,
                start_date=row.start_date,
                end_date=row.end_date,
            )
            for row in rows.terms
        ],
        batch_size=BATCH_SIZE,
    )
    Absence.objects.bulk_create(
        [
            Absence(
                iro_id=iros[row.iro].pk,
                reason=row.reason,
                start_date=row.start_date,
                end_date=row.end_date,
            )
            for row in rows.absences
        ],
        batch_size=BATCH_SIZE,
    )


def _write_voice(council: DemoCouncil, children: list[Child], reviews: list[Review]) -> None:
    """The review checklists, views returned and advocacy referrals (demo.voice), each
    checklist linked to its review (bulk_create returns the reviews in the council's order)."""
    voice = council.voice
    preparations = ReviewPreparation.objects.bulk_create(
        [
            ReviewPreparation(
                child_id=children[row.child].pk,
                due=row.due,
                review_id=reviews[row.review].pk,
                invitations_sent=row.invitations_sent,
                report_received=row.report_received,
                spoke_to_child=row.spoke_to_child,
                spoke_how=row.spoke_how,
                not_spoken_reason=row.not_spoken_reason,
                advocacy_offered=row.advocacy_offered,
                advocate_wanted=row.advocate_wanted,
                interpreter_needed=row.interpreter_needed,
                interpreter_language=row.interpreter_language,
            )
            for row in voice.preparations
        ],
        batch_size=BATCH_SIZE,
    )
    ConsultationResponse.objects.bulk_create(
        [
            ConsultationResponse(
                preparation_id=preparations[row.preparation].pk,
                respondent=row.respondent,
                name=row.name,
                version=row.version,
                source=row.source,
                answers=row.answers,
                summary=row.summary,
                returned=row.returned,
            )
            for row in voice.responses
        ],
        batch_size=BATCH_SIZE,
    )
    AdvocacyReferral.objects.bulk_create(
        [
            AdvocacyReferral(
                child_id=children[row.child].pk,
                referred=row.referred,
                reason=row.reason,
                re_referral=row.re_referral,
                outcome=row.outcome,
                closed=row.closed,
            )
            for row in voice.referrals
        ],
        batch_size=BATCH_SIZE,
    )


def _write_commissioning(council: DemoCouncil, reviews: list[Review]) -> None:
    """The IROs' feedback on commissioned services (irohub.demo.commissioning). A red
    rating the IRO challenges opens its challenge through the one action that opens every
    challenge."""
    made = generate_feedback(
        seed=council.seed, reviews=[row.held for row in council.reviews], as_of=council.as_of
    )
    providers = [
        Provider.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in DEMO_PROVIDERS
    ]
    rows = ProviderFeedback.objects.bulk_create(
        [
            ProviderFeedback(
                review_id=reviews[row.review].pk,
                child_id=reviews[row.review].child_id,
                provider=providers[row.provider],
                rating=row.rating,
                comment=row.comment,
                rated_on=row.rated_on,
            )
            for row in made
        ],
        batch_size=BATCH_SIZE,
    )
    for feedback, row in zip(rows, made, strict=True):
        if not row.challenge:
            continue
        review = reviews[row.review]
        feedback.challenge = open_challenge(
            actor=None,
            child=review.child,
            day=row.rated_on,
            issue=f"{feedback.provider} rated Red at the review on {long_date(review.held)}: "
            f"{row.comment}",
            review=review,
            iro=review.chair,
        )
        feedback.save(update_fields=["challenge"])


def _write_immigration(council: DemoCouncil, children: list[Child]) -> None:
    """Nationalities and immigration applications (demo.immigration)."""
    rows = council.immigration
    Nationality.objects.bulk_create(
        [
            Nationality(
                child_id=children[row.child].pk,
                nationality=row.nationality,
                needs=row.needs,
                updated=council.as_of,
            )
            for row in rows.nationalities
        ],
        batch_size=BATCH_SIZE,
    )
    Application.objects.bulk_create(
        [
            Application(
                child_id=children[row.child].pk,
                kind=row.kind,
                made=row.made,
                outcome=row.outcome,
                decided=row.decided,
            )
            for row in rows.applications
        ],
        batch_size=BATCH_SIZE,
    )


def _write_oversight(council: DemoCouncil, children: list[Child], iros: list[IRO]) -> None:
    """The IRO's contacts between reviews, independent visitors offered and file audits
    (demo.oversight)."""
    rows = council.oversight

    def iro_id(key: int | None) -> int | None:
        return None if key is None else iros[key].pk

    IroContact.objects.bulk_create(
        [
            IroContact(
                child_id=children[row.child].pk,
                iro_id=iro_id(row.iro),
                kind=row.kind,
                day=row.day,
                note=row.note,
            )
            for row in rows.contacts
        ],
        batch_size=BATCH_SIZE,
    )
    VisitorOffer.objects.bulk_create(
        [
            VisitorOffer(
                child_id=children[row.child].pk,
                offered=row.offered,
                outcome=row.outcome,
                closed=row.closed,
            )
            for row in rows.offers
        ],
        batch_size=BATCH_SIZE,
    )
    Declaration.objects.bulk_create(
        [
            Declaration(
                iro_id=iros[row.iro].pk,
                ethnicity=row.ethnicity,
                gender=row.gender,
                updated=council.as_of,
            )
            for row in iro_declarations(council.iros, seed=council.seed)
        ],
        batch_size=BATCH_SIZE,
    )
    CaseFileAudit.objects.bulk_create(
        [
            CaseFileAudit(
                child_id=children[row.child].pk,
                iro_id=iro_id(row.iro),
                audited=row.audited,
                answers=row.answers,
                grade=row.grade,
                findings=row.findings,
                actions=row.actions,
            )
            for row in rows.audits
        ],
        batch_size=BATCH_SIZE,
    )


def _write_quality(
    council: DemoCouncil,
    children: list[Child],
    iros: list[IRO],
    reviews: list[Review],
    calendar: WorkingDayCalendar,
) -> None:
    """The ratings, challenges, recognitions, complaints, compliments and observations of
    irohub.demo.quality (its own random stream: the register above is unchanged by it)."""
    made = generate_quality(
        seed=council.seed,
        reviews=[
            (row.held, council.children[row.child].date_of_birth, row.chair)
            for row in council.reviews
        ],
        iros=[(row.start_date, row.end_date) for row in council.iros],
        window_start=council.window_start,
        as_of=council.as_of,
        calendar=calendar,
    )
    themes = {theme.name: theme for theme in PracticeTheme.objects.all()}
    for name in sorted({t for row in made.ratings for t in row.themes} - themes.keys()):
        themes[name] = PracticeTheme.objects.create(name=name, position=len(themes))
    ratings = QualityRating.objects.bulk_create(
        [
            QualityRating(
                review_id=reviews[row.review].pk,
                child_id=reviews[row.review].child_id,
                rated_by_id=None
                if council.reviews[row.review].chair is None
                else iros[council.reviews[row.review].chair].user_id,
                rated_on=row.rated_on,
                care_planning=row.care_planning,
                preparation=row.preparation,
                social_work_report=row.social_work_report,
                care_plan_up_to_date=row.care_plan_up_to_date,
                feedback=row.feedback,
                **row.plans,
            )
            for row in made.ratings
        ],
        batch_size=BATCH_SIZE,
    )
    QualityRating.themes.through.objects.bulk_create(
        [
            QualityRating.themes.through(qualityrating_id=rating.pk, practicetheme_id=themes[t].pk)
            for rating, row in zip(ratings, made.ratings, strict=True)
            for t in row.themes
        ],
        batch_size=BATCH_SIZE,
    )
    Recognition.objects.bulk_create(
        [
            Recognition(
                child_id=rating.child_id,
                rating_id=rating.pk,
                sent_on=row.rated_on,
                sent_by_id=rating.rated_by_id,
                recognised=row.recognised,
                note="Good progress of the child's plan, with the child's voice at its centre",
            )
            for rating, row in zip(ratings, made.ratings, strict=True)
            if row.recognised
        ],
        batch_size=BATCH_SIZE,
    )
    rules = resolution_rules()
    # Each challenge goes to the team of the child's social worker on the day it opened.
    held: dict[int, list[tuple[date, date | None, int]]] = {}
    for child_id, start, end, team_id in SocialWorkerAllocation.objects.order_by(
        "start"
    ).values_list("child_id", "start", "end", "social_worker__team_id"):
        held.setdefault(child_id, []).append((start, end, team_id))

    def team_on(child_id: int, day: date) -> int | None:
        teams = [t for s, e, t in held.get(child_id, ()) if s <= day and (e is None or e >= day)]
        return teams[-1] if teams else None

    challenges = []
    for row in made.challenges:
        review = reviews[row.review]
        chair = council.reviews[row.review].chair
        challenge = Challenge(
            child_id=review.child_id,
            review_id=review.pk,
            iro_id=None if chair is None else iros[chair].pk,
            raised_by_id=None if chair is None else iros[chair].user_id,
            issue=row.issue,
            agreed_action=row.agreed_action,
            social_work_team_id=team_on(review.child_id, row.state.opened),
        )
        challenge.take(row.state)
        due = resolution_deadlines(row.state, rules=rules, calendar=calendar)
        challenge.stage_due, challenge.formal_due = due.stage_due, due.formal_due
        challenges.append(challenge)
    challenges = Challenge.objects.bulk_create(challenges, batch_size=BATCH_SIZE)
    Challenge.themes.through.objects.bulk_create(
        [
            Challenge.themes.through(challenge_id=challenge.pk, practicetheme_id=themes[t].pk)
            for challenge, row in zip(challenges, made.challenges, strict=True)
            for t in row.themes
        ],
        batch_size=BATCH_SIZE,
    )
    ChallengeStep.objects.bulk_create(
        [
            ChallengeStep(
                challenge_id=challenge.pk,
                kind=step.kind,
                day=step.day,
                stage=step.stage,
                by_name="Demo council",
                text=step.text,
            )
            for challenge, row in zip(challenges, made.challenges, strict=True)
            for step in row.steps
        ],
        batch_size=BATCH_SIZE,
    )
    ServiceFeedback.objects.bulk_create(
        [
            ServiceFeedback(
                kind=row.kind,
                received=row.received,
                source=row.source,
                about_iro_id=None if row.iro is None else iros[row.iro].pk,
                summary=row.summary,
                outcome=row.outcome,
                concluded=row.concluded,
            )
            for row in made.feedback
        ],
        batch_size=BATCH_SIZE,
    )
    ChairingObservation.objects.bulk_create(
        [
            ChairingObservation(
                iro_id=iros[row.iro].pk,
                observed=row.observed,
                observer="Service manager",
                rating=row.rating,
                feedback=row.feedback,
            )
            for row in made.observations
        ],
        batch_size=BATCH_SIZE,
    )


def _write_protection(council: DemoCouncil, iros: list[IRO]) -> None:
    """The children in need of protection, their cases and conferences; the conference
    clock's cache is then written by its one owner, refresh_conference_clock."""
    children = Child.objects.bulk_create(
        [
            Child(
                identifier=row.identifier,
                first_name=row.first_name,
                last_name=row.last_name,
                date_of_birth=row.date_of_birth,
                sex=row.sex,
                ethnicity=row.ethnicity,
                disability=row.disability,
            )
            for row in council.protection_children
        ],
        batch_size=BATCH_SIZE,
    )
    cases = ProtectionCase.objects.bulk_create(
        [
            ProtectionCase(
                child_id=children[row.child].pk,
                begins=row.begins,
                start=row.start,
                s47_start=row.s47_start,
                expected_delivery=row.expected_delivery,
                chair_id=iros[row.chair].pk,
                plan_start=row.plan_start,
                category=row.category,
                latest_category=row.latest_category,
                ended=row.ended,
                end_reason=row.end_reason,
            )
            for row in council.protection_cases
        ],
        batch_size=BATCH_SIZE,
    )
    Conference.objects.bulk_create(
        [
            Conference(
                case_id=cases[row.case].pk,
                held=row.held,
                chair_id=iros[row.chair].pk,
                participation=row.participation,
                attendance=list(row.attendance),
                quorate=row.quorate,
                decision=row.decision,
            )
            for row in council.conferences
        ],
        batch_size=BATCH_SIZE,
    )


def _write_social_work(council: DemoCouncil, child_ids: list[int]) -> None:
    """Children's social care: its teams, social workers (who could sign in with the social
    worker role; unusable passwords, as the IROs') and who holds each child over time."""
    User = get_user_model()
    drawn = council.social_work
    taken_teams = set(SocialWorkTeam.objects.values_list("name", flat=True))
    teams = SocialWorkTeam.objects.bulk_create(
        [SocialWorkTeam(name=_unique(row.name, taken_teams, " (demo {n})")) for row in drawn.teams]
    )
    taken_users = set(User.objects.values_list("username", flat=True))
    users = User.objects.bulk_create(
        [
            User(
                username=_unique(row.username, taken_users, "{n}"),
                first_name=row.first_name,
                last_name=row.last_name,
                email=f"{row.username}@demo.invalid",
                password=make_password(None),
            )
            for row in drawn.social_workers
        ],
        batch_size=BATCH_SIZE,
    )
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=SOCIAL_WORKER.key) for user in users], batch_size=BATCH_SIZE
    )
    workers = SocialWorker.objects.bulk_create(
        [
            SocialWorker(
                user_id=users[row.key].pk, team_id=teams[row.team].pk, start_date=row.start_date
            )
            for row in drawn.social_workers
        ],
        batch_size=BATCH_SIZE,
    )
    SocialWorkerAllocation.objects.bulk_create(
        [
            SocialWorkerAllocation(
                child_id=child_ids[row.child],
                social_worker_id=workers[row.social_worker].pk,
                start=row.start,
                end=row.end,
            )
            for row in drawn.allocations
        ],
        batch_size=BATCH_SIZE,
    )


def _write_fostering(
    council: DemoCouncil, children: list[Child], iros: list[IRO], calendar: WorkingDayCalendar
) -> list[ReviewingOfficer]:
    """The council's fostering households, reviewing officers (FIROs), reviews, changes of
    circumstances, placements and the IROs' views (irohub.demo.fostering); returns the
    reviewing officers, in the council's order."""
    fostering = generate_fostering(council, calendar=calendar)
    User = get_user_model()
    taken = set(User.objects.values_list("username", flat=True))
    users = User.objects.bulk_create(
        [
            User(
                username=_unique(row.username, taken, "{n}"),
                first_name=row.first_name,
                last_name=row.last_name,
                email=f"{row.username}@demo.invalid",
                password=make_password(None),
            )
            for row in fostering.firos
        ],
        batch_size=BATCH_SIZE,
    )
    UserRole.objects.bulk_create(
        [UserRole(user=user, role=FIRO_ROLE.key) for user in users], batch_size=BATCH_SIZE
    )
    officers = ReviewingOfficer.objects.bulk_create(
        [
            ReviewingOfficer(
                user_id=users[row.key].pk,
                fte=row.fte,
                start_date=row.start_date,
                end_date=row.end_date,
            )
            for row in fostering.firos
        ],
        batch_size=BATCH_SIZE,
    )
    taken_references = set(Household.objects.values_list("reference", flat=True))
    households = Household.objects.bulk_create(
        [
            Household(
                reference=_unique(row.reference, taken_references, "-{n}"),
                name=row.name,
                carers=row.carers,
                kind=row.kind,
                approved=row.approved,
                deregistered=row.deregistered,
                deregistration_reason=row.deregistration_reason,
                reviewing_officer_id=None if row.firo is None else officers[row.firo].pk,
            )
            for row in fostering.households
        ],
        batch_size=BATCH_SIZE,
    )
    CarerReview.objects.bulk_create(
        [
            CarerReview(
                household_id=households[row.household].pk,
                held=row.held,
                chair_id=None if row.chair is None else officers[row.chair].pk,
                carers_views="The carers described the year and the support they had.",
                recommendation=row.recommendation,
                panel_date=row.panel_date,
            )
            for row in fostering.reviews
        ],
        batch_size=BATCH_SIZE,
    )
    ChangeOfCircumstances.objects.bulk_create(
        [
            ChangeOfCircumstances(
                household_id=households[row.household].pk, recorded=row.recorded, kind=row.kind
            )
            for row in fostering.changes
        ],
        batch_size=BATCH_SIZE,
    )
    placements = Placement.objects.bulk_create(
        [
            Placement(
                household_id=households[row.household].pk,
                child_id=children[row.child].pk,
                start=row.start,
            )
            for row in fostering.placements
        ],
        batch_size=BATCH_SIZE,
    )
    PlacementView.objects.bulk_create(
        [
            PlacementView(
                placement_id=placements[row.placement].pk,
                recorded=row.recorded,
                iro_id=None if row.iro is None else iros[row.iro].pk,
                meets_needs=row.meets_needs,
                view=row.view,
            )
            for row in fostering.views
        ],
        batch_size=BATCH_SIZE,
    )
    return officers


def _unique(name: str, taken: set[str], suffix: str) -> str:
    """`name`, or `name` with a numbered suffix when a record already has it."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = name + suffix.format(n=n)
    taken.add(candidate)
    return candidate


SignIn = tuple[str, str, str]  # (role name, username, password)


def is_empty_database() -> bool:
    """No children and no accounts: the only database `irohub serve` fills with a demo."""
    return not Child.objects.exists() and not get_user_model().objects.exists()


def create_demo_council_with_sign_ins(*, children: int) -> tuple[DemoStats, list[SignIn]]:
    """The demo council and a sign-in for each role, on an empty database only.

    Demo sign-ins are made here and nowhere else: never on a database that already has
    accounts, so an account an administrator has since disabled, changed or stripped of a
    role stays as they left it.
    """
    with transaction.atomic():
        if not is_empty_database():
            raise DemoError(
                "the database is not empty: demo sign-ins are made on an empty one only"
            )
        stats = load_demo_council(children=children, years=5, seed=1)
        sign_ins = _create_demo_users()
        record_event(
            actor=None,
            action=EventType.DEMO_SIGN_INS_CREATED,
            target=Team.objects.order_by("id").first(),
            usernames=[username for _, username, _ in sign_ins],
        )
    return stats, sign_ins


def _create_demo_users() -> list[SignIn]:
    """Create the administrator "admin", a team manager, a service manager and an auditor,
    and give the busiest IRO in post (created with the council, unusable password) the demo
    IRO password. Called only by create_demo_council_with_sign_ins."""
    User = get_user_model()
    admin = User.objects.create_superuser(
        username=ADMIN_USERNAME,
        email="admin@demo.invalid",
        password=ADMIN_PASSWORD,
        first_name="Demo",
        last_name="Administrator",
    )
    UserRole.objects.create(user=admin, role=ADMINISTRATOR.key)
    sign_ins: list[SignIn] = [(ADMINISTRATOR.name, ADMIN_USERNAME, ADMIN_PASSWORD)]

    busiest = (
        IRO.objects.filter(end_date__isnull=True, user__is_active=True)
        .select_related("user", "team")
        .annotate(caseload=Count("allocations", filter=Q(allocations__end__isnull=True)))
        .order_by("-caseload", "id")
        .first()
    )
    if busiest is not None:
        busiest.user.set_password(IRO_PASSWORD)
        busiest.user.save(update_fields=["password"])
        UserRole.objects.get_or_create(user=busiest.user, role=IRO_ROLE.key)
        sign_ins.append((IRO_ROLE.name, busiest.user.get_username(), IRO_PASSWORD))

    # The demo social worker is whoever holds the most children today.
    today = timezone.localdate()
    holding = Q(allocations__start__lte=today) & (
        Q(allocations__end__isnull=True) | Q(allocations__end__gte=today)
    )
    social_worker = (
        SocialWorker.objects.select_related("user", "team")
        .annotate(holds=Count("allocations", filter=holding))
        .order_by("-holds", "id")
        .first()
    )
    if social_worker is not None:
        social_worker.user.set_password(SOCIAL_WORKER_PASSWORD)
        social_worker.user.save(update_fields=["password"])
        sign_ins.append(
            (SOCIAL_WORKER.name, social_worker.user.get_username(), SOCIAL_WORKER_PASSWORD)
        )

    # Likewise the foster carer reviewing officer with the most households.
    firo = (
        ReviewingOfficer.objects.filter(end_date__isnull=True, user__is_active=True)
        .select_related("user")
        .annotate(load=Count("households", filter=Q(households__deregistered__isnull=True)))
        .order_by("-load", "id")
        .first()
    )
    if firo is not None:
        firo.user.set_password(FIRO_PASSWORD)
        firo.user.save(update_fields=["password"])
        sign_ins.append((FIRO_ROLE.name, firo.user.get_username(), FIRO_PASSWORD))

    for role, username, first_name, last_name, password in DEMO_PEOPLE:
        person = User.objects.create_user(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@demo.invalid",
        )
        UserRole.objects.create(user=person, role=role.key)
        if role is TEAM_MANAGER and busiest is not None:
            busiest.team.managers.add(person)
        if role is SOCIAL_WORK_MANAGER and social_worker is not None:
            social_worker.team.managers.add(person)
        sign_ins.append((role.name, username, password))
    return sign_ins


def demo_sign_ins() -> list[SignIn]:
    """The published demo sign-ins that still work, to print at start-up. Read only: an
    account is listed only while it is active, holds the role and has the demo password."""
    User = get_user_model()
    people = [(ADMINISTRATOR, ADMIN_USERNAME, ADMIN_PASSWORD)]
    people += [(role, username, password) for role, username, _, _, password in DEMO_PEOPLE]
    # The demo IRO is whichever IRO still has the demo IRO password (few have any).
    # The demo IRO and social worker are whoever still has the demo password (few have any).
    for role, password in (
        (IRO_ROLE, IRO_PASSWORD),
        (SOCIAL_WORKER, SOCIAL_WORKER_PASSWORD),
        (FIRO_ROLE, FIRO_PASSWORD),
    ):
        people += [
            (role, username, password)
            for username in User.objects.filter(roles__role=role.key)
            .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
            .values_list("username", flat=True)
        ]
    working = []
    for role, username, password in people:
        user = User.objects.filter(username=username, is_active=True, roles__role=role.key).first()
        if user is not None and check_password(password, user.password):
            working.append((role.name, username, password))
    order = [
        ADMINISTRATOR.name,
        IRO_ROLE.name,
        SOCIAL_WORKER.name,
        FIRO_ROLE.name,
        *(role.name for role, *_ in DEMO_PEOPLE),
    ]
    return sorted(working, key=lambda sign_in: order.index(sign_in[0]))
