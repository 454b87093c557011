"""The database path to core records (irohub.records.register).

The register held in the database becomes the same records the SSDA903 reader makes from
files, so measures, exports and checks see one shape whichever way the data arrived.
Eleven queries for the whole register, streamed, with no query per child: fine for 100,000
children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import fields

from django.conf import settings

from irohub.accounts.models import IRO
from irohub.children.models import (
    RETURN_ITEMS,
    AdoptionDecision,
    CarePeriod,
    Child,
    Episode,
    PersonAroundChild,
    advocacy_referral_model,
    allocation_model,
    preparation_model,
    protection_model,
    review_model,
)
from irohub.core.council import child_population
from irohub.records.consultation import answer_pairs
from irohub.records.lifecycle import ParentPart, PersonRecord, ReviewDetails
from irohub.records.register import (
    AdoptionDecisionRecord,
    AdvocacyReferralRecord,
    AllocationRecord,
    CarePeriodRecord,
    ChallengeRecord,
    ChildRecord,
    ConferenceRecord,
    ConsultationRecord,
    EpisodeRecord,
    IroRecord,
    PreparationRecord,
    ProtectionRecord,
    RatingRecord,
    Register,
    ReviewRecord,
)
from irohub.ssda903.postcodes import with_placement_locations
from irohub.statutory.conferences import ConferenceStart, pre_birth_icpc_due

CHUNK = 5000  # rows fetched at a time when streaming

# Apps above this one add their own records to the register (fostering households and
# their reviewing officers): children cannot import them, so each registers a function
# (register -> register with its records) here from its AppConfig.ready().
REGISTER_EXTENSIONS: list[Callable[[Register], Register]] = []

# In the order of EpisodeRecord's fields, so each row makes a record positionally (quick).
EPISODE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EpisodeRecord))


def register_from_database() -> Register:
    """Every child in the register with their care periods, episodes and reviews, in date
    order, with the service's staff and the council's child population (a setting). The
    database holds complete histories, so `history_from` is None."""
    episodes: dict[int, list[EpisodeRecord]] = defaultdict(list)
    rows = Episode.objects.order_by("care_period_id", "start", "id").values_list(
        "care_period_id", *EPISODE_FIELDS
    )
    for period_id, *values in rows.iterator(chunk_size=CHUNK):
        episodes[period_id].append(EpisodeRecord(*values))

    parents = review_parents()
    reviews: dict[int, list[ReviewRecord]] = defaultdict(list)
    rows = (
        review_model()
        .objects.order_by("care_period_id", "held")
        .values_list("care_period_id", "held", "participation", "chair_id", *DETAIL_FIELDS)
    )
    for period_id, held, participation, chair_id, pk, *details in rows.iterator(chunk_size=CHUNK):
        chair = "" if chair_id is None else str(chair_id)
        reviews[period_id].append(
            ReviewRecord(held, participation, chair, review_details(pk, details, parents))
        )

    allocations: dict[int, list[AllocationRecord]] = defaultdict(list)
    rows = (
        allocation_model()
        .objects.order_by("child_id", "start", "id")
        .values_list("child_id", "iro_id", "start", "end")
    )
    for child_id, iro_id, start, end in rows.iterator(chunk_size=CHUNK):
        allocations[child_id].append(AllocationRecord(str(iro_id), start, end))

    consultations, preparations = _views_and_checklists()
    referrals: dict[int, list[AdvocacyReferralRecord]] = defaultdict(list)
    rows = (
        advocacy_referral_model()
        .objects.order_by("child_id", "referred", "id")
        .values_list("child_id", "referred", "reason", "re_referral", "outcome")
    )
    for child_id, referred, reason, re_referral, outcome in rows.iterator(chunk_size=CHUNK):
        referrals[child_id].append(AdvocacyReferralRecord(referred, reason, re_referral, outcome))
    decisions: dict[int, list[AdoptionDecisionRecord]] = defaultdict(list)
    rows = AdoptionDecision.objects.order_by("child_id", "decided").values_list(
        "child_id", "decided", "ceased", "reason_ceased"
    )
    for child_id, *values in rows.iterator(chunk_size=CHUNK):
        decisions[child_id].append(AdoptionDecisionRecord(*values))

    periods: dict[int, list[CarePeriodRecord]] = defaultdict(list)
    rows = CarePeriod.objects.order_by("child_id", "start").values_list(
        "id", "child_id", "start", "end"
    )
    for period_id, child_id, start, end in rows.iterator(chunk_size=CHUNK):
        periods[child_id].append(
            CarePeriodRecord(
                start=start,
                end=end,
                episodes=tuple(episodes.pop(period_id, ())),
                reviews=tuple(reviews.pop(period_id, ())),
            )
        )

    people: dict[int, list[PersonRecord]] = defaultdict(list)
    rows = PersonAroundChild.objects.order_by("child_id", "start", "id").values_list(
        "child_id", "role", "start", "end"
    )
    for child_id, role, start, end in rows.iterator(chunk_size=CHUNK):
        people[child_id].append(PersonRecord(role, start, end))
    protection = protection_records()

    children = []
    rows = Child.objects.order_by("identifier").values_list(
        "id", "identifier", "disability", *RETURN_ITEMS
    )
    for child_id, identifier, disability, *items in rows.iterator(chunk_size=CHUNK):
        children.append(
            ChildRecord(
                child_id=identifier,
                periods=tuple(periods.pop(child_id, ())),
                disability=disability,
                allocations=tuple(allocations.pop(child_id, ())),
                people=tuple(people.pop(child_id, ())),
                consultations=tuple(consultations.pop(child_id, ())),
                advocacy_referrals=tuple(referrals.pop(child_id, ())),
                preparations=tuple(preparations.pop(child_id, ())),
                protection=tuple(protection.pop(child_id, ())),
                adoption_decisions=tuple(decisions.pop(child_id, ())),
                **dict(zip(RETURN_ITEMS, items, strict=True)),
            )
        )
    register = Register(
        children=tuple(children),
        history_from=None,
        staff=staff_records(),
        child_population=child_population(),
        consultation_held=True,
        advocacy_held=True,
        report_lead=settings.IROHUB_REPORT_LEAD_WORKING_DAYS,
        protection_held=True,
        ratings=rating_records(),
        challenges=challenge_records(),
    )
    for extend in REGISTER_EXTENSIONS:
        register = extend(register)
    # Each placement's authority, in or out of area, distance from home (as the DfE
    # validator derives them from the postcodes; the council's own area from the setting,
    # else inferred from the children's home postcodes).
    return with_placement_locations(register, council=settings.IROHUB_COUNCIL_AREA)


# What a review row carries beyond the SSDA903 items (irohub.records.lifecycle).
DETAIL_FIELDS = (
    "id",
    "late_reason",
    "decisions_circulated",
    "record_distributed",
    "attendance",
    "chairing",
    "meeting_format",
    "interpreter_used",
    "adjournments",
)


def review_parents() -> dict[int, list[ParentPart]]:
    """Each review's parents' parts, by review id (one query)."""
    parts = review_model()._meta.get_field("parents").related_model
    found: dict[int, list[ParentPart]] = defaultdict(list)
    rows = parts.objects.order_by("review_id", "id").values_list(
        "review_id", "person__role", "status"
    )
    for review_id, role, status in rows.iterator(chunk_size=CHUNK):
        found[review_id].append(ParentPart(role, status))
    return found


def review_details(
    review_id: int, values: list[object], parents: dict[int, list[ParentPart]]
) -> ReviewDetails:
    late, decisions, record, attendance, chairing, meeting_format, interpreter, adjournments = (
        values
    )
    return ReviewDetails(
        parents=tuple(parents.pop(review_id, ())),
        late_reason=late,  # type: ignore[arg-type]
        decisions_circulated=decisions,  # type: ignore[arg-type]
        record_distributed=record,  # type: ignore[arg-type]
        advocate_present="advocate" in (attendance or ()),  # type: ignore[operator]
        chairing=chairing,  # type: ignore[arg-type]
        meeting_format=meeting_format,  # type: ignore[arg-type]
        interpreter_used=interpreter,  # type: ignore[arg-type]
        adjournments=adjournments,  # type: ignore[arg-type]
    )


def _views_and_checklists() -> tuple[
    dict[int, list[ConsultationRecord]], dict[int, list[PreparationRecord]]
]:
    """Each child's consultation returns and the checklists of their reviews held."""
    preparation = preparation_model()
    response = preparation._meta.get_field("responses").related_model
    consultations: dict[int, list[ConsultationRecord]] = defaultdict(list)
    rows = response.objects.order_by("preparation__child_id", "returned", "id").values_list(
        "preparation__child_id",
        "respondent",
        "version",
        "returned",
        "preparation__review__held",
        "answers",
    )
    for child_id, respondent, version, returned, held, answers in rows.iterator(chunk_size=CHUNK):
        consultations[child_id].append(
            ConsultationRecord(
                respondent, version, returned, held, answer_pairs(version, answers or {})
            )
        )
    preparations: dict[int, list[PreparationRecord]] = defaultdict(list)
    rows = (
        preparation.objects.filter(review__isnull=False)
        .order_by("child_id", "review__held")
        .values_list(
            "child_id", "review__held", "report_received", "spoke_to_child", "advocacy_offered"
        )
    )
    for child_id, *values in rows.iterator(chunk_size=CHUNK):
        preparations[child_id].append(PreparationRecord(*values))
    return consultations, preparations


