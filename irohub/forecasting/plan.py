"""One workforce plan from the register: the three stocks forecast from a month end, the
IROs' and reviewing officers' FTE against them, and the back-tests — what the planning page
and the annual report both show.

FTE in post at each future month end is THE rule of irohub.records.workforce
(`fte_in_post`, over `staff_of(register)`): leavers with a last day, and dated terms, are
already in it; a scenario's posts ending come off it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from irohub.forecasting.backtest import BackTest, compare
from irohub.forecasting.history import care_periods, households, plans, stock_history
from irohub.forecasting.simulation import (
    DEFAULT_RUNS,
    DEFAULT_SEED,
    Clock,
    Projection,
    Spell,
    fit,
    month_ends,
    simulate,
)
from irohub.forecasting.staffing import (
    Scenario,
    StaffingMonth,
    fte_after_endings,
    iro_staffing,
    reviewing_officer_staffing,
)
from irohub.measures.workforce import CaseloadBand
from irohub.records.register import Register
from irohub.records.workforce import FIRO, IRO, fte_in_post, staff_of

__all__ = [
    "CHILDREN",
    "HISTORY_MONTHS",
    "HOUSEHOLDS",
    "MIN_HISTORY_MONTHS",
    "PLANS",
    "NotEnoughHistory",
    "Plan",
    "latest_origin",
    "make_plan",
]

CHILDREN = "Children in care"
PLANS = "Children on child protection plans"
HOUSEHOLDS = "Fostering households"
WINDOW = 36  # months of history the flows are fitted on (fewer when the register is younger)
MIN_HISTORY_MONTHS = 6
HISTORY_MONTHS = 24  # months of history drawn before the forecast


class NotEnoughHistory(ValueError):
    """The register's history before the origin is too short to fit the flows on."""


def latest_origin(today: date) -> date:
    """The last month end before `today`: the last complete month."""
    return month_ends(today, -1, -1)[0]


@dataclass(frozen=True)
class Plan:
    origin: date
    horizon: int
    window: int
    band: CaseloadBand
    households_per_fte: float
    scenario: Scenario
    dual_role: bool  # IROs chair the child protection conferences (M-WF-01a)
    history_months: tuple[date, ...]
    history: dict[str, tuple[int, ...]]  # stock name → counts at history_months
    projections: dict[str, Projection]  # stock name → its futures
    load: Projection  # the IROs' caseload: children in care (+ plans while dual-role)
    iro: tuple[StaffingMonth, ...]
    firo: tuple[StaffingMonth, ...]
    fostering_held: bool
    backtests: tuple[BackTest, ...] = field(default=())
    backtest_origin: date | None = None

    @property
    def months(self) -> tuple[date, ...]:
        return self.load.months


def _spells(register: Register) -> dict[str, tuple[list[Spell], Clock]]:
    return {
        CHILDREN: (care_periods(register), Clock.AGE),
        PLANS: (plans(register), Clock.TIME_ON_PLAN),
        HOUSEHOLDS: (households(register), Clock.NONE),
    }


def _window(spells: dict[str, tuple[list[Spell], Clock]], origin: date) -> int:
    """The months of history before `origin` the register covers, up to WINDOW."""
    starts = [spell.start for found, _ in spells.values() for spell in found]
    if not starts:
        raise NotEnoughHistory("The register holds no care periods, plans or households yet.")
    first = min(starts)
    months = (origin.year - first.year) * 12 + origin.month - first.month
    if months < MIN_HISTORY_MONTHS:
        raise NotEnoughHistory(
            f"A forecast from {origin:%-d %B %Y} needs {MIN_HISTORY_MONTHS} months of history "
            f"before it; the register begins on {first:%-d %B %Y}."
        )
    return min(WINDOW, months)


def _project(
    spells: dict[str, tuple[list[Spell], Clock]],
    origin: date,
    horizon: int,
    window: int,
    scenario: Scenario,
    runs: int,
    seed: int,
) -> dict[str, Projection]:
    out = {}
    for offset, (name, (found, clock)) in enumerate(spells.items()):
        flow = fit(found, clock, origin, window)
        # Entries into care rise with the scenario; plans and approvals do not.
        factor = scenario.entry_factor if name == CHILDREN else (lambda _m: 1.0)
        out[name] = simulate(
            flow, name=name, horizon=horizon, runs=runs, seed=seed + offset, entry_factor=factor
        )
    return out


def make_plan(
    register: Register,
    *,
    origin: date,
    horizon: int,
    band: CaseloadBand,
    households_per_fte: float,
    scenario: Scenario | None = None,
    backtest_years: int = 1,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
) -> Plan:
    """The plan from `origin` (a month end) `horizon` months ahead; and, `backtest_years`
    (0: none) before `origin`, the same method's forecast set against what happened."""
    if not 12 <= horizon <= 36:
        raise ValueError(f"a workforce plan looks 12 to 36 months ahead, not {horizon}")
    scenario = scenario or Scenario()
    spells = _spells(register)
    window = _window(spells, origin)
    projections = _project(spells, origin, horizon, window, scenario, runs, seed)
    dual_role = register.protection_held and any(
        record.chair for child in register.children for record in child.protection
    )
    load = projections[CHILDREN].combined(
        projections[PLANS], lambda month: scenario.plans_count(month, dual_role=dual_role)
    )
    staff = staff_of(register)
    months = load.months
    iro_fte = fte_after_endings(
        months, [fte_in_post(staff, m, role=IRO) for m in months], scenario.post_endings
    )
    firo_fte = [fte_in_post(staff, m, role=FIRO) for m in months]
    history_months = tuple(month_ends(origin, -HISTORY_MONTHS + 1, 0))
    plan = Plan(
        origin=origin,
        horizon=horizon,
        window=window,
        band=band,
        households_per_fte=households_per_fte,
        scenario=scenario,
        dual_role=dual_role,
        history_months=history_months,
        history={
            name: tuple(stock_history(found, history_months)) for name, (found, _) in spells.items()
        },
        projections=projections,
        load=load,
        iro=tuple(iro_staffing(load, iro_fte, band)),
        firo=tuple(
            reviewing_officer_staffing(projections[HOUSEHOLDS], firo_fte, households_per_fte)
        ),
        fostering_held=register.fostering is not None,
    )
    if backtest_years:
        plan = _with_backtests(plan, spells, backtest_years, runs, seed)
    return plan


def _with_backtests(
    plan: Plan,
    spells: dict[str, tuple[list[Spell], Clock]],
    years: int,
    runs: int,
    seed: int,
) -> Plan:
    """The baseline method from `years` earlier (history only up to then), over the months
    since, against the register's counts at those month ends."""
    earlier = month_ends(plan.origin, -12 * years, -12 * years)[0]
    try:
        window = _window(spells, earlier)
    except NotEnoughHistory:
        return plan
    then = _project(spells, earlier, 12 * years, window, Scenario(), runs, seed)
    tests = []
    for name, projection in then.items():
        found, _ = spells[name]
        actual = stock_history(found, projection.months)
        tests.append(compare(projection, list(zip(projection.months, actual, strict=True))))
    return replace(plan, backtests=tuple(tests), backtest_origin=earlier)
