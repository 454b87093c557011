"""Charts for the annual report and the performance page.

Each function takes plain data and returns a :class:`Chart`: a description of the chart,
drawn on demand as inline SVG (HTML and PDF) or PNG (Word). Pure Python: no Django.

Why these choices:
* matplotlib's object API (`Figure`), never pyplot: pyplot keeps global figure state and
  is not safe in a threaded web server. rcParams are still global, so drawing takes a lock.
* `svg.fonttype = "none"` keeps text as text (selectable, searchable, read by screen
  readers, and sized by the reader's fonts); Liberation Sans has Arial's metrics.
* Output is deterministic (fixed hash salt, no date), so the same data gives the same bytes:
  reports can be cached and compared.
* The chart title is not drawn inside the image: the report shows it as the figure's
  caption (real text, in the document outline). The SVG carries it as `<title>` and
  `aria-label`; `data_table()` gives the figures for a text alternative.
* Values may be "c" (suppressed, see `suppression.py`): no bar is drawn, the label says "c".
"""

from __future__ import annotations

import hashlib
import html
import io
import math
import re
import textwrap
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# GOV.UK Design System colours: tested for contrast against white.
BLUE = "#1d70b8"
DARK_BLUE = "#003078"
ORANGE = "#f47738"
GREEN = "#00703c"
RED = "#d4351c"
YELLOW = "#ffdd00"
GREY = "#505a5f"
PURPLE = "#4c2c92"
PINK = "#d53880"
LIGHT_GREY = "#b1b4b6"
TEXT = "#0b0c0c"

SERIES_COLOURS = (BLUE, ORANGE, GREEN, DARK_BLUE, RED, GREY, PURPLE, PINK)
RAG_COLOURS = {"Gold": YELLOW, "Green": GREEN, "Amber": ORANGE, "Red": RED}
FONT_FAMILY = ["Liberation Sans", "Arial", "DejaVu Sans"]  # then the generic sans-serif

WIDTH_INCHES = 8.0
NO_DATA = "No data"

Value: TypeAlias = int | float | str | None  # str: suppressed ("c"); None: not available

_RC = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": FONT_FAMILY,
    "font.size": 10,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": GREY,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "text.parse_math": False,  # labels are data: "$" must not start mathtext
}
_LOCK = threading.Lock()  # rcParams are process-wide; one chart is drawn at a time


@dataclass(frozen=True)
class Chart:
    """A chart: its title, its figures as a table, and how to draw them.

    `columns` heads the table; `rows` are (category, value per series...)."""

    kind: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    options: tuple[tuple[str, object], ...] = field(default=())

    def data_table(self) -> list[tuple[Value, ...]]:
        """The figures behind the chart, one row per category, for a text alternative."""
        return [tuple(row) for row in self.rows]

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def svg(self) -> str:
        """An `<svg>` element to put straight into HTML: no XML declaration, scales to its
        container, with `<title>`, `role="img"` and `aria-label`."""
        buffer = io.StringIO()
        with _LOCK, _matplotlib().rc_context({**_RC, "svg.hashsalt": self._digest()}):
            self._figure().savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return _inline_svg(buffer.getvalue(), self.title, prefix=f"c{self._digest()[:8]}-")

    def png(self, dpi: int = 150) -> bytes:
        """A PNG of the same chart (for Word documents)."""
        buffer = io.BytesIO()
        with _LOCK, _matplotlib().rc_context(_RC):
            self._figure().savefig(buffer, format="png", dpi=dpi, facecolor="white")
        return buffer.getvalue()

    def _digest(self) -> str:
        # Same chart, same ids; different charts on one page, different ids.
        text = repr((self.kind, self.title, self.columns, self.rows, self.options))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def _option(self, name: str, default: object = None) -> object:
        return dict(self.options).get(name, default)

    def _figure(self) -> Figure:
        _matplotlib()
        from matplotlib.figure import Figure

        draw = _DRAWERS[self.kind]
        figure = Figure(figsize=(WIDTH_INCHES, _height(self)), layout="constrained")
        if self.is_empty:
            _no_data(figure)
        else:
            draw(self, figure)
        return figure


