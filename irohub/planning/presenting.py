"""A workforce plan (irohub.forecasting.plan) as people read it: charts drawn as the
performance page and the annual report draw theirs (irohub.reporting.charts), tables of
text, and sentences. The planning page and the annual report both show these, so the two
always agree. No Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from irohub.forecasting.backtest import BackTest
from irohub.forecasting.plan import CHILDREN, HOUSEHOLDS, PLANS, Plan
from irohub.forecasting.staffing import StaffingMonth
from irohub.reporting import charts
from irohub.reporting.numbers import fte_text

__all__ = [
    "Table",
    "backtest_chart",
    "backtest_summary",
    "backtest_table",
    "forecast_table",
    "staffing_chart",
    "stock_chart",
    "stocks_shown",
    "summary",
]


@dataclass(frozen=True)
class Table:
    name: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _month(day: date) -> str:
    return f"{day:%b %Y}"


def _tenths(values: list[float]) -> list[charts.Value]:
    return [round(value, 1) for value in values]


def _whole(value: float) -> str:
    return f"{round(value):,}"


def _level(plan: Plan) -> str:
    return f"{round(plan.load.level * 100)}%"


def stocks_shown(plan: Plan) -> list[str]:
    """The stocks the register holds: fostering households only when it holds them, plans
    only when it holds child protection."""
    shown = [CHILDREN]
    if any(plan.history[PLANS]) or any(any(p) for p in plan.projections[PLANS].paths):
        shown.append(PLANS)
    if plan.fostering_held:
        shown.append(HOUSEHOLDS)
    return shown


def stock_chart(plan: Plan, name: str) -> charts.Chart:
    """The stock's last months recorded, then its forecast in its band."""
    projection = plan.projections[name]
    history = list(plan.history[name])
    gap_before: list[charts.Value] = [None] * len(history)
    gap_after: list[charts.Value] = [None] * len(projection.months)
    # The forecast line starts from the last recorded month so the two lines meet.
    middle = [*gap_before[:-1], history[-1], *_tenths(projection.median)]
    low = [*gap_before[:-1], history[-1], *_tenths(projection.low)]
    high = [*gap_before[:-1], history[-1], *_tenths(projection.high)]
    return charts.forecast_chart(
        f"{name}: recorded and forecast, month by month",
        [_month(m) for m in (*plan.history_months, *projection.months)],
        recorded=[*history, *gap_after],
        middle=middle,
        low=low,
        high=high,
        y_label=name,
        band_label=f"Forecast band ({_level(plan)} of simulated futures)",
    )


def staffing_chart(plan: Plan) -> charts.Chart:
    """The IROs' FTE in post against the FTE the forecast caseload needs."""
    months = [_month(line.month) for line in plan.iro]
    series: dict[str, list[charts.Value]] = {
        "IRO FTE in post": [line.fte_in_post for line in plan.iro],
        "IRO FTE needed (middle)": [round(line.fte_needed, 2) for line in plan.iro],
        "IRO FTE needed (top of band)": [round(line.fte_needed_high, 2) for line in plan.iro],
    }
    if plan.fostering_held:
        series["Reviewing officer FTE in post"] = [line.fte_in_post for line in plan.firo]
        series["Reviewing officer FTE needed"] = [round(line.fte_needed, 2) for line in plan.firo]
    return charts.line_chart(
        "FTE in post and FTE needed, month by month",
        months,
        series,
        y_label="FTE",
    )


def backtest_chart(plan: Plan, test: BackTest) -> charts.Chart:
    """The forecast made from the back-test's origin beside what then happened."""
    labels = [_month(m.month) for m in test.months]
    return charts.forecast_chart(
        f"{test.name}: forecast from {test.origin:%-d %B %Y} and what happened",
        labels,
        recorded=[None] * len(labels),
        middle=_tenths([m.forecast for m in test.months]),
        low=_tenths([m.low for m in test.months]),
        high=_tenths([m.high for m in test.months]),
        actual=[m.actual for m in test.months],
        y_label=test.name,
        band_label=f"Forecast band ({_level(plan)})",
    )


def _band_text(low: float, high: float) -> str:
    return f"{_whole(low)} to {_whole(high)}"


def _iro_line(line: StaffingMonth) -> tuple[str, ...]:
    return (
        _whole(line.caseload),
        fte_text(line.fte_in_post),
        fte_text(line.fte_needed),
        fte_text(line.fte_needed_high),
        fte_text(line.gap),
    )


