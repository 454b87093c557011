"""Reads for the planning page and the annual report: the workforce plan from the register,
computed once per register version and choice of options (irohub.core.register_version)."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from irohub.children.records import register_from_database
from irohub.core.council import caseload_band
from irohub.core.register_version import cached_figures
from irohub.forecasting.plan import NotEnoughHistory, Plan, latest_origin, make_plan
from irohub.forecasting.staffing import Scenario
from irohub.measures.workforce import CaseloadBand
from irohub.records.register import Register
from irohub.records.years import CollectionYear

__all__ = ["REPORT_HORIZON", "households_per_fte", "plan_for", "plan_for_report"]

REPORT_HORIZON = 24  # months the annual report looks ahead from the year's end


def households_per_fte() -> float:
    """Households a full-time reviewing officer reviews (the fostering caseload setting)."""
    return float(settings.IROHUB_FIRO_HOUSEHOLDS_PER_FTE)


def plan_for(
    *,
    origin: date,
    horizon: int,
    band: CaseloadBand | None = None,
    scenario: Scenario | None = None,
    backtest_years: int = 1,
) -> Plan:
    """The plan from `origin`; the council's caseload band unless another is given.
    Raises irohub.forecasting.plan.NotEnoughHistory when the register is too young."""
    band = band or caseload_band()
    scenario = scenario or Scenario()
    per_fte = households_per_fte()
    return cached_figures(
        "planning",
        lambda: make_plan(
            register_from_database(),
            origin=origin,
            horizon=horizon,
            band=band,
            households_per_fte=per_fte,
            scenario=scenario,
            backtest_years=backtest_years,
        ),
        origin,
        horizon,
        band,
        scenario,
        backtest_years,
        per_fte,
    )


def plan_for_report(register: Register, year: CollectionYear, today: date) -> Plan | None:
    """The annual report's plan: from the year's last day (31 March) when the year is over,
    else from the last complete month; the council's band, no scenario, back-tested from a
    year earlier. None when the register is too young to forecast from."""
    origin = year.end if year.complete and year.end < today else latest_origin(today)
    try:
        return make_plan(
            register,
            origin=origin,
            horizon=REPORT_HORIZON,
            band=caseload_band(),
            households_per_fte=households_per_fte(),
        )
    except NotEnoughHistory:
        return None
