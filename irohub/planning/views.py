"""The planning page: the caseload forecast, the FTE it needs, the scenarios and the
back-test. Managers only (PLAN_WORKFORCE); it names no child."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from irohub.accounts.access import require_permission
from irohub.accounts.roles import Permission
from irohub.forecasting.plan import NotEnoughHistory, latest_origin
from irohub.forecasting.simulation import DEFAULT_LEVEL, DEFAULT_RUNS
from irohub.planning import presenting
from irohub.planning.forms import PlanningForm
from irohub.planning.queries import plan_for
from irohub.reporting import charts


@lru_cache(maxsize=64)
def _svg(chart: charts.Chart) -> str:
    # The same figures always draw the same SVG (about 0.2 s a chart): draw each once.
    return chart.svg()


@require_permission(Permission.PLAN_WORKFORCE)
def forecast(request: HttpRequest) -> HttpResponse:
    """The forecast from the last complete month, with the manager's scenario."""
    today = timezone.localdate()
    form = PlanningForm(request.GET or None, today=today)
    context: dict[str, object] = {
        "form": form,
        "council_band": form.council_band,
        "runs": DEFAULT_RUNS,
        "level": round(DEFAULT_LEVEL * 100),
    }
    try:
        plan = plan_for(
            origin=latest_origin(today),
            horizon=form.horizon(),
            band=form.band(),
            scenario=form.scenario(),
            backtest_years=form.backtest_years(),
        )
    except NotEnoughHistory as error:
        context["not_enough"] = str(error)
        return render(request, "planning/forecast.html", context)
    stocks = [
        {"name": name, "svg": _svg(presenting.stock_chart(plan, name))}
        for name in presenting.stocks_shown(plan)
    ]
    backtests = [
        {"name": test.name, "svg": _svg(presenting.backtest_chart(plan, test))}
        for test in plan.backtests
        if test.name in presenting.stocks_shown(plan)
    ]
    context.update(
        plan=plan,
        summary=presenting.summary(plan),
        stocks=stocks,
        staffing_svg=_svg(presenting.staffing_chart(plan)),
        table=presenting.forecast_table(plan),
        backtest_table=presenting.backtest_table(plan),
        backtest_summary=presenting.backtest_summary(plan),
        backtests=backtests,
    )
    return render(request, "planning/forecast.html", context)
