"""The `irohub` command: the front door for operators and automation.

Each command is a module of this package (clock, measures, ssda903, report, demo, serve,
backup and restore),
imported only when it runs, so `irohub clock` never starts Django. What they share is in
irohub.cli.base. Machine-readable output goes to stdout; errors go to stderr as one line
naming what was wrong and where, with exit status 2 for bad input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from irohub.cli.base import CommandLineError

USAGE = """usage: irohub <command> [options]

commands:
  serve      run the web application (SQLite and a demo council unless DATABASE_URL is set)
  demo       fill the database with a synthetic council
  clock      the statutory clocks, as text or JSON (see `irohub clock --help`)
  measures   every measure for a collection year, as JSON (database or SSDA903 files)
  ssda903    import, export and validate SSDA903 returns (see `irohub ssda903 --help`)
  benchmarking  load the DfE's published tables and statistical neighbours; combine
             councils' public measures files (see `irohub benchmarking --help`)
  report     the IRO annual report for a year, as HTML, PDF or Word (see `irohub report --help`)
  reminders  e-mail the reminders that are due, each once (`irohub reminders send`)
  backup     write the whole database to a file (`irohub backup FILE`)
  restore    write a backup into an empty database (`irohub restore FILE [--replace]`)
  manage     Django's management commands (e.g. `irohub manage migrate`)
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE, end="")
        return 0 if args else 2
    command, rest = args[0], args[1:]
    try:
        if command == "clock":
            # Pure rules core: no Django start-up, so it is quick enough for scripts.
            from irohub.cli.clock import main as clock_main

            return clock_main(rest)
        if command == "measures":
            from irohub.cli.measures import main as measures_main

            return measures_main(rest)
        if command == "ssda903":
            from irohub.cli.ssda903 import main as ssda903_main

            return ssda903_main(rest)
        if command == "benchmarking":
            from irohub.cli.benchmarking import main as benchmarking_main

            return benchmarking_main(rest)
        if command == "report":
            from irohub.cli.report import main as report_main

            return report_main(rest)
        if command in {"backup", "restore"}:
            from irohub.cli import backup

            return (backup.backup_main if command == "backup" else backup.restore_main)(rest)
        if command == "reminders":
            from irohub.cli.reminders import main as reminders_main

            return reminders_main(rest)
        if command == "manage":
            return manage(rest)
        if command == "demo":
            from irohub.cli.demo import main as demo_main

            return demo_main(rest)
        if command == "serve":
            from irohub.cli.serve import main as serve_main

            return serve_main(rest)
        raise CommandLineError(f"irohub: unknown command {command!r} (try irohub --help)")
    except CommandLineError as error:
        print(error, file=sys.stderr)
        return 2


def manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["irohub manage", *args])
    return 0
