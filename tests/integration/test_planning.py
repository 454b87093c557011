"""The planning page: the caseload forecast from the register, the FTE it needs against the
council's caseload band, the scenarios and the back-test; managers only; bad choices are
named on the page, never an error page."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.forecasting.plan import CHILDREN, PLANS, latest_origin
from irohub.records.workforce import IRO, fte_in_post, staff_of
from tests.factories.workspace import iro_with_role, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    load_demo_council(children=100, years=4, seed=7)


@pytest.fixture
def manager(client):
    client.force_login(user_in_role("team_manager"))
    return client


def _plan(client, query: str = ""):
    response = client.get(f"/planning/{query}")
    assert response.status_code == 200
    return response, response.context.get("plan")


def test_a_manager_sees_the_forecast_the_staff_it_needs_and_the_back_test(council, manager):
    response, plan = _plan(manager)
    html = response.content.decode()
    today = timezone.localdate()
    assert plan.origin == latest_origin(today)
    assert plan.horizon == 24 and len(plan.months) == 24
    # The chart and the table, for each stock the register holds, and the staffing chart.
    assert html.count("<svg") >= 4
    assert "The forecast month by month" in html
    assert "To keep IRO caseloads within" in html
    # What was recorded at the origin is what the register says.
    register = register_from_database()
    in_care = sum(
        1 for child in register.children for p in child.periods if p.looked_after_on(plan.origin)
    )
    assert plan.history[CHILDREN][-1] == in_care
    # FTE in post: THE rule of irohub.records.workforce, month by month.
    staff = staff_of(register)
    assert [line.fte_in_post for line in plan.iro] == [
        fte_in_post(staff, month, role=IRO) for month in plan.months
    ]
    # The back-test from a year earlier, beside it: 12 months compared, error worked out.
    assert plan.backtest_origin is not None
    children = next(t for t in plan.backtests if t.name == CHILDREN)
    assert len(children.months) == 12
    assert children.mape is not None
    assert "How far to trust it" in html and "Mean absolute percentage error" in html
    # The same register gives the same forecast.
    _, again = _plan(manager)
    assert again.projections[CHILDREN].paths == plan.projections[CHILDREN].paths


def test_the_band_is_the_councils_setting(council, manager, settings):
    settings.IROHUB_CASELOAD_BAND = (40, 60)
    response, plan = _plan(manager)
    assert (plan.band.low, plan.band.high) == (40, 60)
    line = plan.iro[0]
    assert line.fte_needed == pytest.approx(line.caseload / 60)
    assert "40 to 60 children per full-time IRO" in response.content.decode()
    # A manager may try another band without changing the setting.
    _, tried = _plan(manager, "?low=30&high=45")
    assert (tried.band.low, tried.band.high) == (30, 45)
    assert tried.iro[0].fte_needed == pytest.approx(tried.iro[0].caseload / 45)


def test_the_scenarios_change_the_forecast(council, manager):
    _, base = _plan(manager)
    month = base.months[5]
    ending = (
        f"?post_fte=0.5&post_last_day_day={month.day}&post_last_day_month={month.month}"
        f"&post_last_day_year={month.year}"
    )
    _, fewer = _plan(manager, ending)
    assert [a.fte_in_post - b.fte_in_post for a, b in zip(base.iro, fewer.iro, strict=True)] == [
        pytest.approx(0.0)
    ] * 6 + [pytest.approx(0.5)] * 18
    _, busier = _plan(manager, "?entries_change=50")
    assert busier.projections[CHILDREN].median[-1] > base.projections[CHILDREN].median[-1]
    moves = base.months[2]
    _, moved = _plan(
        manager,
        f"?dual_role_moves_on_day=1&dual_role_moves_on_month={moves.month}"
        f"&dual_role_moves_on_year={moves.year}",
    )
    assert base.dual_role
    plans = moved.projections[PLANS].median
    children = moved.projections[CHILDREN].median
    # Before the move the IROs' caseload is children in care and on plans; after, in care.
    assert (
        moved.load.median[0] == pytest.approx(base.load.median[0])
        and base.load.median[0] >= children[0]
    )
    assert moved.load.median[-1] == pytest.approx(children[-1])
    assert plans[-1] > 0


BAD_CHOICES = [
    ("?months=99", "Select a valid choice"),
    ("?low=x", "Enter a whole number"),
    ("?low=80&high=10", "must be no lower than the lowest"),
    ("?high=10", "must be no lower than the lowest"),
    ("?post_fte=1", "Enter the post&#x27;s last day"),
    ("?post_last_day_day=28&post_last_day_month=2&post_last_day_year=2027", "Enter the FTE"),
    ("?post_fte=0&post_last_day_day=1&post_last_day_month=4&post_last_day_year=2027", "0.01"),
    ("?post_fte=1&post_last_day_day=31&post_last_day_month=2&post_last_day_year=2027", "real"),
    ("?entries_change=-500", "greater than or equal to -100"),
    ("?dual_role_moves_on_day=1&dual_role_moves_on_month=1&dual_role_moves_on_year=9999", "50"),
    ("?backtest=7", "Select a valid choice"),
]


def test_bad_choices_are_named_and_the_forecast_still_shows(council, manager):
    for query, message in BAD_CHOICES:
        response, plan = _plan(manager, query)
        html = response.content.decode()
        assert "There is a problem" in html, query
        assert message in html, query
        assert plan is not None and plan.scenario.post_endings == (), query


def test_only_managers_may_plan(council, client):
    assert client.get("/planning/").status_code == 302  # to sign in
    client.force_login(iro_with_role().user)
    assert client.get("/planning/").status_code == 403
    client.force_login(user_in_role("service_manager"))
    assert client.get("/planning/").status_code == 200


def test_a_register_too_young_to_forecast_says_so(manager):
    response, plan = _plan(manager)
    assert plan is None
    assert "holds no care periods" in response.content.decode()


def test_the_origin_is_the_last_complete_month():
    assert latest_origin(date(2026, 12, 5)) == date(2026, 11, 30)
    assert latest_origin(date(2027, 1, 1)) == date(2026, 12, 31)
    assert latest_origin(date(2027, 3, 31)) == date(2027, 2, 28)


def test_the_annual_report_shows_the_forecast_from_the_years_end(council):
    from irohub.annual_report.content import ChartBlock, Table
    from irohub.annual_report.queries import figures_if_held, report_content
    from irohub.records.years import CollectionYear

    latest = CollectionYear.to_date(timezone.localdate())
    year = latest if latest.complete else latest.previous()
    figures = figures_if_held(year)
    assert figures is not None and figures.forecast is not None
    assert figures.forecast.origin == year.end
    service = report_content(year, figures=figures).section("service")
    titles = [b.chart.title for b in service.blocks if isinstance(b, ChartBlock)]
    assert f"{CHILDREN}: recorded and forecast, month by month" in titles
    assert any(isinstance(b, Table) and b.name == "planning-backtest" for b in service.blocks)
    public = report_content(year, figures=figures, public=True).section("service")
    assert not any(isinstance(b, ChartBlock) and "forecast" in b.chart.title for b in public.blocks)