def protection_records() -> dict[int, list[ProtectionRecord]]:
    """Each child's child protection cases with their conferences, oldest first, by the
    child's primary key (two queries, streamed)."""
    case_model = protection_model()
    conference_model = case_model._meta.get_field("conferences").related_model
    conferences: dict[int, list[ConferenceRecord]] = defaultdict(list)
    rows = conference_model.objects.order_by("case_id", "held").values_list(
        "case_id", "held", "participation", "chair_id", "attendance", "quorate"
    )
    for case_id, held, participation, chair_id, attendance, quorate in rows.iterator(
        chunk_size=CHUNK
    ):
        conferences[case_id].append(
            ConferenceRecord(held, participation, str(chair_id), "parent" in attendance, quorate)
        )
    cases: dict[int, list[ProtectionRecord]] = defaultdict(list)
    rows = case_model.objects.order_by("child_id", "start", "id").values_list(
        "id",
        "child_id",
        "begins",
        "start",
        "s47_start",
        "expected_delivery",
        "plan_start",
        "category",
        "latest_category",
        "ended",
        "end_reason",
        "chair_id",
    )
    for case_id, child_id, begins, start, s47, delivery, plan_start, *rest in rows.iterator(
        chunk_size=CHUNK
    ):
        category, latest, ended, end_reason, chair_id = rest
        pre_birth = begins == ConferenceStart.PRE_BIRTH and delivery is not None
        cases[child_id].append(
            ProtectionRecord(
                begins=begins,
                start=start,
                conferences=tuple(conferences.pop(case_id, ())),
                s47_start=s47,
                first_due=pre_birth_icpc_due(delivery) if pre_birth else None,
                plan_start=plan_start,
                category=category,
                latest_category=latest,
                end=ended,
                end_reason=end_reason,
                chair=str(chair_id),
            )
        )
    return cases