# --- the chart kinds -----------------------------------------------------------------


def grouped_bar_chart(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[Value]],
    *,
    category_heading: str = "Category",
    horizontal: bool = False,
    colours: Sequence[str] = SERIES_COLOURS,
) -> Chart:
    """Several series per category, e.g. {"2023/24": [...], "2024/25": [...]} for a
    year-on-year comparison (put the earlier year first)."""
    return Chart(
        kind="grouped_bar",
        title=title,
        columns=(category_heading, *series),
        rows=_rows(categories, series),
        options=(("horizontal", horizontal), ("colours", tuple(colours))),
    )


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[Value]],
    *,
    label_heading: str = "Month",
    y_label: str | None = None,
    band: tuple[float, float] | None = None,
    band_label: str | None = None,
    target: float | None = None,
    target_label: str | None = None,
    colours: Sequence[str] = SERIES_COLOURS,
) -> Chart:
    """A trend over time (e.g. monthly), one or more series. `band` shades a reference
    range (the caseload band); `target` draws a dashed line. A None or "c" value
    leaves a gap."""
    if band is not None and band[0] > band[1]:
        raise ValueError(f"the band's bottom is above its top: {band}")
    return Chart(
        kind="line",
        title=title,
        columns=(label_heading, *series),
        rows=_rows(labels, series),
        options=(
            ("y_label", y_label),
            ("band", band),
            ("band_label", band_label),
            ("target", target),
            ("target_label", target_label),
            ("colours", tuple(colours)),
        ),
    )


def forecast_chart(
    title: str,
    labels: Sequence[str],
    *,
    recorded: Sequence[Value],
    middle: Sequence[Value],
    low: Sequence[Value],
    high: Sequence[Value],
    actual: Sequence[Value] | None = None,
    y_label: str | None = None,
    band_label: str = "Forecast band",
) -> Chart:
    """A forecast after a history: what was recorded (a solid line), the middle of the
    forecast (dashed) inside its uncertainty band (shaded), and, for a back-test, what then
    happened (points). One row per month; a month outside a series is None (a gap)."""
    series: dict[str, Sequence[Value]] = {"Recorded": recorded, "Forecast (middle)": middle}
    if actual is not None:
        series["What happened"] = actual
    series[f"{band_label}: low"] = low
    series[f"{band_label}: high"] = high
    return Chart(
        kind="forecast",
        title=title,
        columns=("Month", *series),
        rows=_rows(labels, series),
        options=(("y_label", y_label), ("band_label", band_label)),
    )


def stacked_percentage_chart(
    title: str,
    bars: Sequence[str],
    segments: Mapping[str, Sequence[int | float]],
    *,
    bar_heading: str = "Group",
    colours: Mapping[str, str] | Sequence[str] = SERIES_COLOURS,
) -> Chart:
    """Each bar shows a distribution as 100%, e.g. RAG ratings by year with
    `segments={"Gold": [...], "Green": [...], ...}` and `colours=RAG_COLOURS`. The data
    table keeps the counts; percentages are what the bars show. A bar whose counts are all
    zero is labelled "No data"."""
    for name, values in segments.items():
        for value in values:
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name}: a stacked bar needs counts ≥ 0, got {value!r}")
    if isinstance(colours, Mapping):
        palette = tuple(colours.get(name, SERIES_COLOURS[i % 8]) for i, name in enumerate(segments))
    else:
        palette = tuple(colours)
    return Chart(
        kind="stacked_percent",
        title=title,
        columns=(bar_heading, *segments),
        rows=_rows(bars, segments),
        options=(("colours", palette),),
    )


def distribution_chart(
    title: str,
    counts: Mapping[str, int | float],
    *,
    label: str = "All",
    colours: Mapping[str, str] | Sequence[str] = SERIES_COLOURS,
) -> Chart:
    """One 100% bar for one distribution (e.g. participation codes PN0–PN7)."""
    return stacked_percentage_chart(
        title, [label], {name: [value] for name, value in counts.items()}, colours=colours
    )


