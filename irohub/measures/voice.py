"""The child's and family's voice around a review, from the review checklist, the
consultation returned and the advocacy referrals (spec/measures.md §B and §C):

- M-PAR-02 the IRO spoke to the child before the review (IRO-4), reviews of children 4+;
- M-PAR-05 advocacy referrals in the year (count; by reason, new or re-referral, age,
  outcome — Central Bedfordshire's tables) and M-PAR-05a reviews with advocacy offered;
- M-PAR-06 the child's consultation returned before the review (children 4+), M-PAR-06a a
  parent's, M-PAR-06b the carer's;
- M-PRC-01 the social worker's report received the configured time before (REP-1);
- `booklet_answers`: the answers to each question by age band (the booklet tables).

An SSDA903 return holds none of this: the measures then say "no data".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date

from irohub.measures.catalogue import Kind, MeasureDefinition, Row, Scope, Section
from irohub.measures.dimensions import (
    AGE_BAND_4_PLUS,
    STANDARD,
    age_on,
    row_dimension,
)
from irohub.measures.results import NoData
from irohub.records.advocacy import OUTCOMES, REASONS
from irohub.records.consultation import FORMS, FormVersion, Respondent
from irohub.records.register import ChildRecord, PreparationRecord, Register
from irohub.statutory import default_calendar
from irohub.statutory.review_preparation import report_deadline

__all__ = [
    "BOOKLET_AGE_BANDS",
    "DEFINITIONS",
    "VOICE",
    "booklet_age_band",
    "booklet_answers",
]

_NOT_HELD_CONSULTATION = (
    "the data does not hold review checklists or consultation returns (an SSDA903 return "
    "has neither)"
)
_NOT_HELD_ADVOCACY = "the data does not hold advocacy referrals (an SSDA903 return has none)"


def _reviews_in(child: ChildRecord, scope: Scope) -> list[date]:
    first, last = scope.year.start, scope.year.end
    return sorted(
        review.held
        for period in child.periods
        for review in period.reviews
        if first <= review.held <= last
    )


def _aged_4_plus(child: ChildRecord, day: date) -> bool:
    return age_on(child.date_of_birth, day) >= 4


def _preparation_rows(
    scope: Scope,
    counted: Callable[[PreparationRecord | None, date], bool],
    *,
    four_plus: bool,
) -> list[Row] | NoData:
    if not scope.register.consultation_held:
        return NoData(_NOT_HELD_CONSULTATION)
    rows: list[Row] = []
    for child in scope.register.children:
        prepared: dict[date, PreparationRecord] = {p.review_held: p for p in child.preparations}
        for held in _reviews_in(child, scope):
            if four_plus and not _aged_4_plus(child, held):
                continue
            rows.append(Row(child.child_id, held, counted(prepared.get(held), held)))
    return rows


def _par02_rows(scope: Scope) -> list[Row] | NoData:
    return _preparation_rows(
        scope,
        lambda p, held: p is not None and p.spoke_to_child is not None and p.spoke_to_child <= held,
        four_plus=True,
    )


def _prc01_rows(scope: Scope) -> list[Row] | NoData:
    calendar = scope.calendar or default_calendar()
    lead = scope.register.report_lead
    return _preparation_rows(
        scope,
        lambda p, held: (
            p is not None
            and p.report_received is not None
            and p.report_received <= report_deadline(held, lead, calendar)
        ),
        four_plus=False,
    )


def _par05a_rows(scope: Scope) -> list[Row] | NoData:
    return _preparation_rows(
        scope,
        lambda p, held: (
            p is not None and p.advocacy_offered is not None and p.advocacy_offered <= held
        ),
        four_plus=True,
    )


def _returned_rows(scope: Scope, respondent: Respondent, *, four_plus: bool) -> list[Row] | NoData:
    if not scope.register.consultation_held:
        return NoData(_NOT_HELD_CONSULTATION)
    rows: list[Row] = []
    for child in scope.register.children:
        returned = {
            c.review_held
            for c in child.consultations
            if c.respondent == respondent.value
            and c.review_held is not None
            and c.returned <= c.review_held
            and not FORMS[FormVersion(c.version)].after_review
        }
        for held in _reviews_in(child, scope):
            if four_plus and not _aged_4_plus(child, held):
                continue
            rows.append(Row(child.child_id, held, held in returned))
    return rows


def _referral_rows(scope: Scope) -> list[Row] | NoData:
    if not scope.register.advocacy_held:
        return NoData(_NOT_HELD_ADVOCACY)
    first, last = scope.year.start, scope.year.end
    rows = [
        Row(
            child.child_id,
            referral.referred,
            True,
            (
                REASONS.get(referral.reason, referral.reason),
                "Re-referral" if referral.re_referral else "New request",
                OUTCOMES.get(referral.outcome, referral.outcome or "Not recorded"),
                age_on(child.date_of_birth, referral.referred),
            ),
        )
        for child in scope.register.children
        for referral in child.advocacy_referrals
        if first <= referral.referred <= last
    ]
    return sorted(rows, key=lambda row: (row.day, row.child_id))


REASON = row_dimension("reason", lambda row: str(row.columns[0]), tuple(REASONS.values()))
REFERRAL_TYPE = row_dimension(
    "new or re-referral", lambda row: str(row.columns[1]), ("New request", "Re-referral")
)
OUTCOME = row_dimension("outcome", lambda row: str(row.columns[2]), tuple(OUTCOMES.values()))
# Central Bedfordshire counts referrals by the young person's age in years (6 to 24).
AGE_IN_YEARS = row_dimension(
    "age", lambda row: str(row.columns[3]), tuple(str(age) for age in range(0, 26))
)

_FOUR_PLUS = (AGE_BAND_4_PLUS, *STANDARD[1:])

DEFINITIONS: tuple[MeasureDefinition, ...] = (
    MeasureDefinition(
        "M-PAR-02",
        "IRO spoke to the child before the review",
        Section.PARTICIPATION,
        "review",
        _par02_rows,
        description=(
            "Reviews of children aged 4 or over held in the year whose checklist records "
            "that the IRO saw or spoke to the child before the meeting (IRO-4)."
        ),
        dimensions=_FOUR_PLUS,
        numerator_label="spoke to the child",
    ),
    MeasureDefinition(
        "M-PAR-05",
        "Advocacy referrals",
        Section.PARTICIPATION,
        "referral",
        _referral_rows,
        kind=Kind.COUNT,
        description=(
            "Referrals to the advocacy service made in the year, by reason, new request or "
            "re-referral, outcome and the young person's age."
        ),
        columns=("reason", "new or re-referral", "outcome", "age"),
        dimensions=(REASON, REFERRAL_TYPE, AGE_IN_YEARS, OUTCOME, *STANDARD),
    ),
    MeasureDefinition(
        "M-PAR-05a",
        "Advocacy offered before the review",
        Section.PARTICIPATION,
        "review",
        _par05a_rows,
        description=(
            "Reviews of children aged 4 or over whose checklist records that an advocate "
            "was offered before the meeting (IRO Handbook: before every review)."
        ),
        dimensions=_FOUR_PLUS,
        variant_of="M-PAR-05",
        numerator_label="advocacy offered",
    ),
    MeasureDefinition(
        "M-PAR-06",
        "Child's consultation returned before the review",
        Section.PARTICIPATION,
        "review",
        lambda scope: _returned_rows(scope, Respondent.CHILD, four_plus=True),
        description=(
            "Reviews of children aged 4 or over held in the year for which the child's "
            "consultation (online form, booklet, app or conversation) reached the IRO on or "
            "before the day of the review."
        ),
        dimensions=_FOUR_PLUS,
        numerator_label="returned",
    ),
    MeasureDefinition(
        "M-PAR-06a",
        "A parent's consultation returned before the review",
        Section.PARTICIPATION,
        "review",
        lambda scope: _returned_rows(scope, Respondent.PARENT, four_plus=False),
        description=(
            "Reviews held in the year for which at least one parent's consultation reached "
            "the IRO on or before the day of the review."
        ),
        variant_of="M-PAR-06",
        numerator_label="returned",
    ),
    MeasureDefinition(
        "M-PAR-06b",
        "The carer's consultation returned before the review",
        Section.PARTICIPATION,
        "review",
        lambda scope: _returned_rows(scope, Respondent.CARER, four_plus=False),
        description=(
            "Reviews held in the year for which the carer's consultation reached the IRO "
            "on or before the day of the review."
        ),
        variant_of="M-PAR-06",
        numerator_label="returned",
    ),
    MeasureDefinition(
        "M-PRC-01",
        "Social work report received before the review",
        Section.PROCESS,
        "review",
        _prc01_rows,
        description=(
            "Reviews held in the year whose social work report reached the IRO at least the "
            "council's lead time before the meeting (REP-1: working days; 0 means by the day "
            "before, the '24 hours' standard)."
        ),
        numerator_label="in time",
    ),
)

# By id: participation.py and process.py place each in the spec's order.
VOICE: dict[str, MeasureDefinition] = {definition.id: definition for definition in DEFINITIONS}

# --- the booklet tables -------------------------------------------------------------------

BOOKLET_AGE_BANDS = ("4 to 10", "11 to 15", "16 and over")


def booklet_age_band(age: int) -> str:
    """The booklet tables' bands, which follow the forms: younger children up to 10."""
    if age <= 10:
        return "4 to 10"
    if age <= 15:
        return "11 to 15"
    return "16 and over"