def forecast_table(plan: Plan) -> Table:
    """Month by month: each stock's middle and band, the IROs' caseload and FTE, and the
    reviewing officers' FTE."""
    shown = stocks_shown(plan)
    header = ["Month"]
    for name in shown:
        header += [name, f"{name}: band"]
    header += [
        "IRO caseload",
        "IRO FTE in post",
        "IRO FTE needed",
        "IRO FTE needed (top of band)",
        "IRO FTE in post less needed",
    ]
    if plan.fostering_held:
        header += ["Reviewing officer FTE in post", "Reviewing officer FTE needed (posts)"]
    rows = []
    for t, month in enumerate(plan.months):
        row = [_month(month)]
        for name in shown:
            projection = plan.projections[name]
            row += [
                _whole(projection.median[t]),
                _band_text(projection.low[t], projection.high[t]),
            ]
        row += _iro_line(plan.iro[t])
        if plan.fostering_held:
            firo = plan.firo[t]
            row += [
                fte_text(firo.fte_in_post),
                f"{fte_text(firo.fte_needed)} ({firo.posts_needed})",
            ]
        rows.append(tuple(row))
    return Table(
        "forecast",
        f"The forecast month by month, from {plan.origin:%-d %B %Y}",
        tuple(header),
        tuple(rows),
    )


def backtest_table(plan: Plan) -> Table:
    """Each back-tested stock: its error and how often what happened fell in the band."""
    rows = []
    for test in plan.backtests:
        if test.name not in stocks_shown(plan):
            continue
        mape = "n/a" if test.mape is None else f"{test.mape:.1f}%"
        rows.append(
            (
                test.name,
                f"{len(test.months)}",
                mape,
                f"{test.inside} of {len(test.months)}",
            )
        )
    origin = plan.backtest_origin
    caption = (
        f"Back-test: the forecast from {origin:%-d %B %Y} beside what happened"
        if origin
        else "Back-test"
    )
    return Table(
        "backtest",
        caption,
        ("Forecast of", "Months compared", "Mean absolute percentage error", "Months in the band"),
        tuple(rows),
    )


def backtest_summary(plan: Plan) -> str:
    if plan.backtest_origin is None or not plan.backtests:
        return (
            "There is not enough history for a back-test: the method needs "
            "6 months of history before the date it forecasts from."
        )
    children = next(t for t in plan.backtests if t.name == CHILDREN)
    mape = "n/a" if children.mape is None else f"{children.mape:.1f}%"
    return (
        f"Made from the history up to {plan.backtest_origin:%-d %B %Y} only, the same method "
        f"forecast the children in care with a mean absolute percentage error of {mape}; what "
        f"happened fell inside the band in {children.inside} of {len(children.months)} months."
    )


def summary(plan: Plan) -> list[str]:
    """The plan's end in sentences: the stocks, the IRO FTE against the band, the
    reviewing officers."""
    last = len(plan.months) - 1
    end = plan.months[last]
    sentences = []
    for name in stocks_shown(plan):
        p = plan.projections[name]
        sentences.append(
            f"{name} at {end:%-d %B %Y}: {_whole(p.median[last])} forecast "
            f"(band {_band_text(p.low[last], p.high[last])}), against "
            f"{plan.history[name][-1]:,} at {plan.origin:%-d %B %Y}."
        )
    iro = plan.iro[last]
    short = iro.gap < 0
    sentences.append(
        f"To keep IRO caseloads within {plan.band.text} per FTE "
        f"({'children in care and on plans' if plan.dual_role else 'children in care'}), "
        f"the service needs {fte_text(iro.fte_needed)} FTE at {end:%-d %B %Y} "
        f"({fte_text(iro.fte_needed_high)} for the top of the band); "
        f"{fte_text(iro.fte_in_post)} FTE are in post then: "
        + (f"{fte_text(-iro.gap)} FTE short." if short else f"{fte_text(iro.gap)} FTE to spare.")
    )
    if plan.fostering_held:
        firo = plan.firo[last]
        sentences.append(
            f"The fostering households need {fte_text(firo.fte_needed)} FTE of reviewing "
            f"officers at {fte_text(plan.households_per_fte)} households each "
            f"({firo.posts_needed} posts); {fte_text(firo.fte_in_post)} FTE are in post then."
        )
    return sentences