# --- drawing -------------------------------------------------------------------------


def _draw_bars(chart: Chart, figure: Figure) -> None:
    ax = figure.add_subplot()
    horizontal = bool(chart._option("horizontal"))
    colours = tuple(chart._option("colours"))  # type: ignore[arg-type]
    names = chart.columns[1:]
    labels = [str(row[0]) for row in chart.rows]
    count = len(names)
    width = 0.8 / count
    positions = list(range(len(labels)))
    if horizontal:
        positions.reverse()  # first category at the top
    for s, name in enumerate(names):
        values = [row[s + 1] for row in chart.rows]
        offset = (s - (count - 1) / 2) * width * (-1 if horizontal else 1)
        where = [p + offset for p in positions]
        heights = [_number(v) or 0.0 for v in values]
        colour = colours[s % len(colours)]
        label = name if count > 1 else None
        if horizontal:
            bars = ax.barh(where, heights, height=width, color=colour, label=label)
        else:
            bars = ax.bar(where, heights, width=width, color=colour, label=label)
        ax.bar_label(bars, labels=[_label(v) for v in values], padding=3, fontsize=9)
    wrapped = [textwrap.fill(label, 28 if horizontal else 14) for label in labels]
    value_axis = ax.xaxis if horizontal else ax.yaxis
    if horizontal:
        ax.set_yticks(positions, wrapped)
        ax.set_xlabel(chart.columns[1] if count == 1 else "")
        ax.set_xlim(0, _top(chart))
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(positions, wrapped)
        ax.set_ylabel(chart.columns[1] if count == 1 else "")
        ax.set_ylim(0, _top(chart))
        ax.tick_params(axis="x", length=0)
    _value_axis(value_axis, chart)
    ax.grid(axis="x" if horizontal else "y", color=LIGHT_GREY, linewidth=0.5)
    ax.set_axisbelow(True)
    if count > 1:
        _legend(figure)


def _draw_line(chart: Chart, figure: Figure) -> None:
    ax = figure.add_subplot()
    colours = tuple(chart._option("colours"))  # type: ignore[arg-type]
    labels = [str(row[0]) for row in chart.rows]
    x = list(range(len(labels)))
    band = chart._option("band")
    if band is not None:
        low, high = band  # type: ignore[misc]
        ax.axhspan(
            low, high, color=GREEN, alpha=0.12, linewidth=0, label=chart._option("band_label")
        )
    target = chart._option("target")
    if target is not None:
        ax.axhline(
            target,  # type: ignore[arg-type]
            color=RED,
            linestyle="--",
            linewidth=1.5,
            label=chart._option("target_label"),
        )
    markers = ("o", "s", "^", "D", "v", "P", "X", "*")
    for s, name in enumerate(chart.columns[1:]):
        values = [_number(row[s + 1]) for row in chart.rows]
        y = [math.nan if v is None else v for v in values]
        ax.plot(
            x,
            y,
            color=colours[s % len(colours)],
            marker=markers[s % len(markers)],
            markersize=5,
            linewidth=2,
            label=name,
        )
    # Long series: label every nth point so month names do not collide.
    step = max(1, math.ceil(len(labels) / 12))
    ax.set_xticks(x[::step], labels[::step])
    if len(labels) > 6:
        for tick in ax.get_xticklabels():
            tick.set_rotation(45)
            tick.set_horizontalalignment("right")
    ax.set_xlim(-0.5, len(labels) - 0.5)
    top = max(_top(chart), (band[1] if band else 0) * 1.1, (target or 0) * 1.1)  # type: ignore[index,operator]
    ax.set_ylim(0, top)
    y_label = chart._option("y_label")
    if y_label:
        ax.set_ylabel(str(y_label))
    _value_axis(ax.yaxis, chart)
    ax.grid(axis="y", color=LIGHT_GREY, linewidth=0.5)
    ax.set_axisbelow(True)
    _legend(figure)


