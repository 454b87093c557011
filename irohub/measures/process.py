"""Review process and record quality: M-PRC-01 to M-PRC-06 (spec/measures.md §C).

M-PRC-01 comes from the review checklist (irohub.measures.voice), M-PRC-02 and M-PRC-03
from what the IRO records after the review (irohub.measures.lifecycle). M-PRC-04 to 06
come from the IRO's quality rating after each review (irohub.quality; `Register.ratings`):
whether the care plan was up to date, the rating of care planning, and whether the other
plans were in date. An SSDA903 return holds no ratings: from files they say "no data".
"""

from __future__ import annotations

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import STANDARD, row_dimension
from irohub.measures.lifecycle import LIFECYCLE
from irohub.measures.results import NoData
from irohub.measures.voice import VOICE
from irohub.records.register import RatingRecord

__all__ = ["DEFINITIONS", "PLANS", "RATINGS", "RATINGS_NOT_HELD"]

RATINGS: dict[str, str] = {"gold": "Gold", "green": "Green", "amber": "Amber", "red": "Red"}
PLANS: dict[str, str] = {
    "pep": "Personal education plan",
    "health_assessment": "Health assessment",
    "sdq": "Strengths and difficulties questionnaire",
    "pathway_plan": "Pathway plan",
    "permanence_plan": "Permanence plan",
}
RATINGS_NOT_HELD = (
    "the data holds no quality ratings of reviews (an SSDA903 return has none; IRO Hub "
    "records them after each review)"
)
RATING = row_dimension(
    "rating",
    lambda row: RATINGS.get(str(row.columns[0]), str(row.columns[0])),
    tuple(RATINGS.values()),
)
PLAN = row_dimension(
    "plan", lambda row: PLANS.get(str(row.columns[0]), str(row.columns[0])), tuple(PLANS.values())
)


def _rated(scope: Scope) -> list[RatingRecord] | NoData:
    if scope.register.ratings is None:
        return NoData(RATINGS_NOT_HELD)
    return [rating for rating in scope.register.ratings if rating.held in scope.year]


def _prc04_rows(scope: Scope) -> list[Row] | NoData:
    rated = _rated(scope)
    if isinstance(rated, NoData):
        return rated
    return [Row(r.child_id, r.held, r.care_plan_up_to_date, (r.care_planning,)) for r in rated]


def _prc05_rows(scope: Scope) -> list[Row] | NoData:
    rated = _rated(scope)
    if isinstance(rated, NoData):
        return rated
    return [Row(r.child_id, r.held, True, (r.care_planning, ", ".join(r.themes))) for r in rated]


def _prc05b_rows(scope: Scope) -> list[Row] | NoData:
    rated = _rated(scope)
    if isinstance(rated, NoData):
        return rated
    return [
        Row(r.child_id, r.held, r.escalated, (r.care_planning, ", ".join(r.themes)))
        for r in rated
        if r.care_planning in ("amber", "red")
    ]


def _prc06_rows(scope: Scope) -> list[Row] | NoData:
    rated = _rated(scope)
    if isinstance(rated, NoData):
        return rated
    return [
        Row(r.child_id, r.held, in_date == "yes", (plan,))
        for r in rated
        for plan, in_date in r.plans
        if in_date != "na"
    ]


DEFINITIONS: tuple[MeasureDefinition, ...] = (
    VOICE["M-PRC-01"],
    LIFECYCLE["M-PRC-02"],
    LIFECYCLE["M-PRC-03"],
    MeasureDefinition(
        "M-PRC-04",
        "Care plan up to date at the review",
        Section.PROCESS,
        "review",
        _prc04_rows,
        description=(
            "Reviews rated by the IRO at which the child's care plan was up to date "
            "(the snapshot form of REC-3; when the plan was updated is not recorded)."
        ),
        columns=("care planning rating",),
        dimensions=(RATING, *STANDARD),
        numerator_label="care plan up to date",
    ),
    MeasureDefinition(
        "M-PRC-05",
        "Quality rating of care planning",
        Section.PROCESS,
        "review",
        _prc05_rows,
        kind=Kind.COUNT,
        description=(
            "Reviews the IRO rated for the quality of care planning, by rating (Gold, "
            "Green, Amber, Red)."
        ),
        columns=("care planning rating", "themes"),
        dimensions=(RATING, *STANDARD),
    ),
    MeasureDefinition(
        "M-PRC-05b",
        "Amber and red ratings that led to a formal challenge",
        Section.PROCESS,
        "review",
        _prc05b_rows,
        description=(
            "Reviews rated amber or red for care planning whose challenge went on to a "
            "formal stage of the dispute resolution process."
        ),
        columns=("care planning rating", "themes"),
        dimensions=(RATING, *STANDARD),
        variant_of="M-PRC-05",
        numerator_label="formal challenge",
    ),
    MeasureDefinition(
        "M-PRC-06",
        "Other plans checked at the review",
        Section.PROCESS,
        "plan checked",
        _prc06_rows,
        description=(
            "Plans the IRO checked at a rated review (PEP, health assessment, SDQ, pathway "
            "plan, permanence plan; those not applicable to the child left out) that were in "
            "date."
        ),
        columns=("plan",),
        dimensions=(PLAN, *STANDARD),
        numerator_label="in date",
    ),
)
