"""A plan as people read it: the charts (drawn as the report's are), tables and sentences
the planning page and the annual report share."""

from __future__ import annotations

from datetime import date

import pytest

from irohub.forecasting.plan import CHILDREN, HOUSEHOLDS, PLANS, make_plan
from irohub.measures.workforce import CaseloadBand
from irohub.planning import presenting
from irohub.records.fostering import Fostering, HouseholdRecord, ReviewingOfficerRecord
from irohub.records.register import ProtectionRecord, Register
from tests.unit.measures.builders import child, iro, period

ORIGIN = date(2024, 3, 31)


@pytest.fixture(scope="module")
def plan():
    children = [
        child(
            f"C{i}",
            period(
                date(2021, 1 + i % 12, 1 + i % 28), None if i % 3 else date(2023, 1 + i % 12, 2)
            ),
            dob=date(2010 + i % 7, 1 + i % 12, 1),
            protection=[
                ProtectionRecord("s47", date(2022, 6, 1), plan_start=date(2022, 6, 20), chair="1")
            ]
            if i % 4 == 0
            else [],
        )
        for i in range(60)
    ]
    fostering = Fostering(
        tuple(HouseholdRecord(str(i), "mainstream", date(2020, 1 + i % 12, 1)) for i in range(30)),
        (ReviewingOfficerRecord("1", "Officer", 0.8, date(2019, 1, 1)),),
    )
    register = Register(
        tuple(children),
        staff=(iro("1", "North", fte=0.6), iro("2", "North", fte=1.0, end=date(2024, 9, 30))),
        protection_held=True,
        fostering=fostering,
    )
    return make_plan(
        register, origin=ORIGIN, horizon=12, band=CaseloadBand(45, 60), households_per_fte=20
    )


def test_the_plan_from_core_records(plan):
    assert plan.window == 36 and plan.dual_role
    assert presenting.stocks_shown(plan) == [CHILDREN, PLANS, HOUSEHOLDS]
    # The IRO who leaves on 30 September 2024 is in post at its end, gone by October's.
    assert [line.fte_in_post for line in plan.iro[5:7]] == [1.6, 0.6]
    assert [line.fte_in_post for line in plan.firo[:1]] == [0.8]
    # The IROs' caseload is children in care and on plans, run by run.
    assert plan.load.paths[0][0] == (
        plan.projections[CHILDREN].paths[0][0] + plan.projections[PLANS].paths[0][0]
    )


def test_the_charts_draw_and_carry_their_figures(plan):
    chart = presenting.stock_chart(plan, CHILDREN)
    rows = chart.data_table()
    assert len(rows) == 24 + 12
    assert rows[23][1] == plan.history[CHILDREN][-1]  # recorded, to the origin
    assert rows[24][1] is None and rows[24][2] == round(plan.projections[CHILDREN].median[0], 1)
    svg = chart.svg()
    assert svg.startswith("<svg") and "Forecast (middle)" in svg
    assert presenting.staffing_chart(plan).svg().startswith("<svg")
    test = plan.backtests[0]
    assert presenting.backtest_chart(plan, test).data_table()[0][3] == test.months[0].actual


def test_tables_and_sentences(plan):
    table = presenting.forecast_table(plan)
    assert len(table.rows) == 12 and len(table.rows[0]) == len(table.header)
    last = plan.iro[-1]
    sentences = presenting.summary(plan)
    assert any(
        "within 45 to 60 per FTE" in s and "children in care and on plans" in s for s in sentences
    )
    assert any(f"{last.fte_in_post:g} FTE are in post" in s for s in sentences)
    backtest = presenting.backtest_table(plan)
    assert [row[0] for row in backtest.rows] == [CHILDREN, PLANS, HOUSEHOLDS]
    assert "mean absolute percentage error" in presenting.backtest_summary(plan)