def _draw_forecast(chart: Chart, figure: Figure) -> None:
    ax = figure.add_subplot()
    labels = [str(row[0]) for row in chart.rows]
    x = list(range(len(labels)))
    names = chart.columns[1:]

    def column(name: str) -> list[float]:
        i = chart.columns.index(name)
        return [math.nan if (v := _number(row[i])) is None else v for row in chart.rows]

    low, high = column(names[-2]), column(names[-1])
    ax.fill_between(
        x, low, high, color=ORANGE, alpha=0.2, linewidth=0, label=str(chart._option("band_label"))
    )
    ax.plot(x, column("Recorded"), color=BLUE, linewidth=2, label="Recorded")
    ax.plot(
        x,
        column("Forecast (middle)"),
        color=ORANGE,
        linewidth=2,
        linestyle="--",
        label="Forecast (middle)",
    )
    if "What happened" in names:
        ax.plot(
            x,
            column("What happened"),
            color=DARK_BLUE,
            marker="o",
            markersize=4,
            linewidth=0,
            label="What happened",
        )
    step = max(1, math.ceil(len(labels) / 12))
    ax.set_xticks(x[::step], labels[::step])
    for tick in ax.get_xticklabels():
        tick.set_rotation(45)
        tick.set_horizontalalignment("right")
    ax.set_xlim(-0.5, len(labels) - 0.5)
    ax.set_ylim(0, _top(chart))
    y_label = chart._option("y_label")
    if y_label:
        ax.set_ylabel(str(y_label))
    _value_axis(ax.yaxis, chart)
    ax.grid(axis="y", color=LIGHT_GREY, linewidth=0.5)
    ax.set_axisbelow(True)
    _legend(figure)


def _draw_stacked(chart: Chart, figure: Figure) -> None:
    ax = figure.add_subplot()
    colours = tuple(chart._option("colours"))  # type: ignore[arg-type]
    names = chart.columns[1:]
    labels = [str(row[0]) for row in chart.rows]
    positions = list(range(len(labels)))[::-1]  # first bar at the top
    totals = [sum(float(v) for v in row[1:]) for row in chart.rows]  # type: ignore[arg-type]
    left = [0.0] * len(labels)
    for s, name in enumerate(names):
        counts = [float(row[s + 1]) for row in chart.rows]  # type: ignore[arg-type]
        shares = [100 * c / t if t else 0.0 for c, t in zip(counts, totals, strict=True)]
        colour = colours[s % len(colours)]
        bars = ax.barh(positions, shares, left=left, height=0.6, color=colour, label=name)
        ink = TEXT if _light(colour) else "white"
        # Label a segment only where it is wide enough to hold its text.
        texts = [f"{share:.0f}%" if share >= 6 else "" for share in shares]
        ax.bar_label(bars, labels=texts, label_type="center", color=ink, fontsize=9)
        left = [a + b for a, b in zip(left, shares, strict=True)]
    for position, total in zip(positions, totals, strict=True):
        if not total:
            ax.text(1, position, NO_DATA, va="center", ha="left", color=GREY)
    ax.set_yticks(positions, [textwrap.fill(label, 28) for label in labels])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 100)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel("Percentage")
    _legend(figure)


# Legend layout at 10 pt: about 0.075 in a character, and about 0.7 in for the key and
# the space between columns.
_INCH_PER_CHARACTER = 0.075
_INCH_PER_ENTRY = 0.7