def booklet_answers(
    register: Register, first: date, last: date, *, respondent: str = "child"
) -> dict[str, dict[str, dict[str, Counter[str]]]] | None:
    """How often each answer was given to each question of the forms returned from `first`
    to `last` (by `respondent`; children of 4 and over by their age band on the day),
    as {question key: {age band: Counter(answer)}} per group of forms: "before" the
    review and "after" it (feedback). None when the data holds no consultation."""
    if not register.consultation_held:
        return None
    out: dict[str, dict[str, dict[str, Counter[str]]]] = {
        "before": defaultdict(lambda: defaultdict(Counter)),
        "after": defaultdict(lambda: defaultdict(Counter)),
    }
    for child in register.children:
        for consultation in child.consultations:
            if consultation.respondent != respondent or not first <= consultation.returned <= last:
                continue
            age = age_on(child.date_of_birth, consultation.returned)
            if respondent == "child" and age < 4:
                continue
            band = booklet_age_band(age) if respondent == "child" else "All"
            group = "after" if FORMS[FormVersion(consultation.version)].after_review else "before"
            for key, answer in consultation.answers:
                out[group][key][band][answer] += 1
    # Plain dictionaries (no lambdas inside): the report's figures are cached, pickled.
    return {
        group: {key: dict(bands) for key, bands in table.items()} for group, table in out.items()
    }
