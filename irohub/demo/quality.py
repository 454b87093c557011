"""The demo council's quality assurance (pure Python, its own random stream): a rating
after every review in the window, the challenges amber and red ratings open, their
escalations through the formal stages, recognitions of good practice, complaints and
compliments, and observations of each IRO chairing.

Rates from the seed reports: Wolverhampton 2021/22 — 92% green, 6.5% amber, 1.5% red;
46 formal resolutions from 1,298 ratings (43 at stage 1, 2 at stage 2, 1 at stage 3); 33
recognitions; 14 compliments, no complaints. Central Bedfordshire 2017/18 — 3% gold;
observations of each IRO yearly. The challenges' moves go through the rules core
(irohub.statutory.resolution), so every demo challenge is one the process allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from irohub.statutory import WorkingDayCalendar
from irohub.statutory import resolution as process
from irohub.statutory.resolution import Outcome, ResolutionState, Stage

__all__ = ["ChallengeRow", "DemoQuality", "RatingRow", "generate_quality"]

THEMES = (
    "Drift or delay in permanence",
    "Care plan not updated",
    "Placement suitability",
    "Family time (contact)",
    "Health",
    "Education (PEP)",
    "Social worker not allocated or changed",
    "Review paperwork late",
    "Life story work and later life letters",
    "Pathway planning and independence",
)
# Care planning: gold (Central Bedfordshire's 3%, taken from green), green, amber, red.
CARE_PLANNING = {"gold": 2.0, "green": 90.0, "amber": 6.5, "red": 1.5}
OTHER_RATINGS = {"gold": 2.0, "green": 88.0, "amber": 8.0, "red": 2.0}
ESCALATE_TO_STAGE_1 = 0.42  # of informal challenges (46 formal of ~104 amber/red)
ESCALATE_TO_STAGE_2 = 0.05  # of stage 1 (2 of 43)
ESCALATE_TO_STAGE_3 = 0.4  # of stage 2
CAFCASS = 0.01
RECOGNITION = 0.025  # of green and gold ratings (33 of 1,298)
PLAN_IN_DATE = {
    "pep": 0.93,
    "health_assessment": 0.9,
    "sdq": 0.8,
    "pathway_plan": 0.85,
    "permanence_plan": 0.88,
}


@dataclass(frozen=True, slots=True)
class RatingRow:
    review: int  # position in DemoCouncil.reviews
    rated_on: date
    care_planning: str
    preparation: str
    social_work_report: str
    care_plan_up_to_date: bool
    plans: dict[str, str]
    themes: tuple[str, ...]
    feedback: str
    recognised: str  # "" when no recognition was sent


@dataclass(frozen=True, slots=True)
class StepRow:
    kind: str  # opened, responded, escalated, closed, cafcass
    day: date
    stage: int
    text: str


@dataclass(frozen=True, slots=True)
class ChallengeRow:
    review: int
    themes: tuple[str, ...]
    issue: str
    state: ResolutionState
    agreed_action: str
    steps: tuple[StepRow, ...]


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    kind: str
    received: date
    source: str
    iro: int | None
    summary: str
    outcome: str
    concluded: date | None


@dataclass(frozen=True, slots=True)
class ObservationRow:
    iro: int
    observed: date
    rating: str
    feedback: str


@dataclass
class DemoQuality:
    ratings: list[RatingRow] = field(default_factory=list)
    challenges: list[ChallengeRow] = field(default_factory=list)
    feedback: list[FeedbackRow] = field(default_factory=list)
    observations: list[ObservationRow] = field(default_factory=list)


def _pick(rng: Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _plans(rng: Random, age: int) -> dict[str, str]:
    plans = {}
    for key, share in PLAN_IN_DATE.items():
        applies = {
            "pathway_plan": age >= 16,
            "sdq": 4 <= age <= 17,
            "pep": 3 <= age <= 17,
        }.get(key, True)
        plans[key] = ("yes" if rng.random() < share else "no") if applies else "na"
    return plans


def _walk(
    rng: Random, opened: date, as_of: date, calendar: WorkingDayCalendar
) -> tuple[ResolutionState, str, list[StepRow]]:
    """A challenge's life: a response, then closing or escalating, while the dates stay
    before `as_of` (a challenge still in progress is left open)."""
    state = process.open_challenge(opened)
    steps: list[StepRow] = []
    agreed = ""
    targets = {Stage.INFORMAL: ESCALATE_TO_STAGE_1, Stage.STAGE_1: ESCALATE_TO_STAGE_2}
    targets[Stage.STAGE_2] = ESCALATE_TO_STAGE_3
    while True:
        reply = calendar.add_working_days(state.stage_started, rng.randint(2, 7))
        if reply > as_of:
            return state, agreed, steps
        state = process.respond(state, reply)
        steps.append(StepRow("responded", reply, state.stage, "Response from the manager"))
        decide = calendar.add_working_days(reply, rng.randint(1, 4))
        if decide > as_of:
            return state, agreed, steps
        # Once per challenge: a case already with Cafcass is not referred again (DR-3).
        if rng.random() < CAFCASS and state.stage.formal and state.cafcass_referred is None:
            state = process.refer_to_cafcass(state, decide)
            steps.append(StepRow("cafcass", decide, state.stage, "Referred to Cafcass"))
        if state.stage < Stage.STAGE_3 and rng.random() < targets[state.stage]:
            state = process.escalate(state, decide)
            steps.append(StepRow("escalated", decide, state.stage, "Not resolved: escalated"))
            continue
        outcome = _pick(rng, {"resolved": 85, "partly resolved": 12, "not resolved": 3})
        agreed = "Actions agreed with the team manager, with dates"
        state = process.close(state, decide, Outcome(outcome), agreed_action=agreed)
        steps.append(StepRow("closed", decide, state.stage, agreed))
        return state, agreed, steps


def generate_quality(
    *,
    seed: int,
    reviews: list[tuple[date, date, int | None]],
    iros: list[tuple[date, date | None]],
    window_start: date,
    as_of: date,
    calendar: WorkingDayCalendar,
) -> DemoQuality:
    """`reviews`: (held, child's date of birth, chair) in the council's order; `iros`: each
    IRO's (start, end). Only reviews in the window are rated (they are the ones recorded
    since the service started rating)."""
    rng = Random(f"{seed}-quality")
    out = DemoQuality()
    for index, (held, born, _chair) in enumerate(reviews):
        if held < window_start:
            continue
        rated_on = min(held + timedelta(days=rng.randint(0, 5)), as_of)
        care = _pick(rng, CARE_PLANNING)
        themes: tuple[str, ...] = ()
        feedback = ""
        if care in ("amber", "red"):
            themes = tuple(sorted(rng.sample(THEMES, rng.choice((1, 1, 2, 3)))))
            feedback = f"Concerns about {themes[0].lower()}"
        elif rng.random() < 0.1:
            themes = (rng.choice(THEMES),)
        age = held.year - born.year - ((held.month, held.day) < (born.month, born.day))
        recognised = (
            "The social worker" if care in ("gold", "green") and rng.random() < RECOGNITION else ""
        )
        out.ratings.append(
            RatingRow(
                review=index,
                rated_on=rated_on,
                care_planning=care,
                preparation=_pick(rng, OTHER_RATINGS),
                social_work_report=_pick(rng, OTHER_RATINGS),
                care_plan_up_to_date=care in ("gold", "green") or rng.random() < 0.5,
                plans=_plans(rng, age),
                themes=themes,
                feedback=feedback,
                recognised=recognised,
            )
        )
        if care in ("amber", "red"):
            state, agreed, steps = _walk(rng, rated_on, as_of, calendar)
            issue = f"Care planning rated {care}: {feedback}"
            opened = StepRow("opened", rated_on, 0, issue)
            out.challenges.append(
                ChallengeRow(index, themes, issue, state, agreed, (opened, *steps))
            )
    # Compliments (about 14 a year) and complaints (about 1 a year), and each IRO in post
    # observed chairing once a year.
    day = window_start
    while day <= as_of:
        if rng.random() < 14 / 365:
            out.feedback.append(
                FeedbackRow(
                    "compliment",
                    day,
                    rng.choice(["parent", "carer", "professional", "child"]),
                    _iro_on(rng, iros, day),
                    "Thanked the IRO for chairing the review well",
                    "",
                    None,
                )
            )
        if rng.random() < 1 / 365:
            concluded = day + timedelta(days=rng.randint(5, 40))
            out.feedback.append(
                FeedbackRow(
                    "complaint",
                    day,
                    "parent",
                    _iro_on(rng, iros, day),
                    "Unhappy with how the review was arranged",
                    "Explained and apologised; arrangements changed",
                    concluded if concluded <= as_of else None,
                )
            )
        day += timedelta(days=1)
    year_start = window_start
    while year_start <= as_of:
        for key, (start, end) in enumerate(iros):
            observed = year_start + timedelta(days=rng.randint(30, 330))
            if start <= observed <= as_of and (end is None or observed <= end):
                out.observations.append(
                    ObservationRow(
                        key,
                        observed,
                        _pick(rng, {"gold": 10, "green": 85, "amber": 5}),
                        "Chaired with the child at the centre of the review",
                    )
                )
        year_start = date(year_start.year + 1, year_start.month, min(year_start.day, 28))
    return out


def _iro_on(rng: Random, iros: list[tuple[date, date | None]], day: date) -> int | None:
    in_post = [
        k for k, (start, end) in enumerate(iros) if start <= day and (end is None or day <= end)
    ]
    return rng.choice(in_post) if in_post else None