def _legend(figure: Figure, most: int = 5) -> None:
    """The legend above the plot, in as many columns as fit across the figure: long series
    names go onto more rows rather than run off the edge."""
    handles, labels = figure.axes[0].get_legend_handles_labels()
    if not labels:
        return
    entry = _INCH_PER_CHARACTER * max(len(label) for label in labels) + _INCH_PER_ENTRY
    columns = max(1, min(most, len(labels), int(figure.get_figwidth() // entry)))
    figure.legend(handles, labels, loc="outside upper left", ncols=columns)


_DRAWERS = {
    "grouped_bar": _draw_bars,
    "line": _draw_line,
    "stacked_percent": _draw_stacked,
    "forecast": _draw_forecast,
}


# --- helpers -------------------------------------------------------------------------


def _rows(
    categories: Sequence[str], series: Mapping[str, Sequence[Value]]
) -> tuple[tuple[Value, ...], ...]:
    for name, values in series.items():
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)}")
    if not series:
        return ()
    return tuple(
        (str(label), *(_checked(values[i]) for values in series.values()))
        for i, label in enumerate(categories)
    )


def _checked(value: Value) -> Value:
    if isinstance(value, bool) or not isinstance(value, int | float | str | None):
        raise ValueError(f"a chart value must be a number, 'c' or None, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"a chart value must be finite, got {value!r}")
    return value


def _number(value: Value) -> float | None:
    return None if value is None or isinstance(value, str) else float(value)


def _label(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _top(chart: Chart) -> float:
    numbers = [n for row in chart.rows for n in map(_number, row[1:]) if n is not None]
    # Headroom for the value labels; at least 1 so an all-zero chart still has an axis.
    return max([1.0, *numbers]) * 1.12


def _value_axis(axis: object, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    numbers = [v for row in chart.rows for v in row[1:] if isinstance(v, int | float)]
    if all(isinstance(v, int) for v in numbers):
        axis.set_major_locator(MaxNLocator(integer=True))  # type: ignore[attr-defined]
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v == int(v) else f"{v:,}"))  # type: ignore[attr-defined]


_AGG: list[bool] = []  # the backend chosen, once


def _matplotlib() -> Any:
    """matplotlib, imported when the first chart is drawn (not by every command that loads
    IRO Hub: it is a sixth of the start-up's time and 50 MB), with the Agg backend: never a
    GUI backend, whatever the environment says."""
    import matplotlib

    if not _AGG:
        matplotlib.use("Agg")
        _AGG.append(True)
    return matplotlib


def _height(chart: Chart) -> float:
    if chart.is_empty:
        return 2.0
    if chart.kind == "stacked_percent" or chart._option("horizontal"):
        groups = len(chart.rows) * (1 if chart.kind != "grouped_bar" else len(chart.columns) - 1)
        return min(12.0, max(2.5, 1.3 + 0.38 * groups))
    return 4.5


def _no_data(figure: Figure) -> None:
    figure.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=14, color=GREY)


def _light(colour: str) -> bool:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue > 150


_SIZE = re.compile(r'\s(width|height)="([\d.]+)pt"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')


def _presentation_attributes(match: re.Match[str]) -> str:
    """`style="fill: #fff; stroke-width: 0.8"` as ` fill="#fff" stroke-width="0.8"`: every
    property matplotlib writes is also an SVG presentation attribute."""
    pairs = (item.split(":", 1) for item in match.group(1).split(";") if ":" in item)
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def _inline_svg(document: str, title: str, *, prefix: str) -> str:
    svg = document[document.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)
    # A <style> in inline SVG applies to the whole HTML page: use inherited attributes.
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", svg, count=1)
    # Ids must be unique in a page that shows several charts: prefix them all.
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = svg.replace("url(#", f"url(#{prefix}").replace('href="#', f'href="#{prefix}')
    opening_end = svg.index(">")
    opening = svg[:opening_end]
    width_pt = float(dict(_SIZE.findall(opening)).get("width", "576"))
    opening = _SIZE.sub("", opening)
    label = html.escape(title, quote=True)
    # No style attributes: the Content-Security-Policy refuses inline styles. Its width in
    # pixels, shrunk to fit by the `irohub-chart` class (irohub.css, print.css).
    opening += (
        ' stroke-linejoin="round" stroke-linecap="butt"'
        f' role="img" aria-label="{label}"'
        f' width="{width_pt * 4 / 3:.0f}" class="irohub-chart"'
    )
    body = _STYLE.sub(_presentation_attributes, svg[opening_end + 1 :].rstrip())
    return f"{opening}>\n <title>{html.escape(title)}</title>{body}\n"
