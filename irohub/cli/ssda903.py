"""`irohub ssda903`: import, export and validate SSDA903 returns.

    irohub ssda903 import DIR [--year 2024/25] [--dry-run]
    irohub ssda903 export --year 2024/25 --out DIR
    irohub ssda903 validate ...        (the DfE's own rules: irohub.ssda903.validator)

Exit status: 0 done; 1 the files have problems (import: the report is on stderr, one
problem a line as `file:row: column COLUMN value 'VALUE': reason`, and nothing was
written); 2 bad command-line input (one line on stderr naming the argument).
IRO Hub's own checks of the reviews (late reviews, reviews outside their year) are
information: listed on stderr, never a reason to refuse.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from irohub.cli.base import CommandLineError, OneLineParser, collection_year, setup_django

USAGE = """usage: irohub ssda903 <command> [options]

commands:
  import DIR [--year 2024/25] [--dry-run]
             read a council's SSDA903 returns (one year's CSV files, or one sub-folder per
             year named by the year the collection ends: 2024/ 2025/) into the register
  export --year 2024/25 --out DIR
             write the collection year's tables (header, episodes, reviews, uasc) from the
             register, as the DfE expects them
  validate   check a return against the DfE's own validation rules
"""

BAR_WIDTH = 30


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except CommandLineError as error:
        print(error, file=sys.stderr)
        return 2


def _main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE, end="")
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "import":
        return import_returns(rest)
    if command == "export":
        return export_return(rest)
    if command == "validate":
        from irohub.ssda903.validator import main as validator_main

        return validator_main(rest)
    raise CommandLineError(
        f"irohub ssda903: unknown command {command!r} (try irohub ssda903 --help)"
    )


class ProgressBar:
    """A one-line progress bar for large files, on a terminal only (never in a log)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.shown = False

    def __call__(self, file: str, done: int, total: int) -> None:
        if not self.active:
            return
        if done >= total and not self.shown:
            return  # a small file: read before a bar would have meant anything
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{file} [{bar}] {done:,}/{total:,} rows{end}")
        self.stream.flush()
        self.shown = done < total


def import_returns(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub ssda903 import",
        description="Import SSDA903 returns into the register (all or nothing).",
    )
    parser.add_argument(
        "folder",
        type=Path,
        metavar="DIR",
        help="one year's CSV files, or one sub-folder per year named by its end year (2025)",
    )
    parser.add_argument(
        "--year",
        type=collection_year,
        help="the collection year of a single folder's files, e.g. 2024/25 (default: the "
        "folder's name if it is a year, else the year of the latest date in the files)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check everything and report, writing nothing"
    )
    options = parser.parse_args(argv)
    if not options.folder.is_dir():
        raise CommandLineError(
            f"irohub ssda903 import: DIR {str(options.folder)!r} is not a folder"
        )

    from irohub.ssda903.reader import read_returns

    result = read_returns(options.folder, year=options.year, progress=ProgressBar(sys.stderr))
    if result.register is None:
        return _refused(result.problems, options.folder, result.problem_count)

    setup_django()
    from django.core.management import call_command

    from irohub.children.actions import import_register
    from irohub.children.ssda903_import import ImportProblems

    _migrate(call_command)
    try:
        summary = import_register(
            actor=None,
            register=result.register,
            data_to=result.data_to,
            locate=result.locate,
            timed=result.timed,
            dry_run=options.dry_run,
            details={
                "folder": str(options.folder),
                "years": [y.label for y in result.years],
            },
        )
    except ImportProblems as refused:
        return _refused(refused.problems, options.folder)

    for finding in result.findings:
        print(finding, file=sys.stderr)
    years = ", ".join(y.label for y in result.years)
    verb = "Dry run — nothing written. Would import" if summary.dry_run else "Imported"
    print(f"{verb} SSDA903 returns {years} from {options.folder}:")
    print("\n".join(summary.lines()))
    for note in result.notes:
        print(f"  Note: {note}")
    if result.findings:
        print(
            f"  {len(result.findings):,} IRO Hub checks (not DfE rules) on the reviews, listed "
            "on stderr: information, not errors"
        )
    return 0


def _migrate(call_command: Callable[..., object]) -> None:
    """Bring the database up to date, as every command that writes does; when it is up to
    date already (the usual case), without running migrate, which builds every model's
    state over again (seconds, at every import)."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def _refused(problems: Sequence[object], folder: Path, count: int | None = None) -> int:
    """The report, one problem a line (the first of each kind, then a count of the rest)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems) if count is None else count
    print(
        f"irohub ssda903 import: {count:,} problem{'' if count == 1 else 's'} in {folder}: "
        "nothing imported",
        file=sys.stderr,
    )
    return 1


def export_return(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub ssda903 export",
        description="Write one collection year's SSDA903 tables from the register.",
    )
    parser.add_argument("--year", type=collection_year, required=True, help="e.g. 2024/25")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="an empty or new folder"
    )
    options = parser.parse_args(argv)
    out: Path = options.out
    if out.exists() and not out.is_dir():
        raise CommandLineError(f"irohub ssda903 export: --out {str(out)!r} is not a folder")
    if out.is_dir() and any(out.iterdir()):
        # A table left from an earlier export (say uasc.csv) would be taken for this one's.
        raise CommandLineError(f"irohub ssda903 export: --out {str(out)!r} is not empty")

    setup_django()
    from django.utils import timezone

    from irohub.children.records import register_from_database
    from irohub.core.calendar import get_calendar
    from irohub.ssda903.checks import schedule_checks
    from irohub.ssda903.writer import write_return

    year = options.year
    register = register_from_database()
    findings = schedule_checks(register, year, calendar=get_calendar(), as_of=timezone.localdate())
    written = write_return(register, year, out)
    for finding in findings:
        print(finding, file=sys.stderr)
    print(f"Wrote the {year} SSDA903 return to {out}:")
    for path in written:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in handle) - 1
        print(f"  {path.name}: {rows:,} rows")
    if findings:
        print(
            f"  {len(findings):,} IRO Hub checks (not DfE rules) on the reviews, listed on stderr"
        )
    return 0
