"""Core records: the one shape in which children's histories reach the measures.

Both paths build these — the database path (irohub.children.records, from ORM rows) and
the SSDA903 file path (irohub.ssda903.reader) — so a council's figures are the same
whichever way its data arrives; the SSDA903 writer and checks, the performance pages and
the annual report read them too. Pure Python; field names follow the register, codes
follow SSDA903 (irohub.records.codes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from irohub.records.codes import SHORT_BREAK_LEGAL_STATUSES
from irohub.records.fostering import Fostering
from irohub.records.lifecycle import PersonRecord, ReviewDetails
from irohub.records.oversight import IroContactRecord, VisitorOfferRecord
from irohub.records.placements import PlacementLocation
from irohub.records.workforce import Workforce


@dataclass(frozen=True, slots=True)
class EpisodeRecord:
    """One SSDA903 episode: a legal status and placement from `start` until `end`."""

    start: date
    reason_new_episode: str
    legal_status: str
    category_of_need: str
    placement: str
    placement_provider: str = ""
    end: date | None = None
    reason_ceased: str = ""
    reason_place_change: str = ""
    home_postcode: str = ""
    placement_postcode: str = ""
    urn: str = ""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    held: date
    participation: str  # SSDA903 REVIEW_CODE, PN0–PN7
    chair: str = ""  # the chairing IRO's `IroRecord.iro_id`; blank when not recorded
    # At and after the meeting (irohub.records.lifecycle); None when not held (SSDA903).
    details: ReviewDetails | None = None


@dataclass(frozen=True, slots=True)
class CarePeriodRecord:
    """One continuous period of care: its episodes and the reviews held in it, in date
    order. `end` is None while the child is still looked after."""

    start: date
    end: date | None
    episodes: tuple[EpisodeRecord, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()

    @property
    def reason_ceased(self) -> str:
        return self.episodes[-1].reason_ceased if self.episodes and self.end else ""

    def looked_after_on(self, day: date) -> bool:
        """Looked after on `day` (a period ending on a day is not open on it — OQ-14)."""
        return self.start <= day and (self.end is None or self.end > day)


@dataclass(frozen=True, slots=True)
class ChildRecord:
    child_id: str  # the council's identifier (SSDA903 CHILD)
    date_of_birth: date
    sex: str  # M or F (the register's codes; 1/2 only in returns before 2024/25)
    ethnicity: str
    periods: tuple[CarePeriodRecord, ...] = ()
    uasc: bool = False
    uasc_ceased: date | None = None
    upn: str = ""
    mother: str = ""  # "1", "0" or blank, as in the return
    mother_child_dob: date | None = None
    disability: bool | None = None  # None: not held (an SSDA903 return does not say)
    allocations: tuple[AllocationRecord, ...] = ()  # the child's IROs over time, in order
    # The people around the child over time (parents, carers, advocates…); None when the
    # data does not hold them (an SSDA903 return).
    people: tuple[PersonRecord, ...] | None = None
    # The child's child protection enquiries and plans, oldest first (a child may be on a
    # plan without ever being looked after). Empty in an SSDA903 return.
    protection: tuple[ProtectionRecord, ...] = ()
    # Views gathered before and after reviews, and advocacy referrals, in date order
    # (Register.consultation_held / advocacy_held say whether the data holds them at all).
    consultations: tuple[ConsultationRecord, ...] = ()
    advocacy_referrals: tuple[AdvocacyReferralRecord, ...] = ()
    preparations: tuple[PreparationRecord, ...] = ()  # the checklists of reviews held
    adoption_decisions: tuple[AdoptionDecisionRecord, ...] = ()  # in date order
    # The IRO's contacts between reviews and independent visitors offered, in date order
    # (irohub.oversight; Register.oversight_held says whether the data holds them).
    iro_contacts: tuple[IroContactRecord, ...] = ()
    visitor_offers: tuple[VisitorOfferRecord, ...] = ()

    def on_short_breaks_only(self, first: date, last: date) -> bool:
        """Every episode of the child's between `first` and `last` (at least one) is a
        short break (V3/V4): the return carries no reviews for such a child in a year (DfE
        rule 399), and measures of returned reviews leave their reg 48 reviews out."""
        found = False
        for period in self.periods:
            for e in period.episodes:
                if e.start <= last and (e.end is None or e.end >= first):
                    if e.legal_status not in SHORT_BREAK_LEGAL_STATUSES:
                        return False
                    found = True
        return found


@dataclass(frozen=True, slots=True)
class PreparationRecord:
    """How the review held on `review_held` was prepared (its checklist): when the social
    worker's report reached the IRO (REP-1), when the IRO spoke to the child before it
    (IRO-4; None also when they did not), when advocacy was offered."""

    review_held: date
    report_received: date | None = None
    spoke_to_child: date | None = None
    advocacy_offered: date | None = None


@dataclass(frozen=True, slots=True)
class AdoptionDecisionRecord:
    """The council decided on `decided` that the child should be placed for adoption
    (SSDA903 PlacedAdoption DATE_PLACED: the decision, not the placement), and decided on
    `ceased` that they should no longer be, for `reason_ceased` (RD1-RD4)."""

    decided: date
    ceased: date | None = None
    reason_ceased: str = ""


@dataclass(frozen=True, slots=True)
class ConsultationRecord:
    """A consultation form (or feedback form after the review) returned by the child, a
    parent or the carer: online, on paper or through an app (irohub.records.consultation
    names the versions and questions). `review_held` is the review it was for, once that
    review is held; `answers` are the chosen answers as (question, answer) pairs — one pair
    per answer ticked, free text left out."""

    respondent: str  # child, parent or carer
    version: str
    returned: date
    review_held: date | None = None
    answers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class AdvocacyReferralRecord:
    """A referral of the child to the advocacy service: when, why (the council's list,
    irohub.records.advocacy.REASONS), a new request or a re-referral, and its outcome."""

    referred: date
    reason: str
    re_referral: bool = False
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class ConferenceRecord:
    """A child protection conference held (initial, transfer-in or review)."""

    held: date
    participation: str = ""  # how the child took part, PN0–PN7 (the reviews' vocabulary)
    chair: str = ""  # the chairing IRO's `IroRecord.iro_id`; blank when not recorded
    parents_attended: bool | None = None  # None: not recorded
    quorate: bool | None = None


@dataclass(frozen=True, slots=True)
class ProtectionRecord:
    """One sequence of child protection conferences: from the strategy discussion that
    started a section 47 enquiry (or the notice of a transfer in, or a pre-birth strategy
    discussion) through the initial conference and, when it made one, the plan, to the day
    it ended. `begins` is a key of irohub.records.codes.PROTECTION_START; `first_due` is
    the local target of a pre-birth initial conference; `end_reason` a key of
    PROTECTION_END_REASON ("no plan" when the initial conference made none)."""

    begins: str
    start: date
    conferences: tuple[ConferenceRecord, ...] = ()
    s47_start: date | None = None
    first_due: date | None = None
    plan_start: date | None = None
    category: str = ""  # of abuse, when the plan was made (codes.CATEGORY_OF_ABUSE)
    latest_category: str = ""
    end: date | None = None
    end_reason: str = ""
    chair: str = ""  # the IRO who chairs the child's conferences (`IroRecord.iro_id`)

    @property
    def plan_end(self) -> date | None:
        return self.end if self.plan_start is not None else None

    def on_plan(self, day: date) -> bool:
        """On the plan on `day` (a plan ending on a day is not open on it — OQ-14)."""
        return (
            self.plan_start is not None
            and self.plan_start <= day
            and (self.end is None or self.end > day)
        )


@dataclass(frozen=True, slots=True)
class RatingRecord:
    """The IRO's quality rating of the review held on `held`: care planning gold, green,
    amber or red; whether the care plan was up to date; each other plan checked as
    (plan, "yes" | "no" | "na"); the practice themes; `escalated` when a challenge opened
    from this review reached a formal stage."""

    child_id: str
    held: date
    care_planning: str
    care_plan_up_to_date: bool
    plans: tuple[tuple[str, str], ...] = ()
    themes: tuple[str, ...] = ()
    escalated: bool = False


@dataclass(frozen=True, slots=True)
class ChallengeRecord:
    """An IRO challenge: opened on `opened`; `stages` each stage reached (0 informal, 1-3
    formal) with the day it began, in order; closed with its outcome, or still open; its
    themes, the social-work team it went to, a Cafcass referral."""

    child_id: str
    opened: date
    stages: tuple[tuple[int, date], ...]
    formal_started: date | None = None
    closed: date | None = None
    outcome: str = ""  # resolved, partly resolved, not resolved; blank while open
    themes: tuple[str, ...] = ()
    team: str = ""
    cafcass_referred: date | None = None

    @property
    def stage(self) -> int:
        """The stage reached."""
        return self.stages[-1][0]


@dataclass(frozen=True, slots=True)
class AllocationRecord:
    """The child was allocated to IRO `iro_id` from `start` until `end` (inclusive; None
    while it lasts)."""

    iro_id: str
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class IroRecord:
    """An IRO in post from `start` until `end`, working `fte` of full time in `team`."""

    iro_id: str
    name: str
    team: str
    fte: float
    start: date
    end: date | None = None
    # Self-declared, optional (irohub.records.equality): "" when not declared.
    ethnicity: str = ""
    gender: str = ""

    def in_post_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class Register:
    """The children a set of figures is computed over.

    `history_from` is the first day the data is known to be complete from: None when it is
    complete (the database), or the start of the earliest collection year read from
    SSDA903 files. A review whose place in the sequence depends on reviews before that day
    cannot be classified, and the measures say how many there were rather than guessing.
    """

    children: tuple[ChildRecord, ...]
    history_from: date | None = None
    notes: tuple[str, ...] = field(default=())
    # The IRO service's staff. None when the data does not hold them (an SSDA903 return
    # has no IROs): workforce measures and team/IRO breakdowns then say "no data".
    staff: tuple[IroRecord, ...] | None = None
    # The council's children aged 0 to 17 (the ONS mid-year estimate, a setting, not
    # register data): the rate per 10,000 children says "no data" without it.
    child_population: int | None = None
    # Whether the data holds child protection (the database does; an SSDA903 return does
    # not): the child protection measures say "no data" without it.
    protection_held: bool = False
    # Whether the data holds consultation returns and advocacy referrals at all (the
    # database does; an SSDA903 return does not): the measures say "no data" when not.
    consultation_held: bool = False
    advocacy_held: bool = False
    # The IRO's quality ratings of reviews and challenges (the database holds them; an
    # SSDA903 return does not: None, and M-PRC-04..06 and M-ESC-01..04 say "no data").
    ratings: tuple[RatingRecord, ...] | None = None
    challenges: tuple[ChallengeRecord, ...] | None = None
    # REP-1's local standard: the social worker's report is due this many working days
    # before the review (0: the previous calendar day, "24 hours before").
    report_lead: int = 3
    # Fostering households and their reviewing officers: None when the data does not hold
    # them (an SSDA903 return). Reg 48 short-break reviews: an SSDA903 return carries none
    # (DfE rule 399), so a register read from one says so and M-SB-01 gives no number.
    fostering: Fostering | None = None
    short_break_reviews_held: bool = True
    # Whether the data holds the IRO's contacts between reviews and independent visitor
    # offers (the database does; an SSDA903 return does not): M-PAR-03 and M-PAR-07a/b.
    oversight_held: bool = False
    # Each placement's authority, in or out of the council's area and distance from home,
    # by the pair (home postcode, placement postcode) as records.placements.postcode_key
    # writes them; None when not worked out (irohub.ssda903.postcodes). `council_area`: the
    # council's own upper-tier authority (ONS code).
    placement_locations: dict[tuple[str, str], PlacementLocation] | None = None
    council_area: str = ""
    # The establishment, dated terms (FTE, agency, interim) and absences of the service's
    # staff (irohub.records.workforce): None when the data does not hold them (an SSDA903
    # return, or a database with no workforce records); FTE in post then uses each
    # person's current FTE.
    workforce: Workforce | None = None
