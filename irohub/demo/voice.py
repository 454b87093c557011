"""The demo council's review preparation, consultation and advocacy (pure Python, its own
random stream `Random(f"{seed}-voice")`, so adding them shifts nothing else drawn).

Rates are the seed reports' orders of magnitude:
- the social worker's report reached the IRO in time for about two reviews in three
  (Leicestershire 2019/20: 68.3% 24 hours before);
- the IRO spoke to the child beforehand at about two reviews in three (Middlesbrough
  2021/22: 68%);
- children's consultation booklets or forms came back for about half the reviews; 90% of
  those who answered felt safe where they live, 60% at school (Central Bedfordshire
  2017/18); the "how did you feel" answers follow its MOMO table;
- mothers returned a consultation more often than fathers (Central Bedfordshire: mothers'
  views for 65% of reviews, fathers' 45%, most by attending rather than by form);
- about one advocacy referral a year for every three children in care, most for support
  at meetings, a third of them re-referrals (Central Bedfordshire: 101 referrals, 70 new,
  31 re-referrals; reasons and ages as its tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

from irohub.records.consultation import (
    FEELINGS,
    FORMS,
    MANY,
    TEXT,
    FormVersion,
    Respondent,
    child_version_for_age,
)
from irohub.statutory import WorkingDayCalendar, default_calendar
from irohub.statutory.review_preparation import report_deadline

__all__ = ["PreparationRow", "ReferralRow", "ResponseRow", "VoiceRows", "gather_voice"]


@dataclass(frozen=True, slots=True)
class PreparationRow:
    review: int  # index into DemoCouncil.reviews
    child: int
    due: date
    invitations_sent: date | None
    report_received: date | None
    spoke_to_child: date | None
    spoke_how: str
    not_spoken_reason: str
    advocacy_offered: date | None
    advocate_wanted: bool | None
    interpreter_needed: bool | None
    interpreter_language: str


@dataclass(frozen=True, slots=True)
class ResponseRow:
    preparation: int  # index into VoiceRows.preparations
    respondent: str
    name: str
    version: str
    source: str
    answers: dict[str, Any]
    summary: str
    returned: date


@dataclass(frozen=True, slots=True)
class ReferralRow:
    child: int
    referred: date
    reason: str
    re_referral: bool
    outcome: str
    closed: date | None


@dataclass
class VoiceRows:
    preparations: list[PreparationRow] = field(default_factory=list)
    responses: list[ResponseRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)


# Central Bedfordshire 2017/18, referrals by reason (5.13).
REASON_WEIGHTS = {
    "meetings": 69,
    "relationships": 18,
    "finance": 4,
    "uasc": 2,
    "leaving_care": 2,
    "complaint": 2,
    "placement": 2,
    "services": 1,
    "name_change": 1,
}
# Its MOMO table "How did you feel before coming today?" (5.25), with "okay" and "hopeful".
FEELING_WEIGHTS = {
    "happy": 144,
    "calm": 67,
    "unsure": 43,
    "okay": 30,
    "excited": 24,
    "confused": 22,
    "angry": 13,
    "worried": 13,
    "nervous": 6,
    "hopeful": 5,
    "sad": 4,
}
# A yes share for each yes/not sure/no question (the booklet's findings where it gives one).
YES_SHARE = {
    "safe_home": 0.90,
    "safe_school": 0.60,
    "happy_home": 0.82,
    "listened_to": 0.74,
    "know_why_in_care": 0.70,
    "family_time": 0.45,  # "a large number ... not happy with the contact arrangements"
    "social_worker": 0.85,
    "advocate_explained": 0.50,
    "want_advocate": 0.33,
    "understand_plan": 0.60,
    "views_heard": 0.55,
    "health_appointments": 0.90,
    "education_settled": 0.75,
    "support_enough": 0.70,
    "iro_listened": 0.88,
    "iro_knows_me": 0.80,
    "understood_decisions": 0.75,
    "had_a_say": 0.78,
    "purpose_explained": 0.85,
    "able_to_give_views": 0.80,
    "chaired_well": 0.82,
}
WORDS = {
    "going_well": ("School is going well", "I like my foster family", "Football club"),
    "change": ("More time with my brother", "A later bedtime", "Nothing"),
    "say_at_review": ("When can I see my mum?", "I want to stay here", ""),
    "worries": ("Family time is too short", "Moving schools", ""),
    "comments": ("It was good to have my IRO in my corner", "", "The meeting was too long"),
}
SPOKE_HOW_WEIGHTS = {
    "in_person_alone": 45,
    "in_person_with_someone": 15,
    "video": 15,
    "phone": 12,
    "message": 8,
    "observed": 5,
}
NOT_SPOKEN_REASONS = (
    "The young person did not want to meet before the review",
    "Visit cancelled: the child was unwell",
    "The IRO saw the child at the start of the meeting instead",
)
LANGUAGES = ("Pashto", "Tigrinya", "Arabic", "Kurdish Sorani", "Albanian")


def _yes_unsure_no(rng: Random, key: str) -> str:
    share = YES_SHARE.get(key, 0.7)
    roll = rng.random()
    if roll < share:
        return "yes"
    return "not_sure" if roll < share + (1 - share) / 2 else "no"


def _answers(rng: Random, version: str) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in FORMS[FormVersion(version)].questions:
        if rng.random() < 0.1:  # a question left blank
            continue
        if question.kind == TEXT:
            text = rng.choice(WORDS.get(question.key, ("",)))
            if text:
                answers[question.key] = text
        elif question.kind == MANY:
            allowed = [v for v, _ in FEELINGS]
            picks = rng.choices(allowed, [FEELING_WEIGHTS[v] for v in allowed], k=rng.randint(1, 2))
            answers[question.key] = [v for v in allowed if v in picks]
        else:
            values = [v for v, _ in question.options]
            if set(values) >= {"yes", "no"}:
                answer = _yes_unsure_no(rng, question.key)
                answers[question.key] = answer if answer in values else "no"
            else:
                answers[question.key] = rng.choice(values)
    return answers


def _age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def gather_voice(
    council: Any, *, seed: int, calendar: WorkingDayCalendar | None = None
) -> VoiceRows:
    """The checklist of each review held, the consultation and feedback returned for it,
    and the advocacy referrals, for a generated council (irohub.demo.generator)."""
    calendar = calendar or default_calendar()
    rng = Random(f"{seed}-voice")
    rows = VoiceRows()
    children = {child.key: child for child in council.children}
    parents: dict[int, list[Any]] = {}
    carers: dict[int, list[Any]] = {}
    for person in council.people:
        if person.role in ("mother", "father"):
            parents.setdefault(person.child, []).append(person)
        elif person.role == "carer":
            carers.setdefault(person.child, []).append(person)
    for index, review in enumerate(council.reviews):
        child = children[review.child]
        age = _age(child.date_of_birth, review.held)
        held = review.held
        due = review.due
        report: date | None
        roll = rng.random()
        deadline = report_deadline(held, 3, calendar)
        if roll < 0.68:
            report = deadline - timedelta(days=rng.randint(0, 5))
        elif roll < 0.92:
            report = min(held, deadline + timedelta(days=rng.randint(1, 3)))
        else:
            report = None
        spoke, how, reason = None, "", ""
        if age >= 4:
            roll = rng.random()
            if roll < 0.68:
                spoke = held - timedelta(days=rng.randint(1, 14))
                how = rng.choices(list(SPOKE_HOW_WEIGHTS), list(SPOKE_HOW_WEIGHTS.values()))[0]
            elif roll < 0.8:
                how, reason = "not_spoken", rng.choice(NOT_SPOKEN_REASONS)
        else:
            if rng.random() < 0.5:
                spoke, how = held - timedelta(days=rng.randint(1, 14)), "observed"
        offered = (
            held - timedelta(days=rng.randint(3, 20)) if age >= 4 and rng.random() < 0.75 else None
        )
        wanted = (rng.random() < 0.3) if offered else None
        interpreter = child.uasc and rng.random() < 0.8
        rows.preparations.append(
            PreparationRow(
                review=index,
                child=review.child,
                due=due,
                invitations_sent=held - timedelta(days=rng.randint(12, 25))
                if rng.random() < 0.9
                else None,
                report_received=report,
                spoke_to_child=spoke,
                spoke_how=how,
                not_spoken_reason=reason,
                advocacy_offered=offered,
                advocate_wanted=wanted,
                interpreter_needed=interpreter if child.uasc else False,
                interpreter_language=rng.choice(LANGUAGES) if interpreter else "",
            )
        )
        prep = len(rows.preparations) - 1
        if age >= 4 and rng.random() < 0.55:
            version = child_version_for_age(age, symbols=child.disability and rng.random() < 0.5)
            source = rng.choices(["online", "paper", "app"], [50, 35, 15])[0]
            rows.responses.append(
                ResponseRow(
                    prep,
                    Respondent.CHILD.value,
                    child.first_name,
                    version.value,
                    source,
                    _answers(rng, version.value),
                    "" if source == "online" else "Booklet answers typed in by the IRO",
                    held - timedelta(days=rng.randint(1, 10))
                    if rng.random() < 0.92
                    else held + timedelta(days=rng.randint(1, 5)),
                )
            )
        for person in parents.get(review.child, ()):
            if person.start > held or (person.end is not None and person.end < held):
                continue
            share = 0.3 if person.role == "mother" else 0.15
            if rng.random() < share:
                rows.responses.append(
                    ResponseRow(
                        prep,
                        Respondent.PARENT.value,
                        person.name,
                        FormVersion.PARENT.value,
                        rng.choices(["online", "paper"], [60, 40])[0],
                        _answers(rng, FormVersion.PARENT.value),
                        "",
                        held - timedelta(days=rng.randint(0, 8)),
                    )
                )
            if rng.random() < 0.06:
                rows.responses.append(
                    ResponseRow(
                        prep,
                        Respondent.PARENT.value,
                        person.name,
                        FormVersion.FEEDBACK_PARENT.value,
                        "online",
                        _answers(rng, FormVersion.FEEDBACK_PARENT.value),
                        "",
                        held + timedelta(days=rng.randint(1, 14)),
                    )
                )
        for person in carers.get(review.child, ()):
            if person.start > held or (person.end is not None and person.end < held):
                continue
            if rng.random() < 0.4:
                rows.responses.append(
                    ResponseRow(
                        prep,
                        Respondent.CARER.value,
                        person.name,
                        FormVersion.CARER.value,
                        "online",
                        _answers(rng, FormVersion.CARER.value),
                        "",
                        held - timedelta(days=rng.randint(0, 8)),
                    )
                )
        if age >= 4 and rng.random() < 0.15:
            rows.responses.append(
                ResponseRow(
                    prep,
                    Respondent.CHILD.value,
                    child.first_name,
                    FormVersion.FEEDBACK_CHILD.value,
                    "online",
                    _answers(rng, FormVersion.FEEDBACK_CHILD.value),
                    "",
                    held + timedelta(days=rng.randint(1, 14)),
                )
            )
    rows.referrals = _referrals(council, rng)
    return rows


def _referrals(council: Any, rng: Random) -> list[ReferralRow]:
    """About one referral a year for every three children in care aged 6 or over."""
    children = {child.key: child for child in council.children}
    referred_before: set[int] = set()
    out: list[ReferralRow] = []
    reasons, weights = list(REASON_WEIGHTS), list(REASON_WEIGHTS.values())
    for period in sorted(council.care_periods, key=lambda p: (p.start, p.key)):
        child = children[period.child]
        start = max(period.start, council.window_start)
        end = min(period.end or council.as_of, council.as_of)
        day = start
        while day < end:
            day += timedelta(days=int(rng.expovariate(1 / 1100)) + 1)
            if day >= end or _age(child.date_of_birth, day) < 6:
                continue
            reason = rng.choices(reasons, weights)[0]
            if reason == "uasc" and not child.uasc:
                reason = "meetings"
            closed = day + timedelta(days=rng.randint(7, 120))
            outcome = (
                "open"
                if closed > council.as_of
                else rng.choices(
                    ["advocate_allocated", "issue_resolved", "declined", "closed_no_contact"],
                    [55, 30, 10, 5],
                )[0]
            )
            out.append(
                ReferralRow(
                    child.key,
                    day,
                    reason,
                    child.key in referred_before or rng.random() < 0.15,
                    outcome,
                    None if outcome == "open" else closed,
                )
            )
            referred_before.add(child.key)
    return out
