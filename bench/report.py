"""How long the IRO annual report takes for a large council.

    .venv/bin/python bench/report.py [--children 5000] [--years 10] [--seed 1]
        [--database-url postgres://...]   # default: a temporary SQLite file

Builds the seeded demo council (or reuses it, when the database already holds one of
that size) and times, for the last complete collection year: loading the register, every
measure for the year with breakdowns, the report's content (every measure for this year
and the two before, monthly trends, tables and charts), the HTML (with inline SVG
charts), the PDF and the Word document, plus the public PDF and the child-friendly summary.
Prints a table of seconds (best of --repeat runs). A benchmark, not a test: it asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL to use (default: a temporary SQLite database)",
    )
    options = parser.parse_args()

    if options.database_url:
        from bench.pages import ensure_database

        ensure_database(options.database_url)
        os.environ["DATABASE_URL"] = options.database_url
    else:
        folder = Path(tempfile.gettempdir()) / f"irohub-bench-report-{options.children}"
        folder.mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = ""
        os.environ["IROHUB_DATA_DIR"] = str(folder)
    os.environ.setdefault("SECRET_KEY", "irohub-benchmark-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from irohub.annual_report import queries
    from irohub.annual_report.content import build_report, build_summary, gather_figures
    from irohub.annual_report.render import (
        report_docx,
        report_html,
        report_pdf,
        summary_pdf,
    )
    from irohub.children.models import Child
    from irohub.children.records import register_from_database
    from irohub.core.calendar import get_calendar
    from irohub.demo.load import load_demo_council
    from irohub.measures import compute_measures
    from irohub.records.years import CollectionYear

    call_command("migrate", verbosity=0)
    if Child.objects.count() != options.children:
        print(f"Loading a {options.children:,}-child, {options.years}-year demo council…")
        print(
            load_demo_council(
                children=options.children, years=options.years, seed=options.seed, replace=True
            ).summary()
        )
    year = CollectionYear.to_date(timezone.localdate())
    if not year.complete:
        year = year.previous()
    calendar = get_calendar()
    narrative, _ = queries.narrative_of(year)
    council = settings.IROHUB_COUNCIL_NAME
    today = timezone.localdate()

    timings: list[tuple[str, float, str]] = []

    seconds, register = best_of(options.repeat, register_from_database)
    timings.append(("load the register", seconds, f"{len(register.children):,} children"))
    seconds, measures = best_of(
        options.repeat,
        lambda: compute_measures(register, year, calendar=calendar, breakdowns=True),
    )
    timings.append(
        ("all measures, with breakdowns", seconds, f"{len(measures['measures'])} measures")
    )
    seconds, figures = best_of(
        options.repeat, lambda: gather_figures(register, year, calendar=calendar)
    )
    timings.append(("report figures (3 years)", seconds, f"{len(figures.years)} years"))
    seconds, content = best_of(
        options.repeat,
        lambda: build_report(figures, narrative=narrative, council=council, generated_on=today),
    )
    timings.append(
        (
            "report content",
            seconds,
            f"{len(content.tables())} tables, {len(content.charts())} charts",
        )
    )
    seconds, html = best_of(options.repeat, lambda: report_html(content))
    timings.append(("HTML (inline SVG)", seconds, f"{len(html) / 1024:,.0f} KB"))
    seconds, pdf = best_of(options.repeat, lambda: report_pdf(content))
    timings.append(("PDF (HTML, then WeasyPrint)", seconds, f"{len(pdf) / 1024:,.0f} KB"))
    seconds, docx = best_of(options.repeat, lambda: report_docx(content))
    timings.append(("Word (DOCX)", seconds, f"{len(docx) / 1024:,.0f} KB"))
    public = build_report(
        figures, narrative=narrative, council=council, generated_on=today, public=True
    )
    seconds, _ = best_of(options.repeat, lambda: report_pdf(public))
    timings.append(("public PDF", seconds, "suppressed"))
    summary = build_summary(figures, narrative=narrative, council=council, generated_on=today)
    seconds, _ = best_of(options.repeat, lambda: summary_pdf(summary))
    timings.append(("child-friendly summary PDF", seconds, ""))

    database = "PostgreSQL" if options.database_url else "SQLite"
    print(
        f"\nAnnual report {year.label}: {Child.objects.count():,} children over "
        f"{options.years} years, {database}; best of {options.repeat} (seconds)"
    )
    print(f"{'step':<32}{'seconds':>9}  notes")
    for name, seconds, note in timings:
        print(f"{name:<32}{seconds:>9.2f}  {note}")
    step = {name: seconds for name, seconds, _ in timings}
    start = step["load the register"] + step["report figures (3 years)"] + step["report content"]
    to_pdf = start + step["PDF (HTML, then WeasyPrint)"]
    to_word = start + step["Word (DOCX)"]
    print(f"{'register to PDF':<32}{to_pdf:>9.2f}  (load, figures, content, PDF)")
    print(f"{'register to Word':<32}{to_word:>9.2f}  (load, figures, content, DOCX)")


if __name__ == "__main__":
    main()
