"""What the annual report is made of: sections of the manager's narrative, plain
statements, tables, charts and highlights, built once (`sections.build_report`) and laid
out as HTML, PDF and Word (`render.py`), so every format shows the same figures.

The report's pieces:
- `figures.py` works out everything the report needs from the register;
- `builder.py` turns those figures into tables, charts and words, suppressed in the
  public version;
- `sections.py` makes each section and the whole report;
- `summary.py` makes the summary for children and young people.
Tables are IRO Hub's one table type (irohub.reporting.tables) and figures are worded as
everywhere else (irohub.reporting.wording).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from irohub.records.years import CollectionYear
from irohub.reporting import charts
from irohub.reporting.national import NationalFigure
from irohub.reporting.tables import Table

__all__ = [
    "Block",
    "ChartBlock",
    "Highlight",
    "Highlights",
    "Narrative",
    "Notice",
    "ReportContent",
    "ReportSection",
    "Table",
]


@dataclass(frozen=True)
class Narrative:
    """What the manager wrote for a section (split into paragraphs and lists)."""

    field: str
    parts: tuple[tuple[str, str | tuple[str, ...]], ...]
    kind: str = "narrative"

    @property
    def empty(self) -> bool:
        return not self.parts


@dataclass(frozen=True)
class Notice:
    """A plain statement from the report itself, e.g. that the register does not hold
    some data yet."""

    text: str
    kind: str = "notice"


@dataclass(frozen=True)
class ChartBlock:
    chart: charts.Chart
    description: str  # the text alternative (alt text in Word, caption note in HTML)
    kind: str = "chart"

    @property
    def title(self) -> str:
        return self.chart.title


@dataclass(frozen=True)
class Highlight:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Highlights:
    items: tuple[Highlight, ...]
    kind: str = "highlights"


Block = Narrative | Notice | Table | ChartBlock | Highlights


@dataclass(frozen=True)
class ReportSection:
    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ReportContent:
    council: str
    year: CollectionYear
    years: tuple[CollectionYear, ...]  # compared, earliest first (the report's year last)
    sections: tuple[ReportSection, ...]
    public: bool
    generated_on: date
    edited: str  # "Narrative last edited by … on …", or ""
    national: tuple[NationalFigure, ...]

    @property
    def title(self) -> str:
        return f"Independent Reviewing Officer service: annual report {self.year.label}"

    @property
    def subtitle(self) -> str:
        return f"{self.council}, 1 April {self.year.start_year} to 31 March {self.year.end_year}"

    def section(self, key: str) -> ReportSection:
        return next(section for section in self.sections if section.key == key)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[ChartBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, ChartBlock)]
