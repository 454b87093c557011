"""Keeps the conference-clock cache on child protection cases in step with the rules core.

`ProtectionCase.next_conference_due` and `conferences_held` exist so that lists (My
caseload, the team page) can be sorted and filtered in SQL; the truth is
irohub.statutory.conferences.conference_schedule, read through `schedule_for`. This is the
one place that writes the cache: call it after any change to a case or its conferences
(as irohub.children.clock does for the review clock).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from irohub.conferences.models import Conference, ProtectionCase
from irohub.core.calendar import get_calendar
from irohub.statutory import ReviewSchedule
from irohub.statutory.conferences import ConferenceStart, conference_schedule, pre_birth_icpc_due

BATCH = 2000


def first_due(case: ProtectionCase) -> date | None:
    """The local target of a pre-birth initial conference (CP-PB); None for the others,
    whose first conference the rules core times from the start (CP-1, CP-6)."""
    if case.begins == ConferenceStart.PRE_BIRTH and case.expected_delivery is not None:
        return pre_birth_icpc_due(case.expected_delivery)
    return None


def schedule_for(case: ProtectionCase, held: Iterable[date]) -> ReviewSchedule:
    """The conferences of one case timed by the rules core."""
    return conference_schedule(
        case.start,
        held,
        begins=ConferenceStart(case.begins),
        plan_ended=case.ended,
        first_due=first_due(case),
        calendar=get_calendar(),
    )


def refresh_conference_clock(case_ids: Iterable[int] | None = None) -> int:
    """Recompute the cached clock of the given cases (all when None); returns how many
    changed. Two queries per batch of cases."""
    cases = ProtectionCase.objects.order_by("id")
    if case_ids is not None:
        cases = cases.filter(id__in=list(case_ids))
    changed = 0
    batch: list[ProtectionCase] = []
    for case in cases.iterator(chunk_size=BATCH):
        batch.append(case)
        if len(batch) >= BATCH:
            changed += _refresh_batch(batch)
            batch = []
    if batch:
        changed += _refresh_batch(batch)
    return changed


def _refresh_batch(cases: list[ProtectionCase]) -> int:
    held: dict[int, list[date]] = defaultdict(list)
    for case_id, day in Conference.objects.filter(case__in=cases).values_list("case_id", "held"):
        held[case_id].append(day)
    stale = []
    for case in cases:
        schedule = schedule_for(case, held[case.id])
        if (case.next_conference_due, case.conferences_held) != (
            schedule.next_due,
            len(schedule.reviews),
        ):
            case.next_conference_due = schedule.next_due
            case.conferences_held = len(schedule.reviews)
            stale.append(case)
    ProtectionCase.objects.bulk_update(stale, ["next_conference_due", "conferences_held"])
    return len(stale)