def staff_records() -> tuple[IroRecord, ...]:
    """Every IRO the service has had, with team and FTE (one query)."""
    rows = IRO.objects.select_related("user", "team").order_by("id")
    return tuple(
        IroRecord(
            iro_id=str(iro.pk),
            name=str(iro),
            team=iro.team.name,
            fte=float(iro.fte),
            start=iro.start_date,
            end=iro.end_date,
        )
        for iro in rows
    )


# The other plans checked at a review (quality.models.PLAN_CHECKS' fields, in its order).
PLAN_FIELDS = ("pep", "health_assessment", "sdq", "pathway_plan", "permanence_plan")


def rating_records() -> tuple[RatingRecord, ...]:
    """Every quality rating of a review, with its themes and whether a challenge opened
    from the review reached a formal stage (four queries; irohub.quality's models reached
    through the relations they declare, as for reviews)."""
    rating_model = Child._meta.get_field("quality_ratings").related_model
    challenge_model = Child._meta.get_field("challenges").related_model
    escalated = set(
        challenge_model.objects.filter(stage__gte=1, review__isnull=False).values_list(
            "review_id", flat=True
        )
    )
    themes: dict[int, list[str]] = defaultdict(list)
    through = rating_model._meta.get_field("themes").remote_field.through
    for rating_id, name in through.objects.order_by("practicetheme__position").values_list(
        "qualityrating_id", "practicetheme__name"
    ):
        themes[rating_id].append(name)
    rows = rating_model.objects.order_by("child__identifier", "review__held").values_list(
        "id",
        "review_id",
        "child__identifier",
        "review__held",
        "care_planning",
        "care_plan_up_to_date",
        *PLAN_FIELDS,
    )
    return tuple(
        RatingRecord(
            child_id=identifier,
            held=held,
            care_planning=care,
            care_plan_up_to_date=up_to_date,
            plans=tuple(zip(PLAN_FIELDS, plans, strict=True)),
            themes=tuple(themes.get(rating_id, ())),
            escalated=review_id in escalated,
        )
        for rating_id, review_id, identifier, held, care, up_to_date, *plans in rows.iterator(
            chunk_size=CHUNK
        )
    )


def challenge_records() -> tuple[ChallengeRecord, ...]:
    """Every challenge with the stages it reached (from its opening and escalation steps),
    themes, social-work team and outcome (three queries)."""
    challenge_model = Child._meta.get_field("challenges").related_model
    step_model = challenge_model._meta.get_field("steps").related_model
    stages: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for challenge_id, stage, day in (
        step_model.objects.filter(kind__in=("opened", "escalated"))
        .order_by("day", "id")
        .values_list("challenge_id", "stage", "day")
    ):
        stages[challenge_id].append((stage, day))
    themes: dict[int, list[str]] = defaultdict(list)
    through = challenge_model._meta.get_field("themes").remote_field.through
    for challenge_id, name in through.objects.order_by("practicetheme__position").values_list(
        "challenge_id", "practicetheme__name"
    ):
        themes[challenge_id].append(name)
    rows = challenge_model.objects.order_by("opened", "id").values_list(
        "id",
        "child__identifier",
        "opened",
        "stage",
        "formal_started",
        "closed",
        "outcome",
        "social_work_team__name",
        "cafcass_referred",
    )
    return tuple(
        ChallengeRecord(
            child_id=identifier,
            opened=opened,
            # A challenge written without its steps (none should be) reached its stage on
            # the day it opened.
            stages=tuple(stages.get(pk) or [(stage, opened)]),  # type: ignore[arg-type]
            formal_started=formal_started,
            closed=closed,
            outcome=outcome,
            themes=tuple(themes.get(pk, ())),
            team=team or "",
            cafcass_referred=cafcass,
        )
        for pk, identifier, opened, stage, formal_started, closed, outcome, team, cafcass in rows
    )
