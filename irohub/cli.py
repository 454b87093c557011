"""The `irohub` command: the front door for operators and automation.

Machine-readable output goes to stdout; errors go to stderr as one line naming what was
wrong and where, with exit status 2 for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

USAGE = """usage: irohub <command> [options]

commands:
  serve      run the web application (SQLite and a demo council unless DATABASE_URL is set)
  demo       fill the database with a synthetic council
  clock      the statutory clocks, as text or JSON (see `irohub clock --help`)
  measures   every measure for a collection year, as JSON (database or SSDA903 files)
  ssda903    import, export and validate SSDA903 returns (see `irohub ssda903 --help`)
  report     the IRO annual report for a year, as HTML, PDF or Word (see `irohub report --help`)
  backup     write the whole database to a file (`irohub backup FILE`)
  restore    write a backup into an empty database (`irohub restore FILE [--replace]`)
  manage     Django's management commands (e.g. `irohub manage migrate`)
"""


class CommandLineError(Exception):
    """Bad input on the command line: one line for stderr, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports bad input as one line naming the command and the problem."""

    def error(self, message: str) -> NoReturn:
        raise CommandLineError(f"{self.prog}: {message}")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    import django

    django.setup()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE, end="")
        return 0 if args else 2
    command, rest = args[0], args[1:]
    try:
        if command == "clock":
            # Pure rules core: no Django start-up, so it is quick enough for scripts.
            from irohub.clock_cli import main as clock_main

            return clock_main(rest)
        if command == "measures":
            from irohub.measures_cli import main as measures_main

            return measures_main(rest)
        if command == "ssda903":
            from irohub.ssda903_cli import main as ssda903_main

            return ssda903_main(rest)
        if command == "report":
            from irohub.report_cli import main as report_main

            return report_main(rest)
        if command in {"backup", "restore"}:
            from irohub import backup_cli

            return (backup_cli.backup_main if command == "backup" else backup_cli.restore_main)(
                rest
            )
        if command == "manage":
            return manage(rest)
        if command == "demo":
            return demo(rest)
        if command == "serve":
            return serve(rest)
        raise CommandLineError(f"irohub: unknown command {command!r} (try irohub --help)")
    except CommandLineError as error:
        print(error, file=sys.stderr)
        return 2


def manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["irohub manage", *args])
    return 0


def demo(args: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub demo",
        description="Fill the database with a synthetic council (adds to what is there "
        "unless --replace is given).",
    )
    parser.add_argument(
        "--children", type=positive_int, default=500, help="children in care over the years"
    )
    parser.add_argument(
        "--years", type=positive_int, default=5, help="years of history up to today"
    )
    parser.add_argument("--seed", type=int, default=1, help="same seed, same council")
    parser.add_argument(
        "--replace", action="store_true", help="delete the register first (demo databases only)"
    )
    parser.add_argument(
        "--ssda903-out",
        type=Path,
        metavar="DIR",
        help="write the council straight to SSDA903 files (one folder per collection year, "
        "named by its end year) instead of the database",
    )
    options = parser.parse_args(args)
    if options.years > 30:
        raise CommandLineError("irohub demo: --years must be at most 30")
    if options.ssda903_out is not None:
        from irohub.demo.ssda903_out import write_synthetic_returns

        if options.ssda903_out.exists() and any(options.ssda903_out.iterdir()):
            raise CommandLineError(
                f"irohub demo: --ssda903-out {str(options.ssda903_out)!r} is not empty"
            )
        summary = write_synthetic_returns(
            children=options.children,
            years=options.years,
            seed=options.seed,
            out=options.ssda903_out,
        )
        print(summary)
        return 0
    setup_django()
    from django.core.management import call_command

    from irohub.demo.load import DemoError, load_demo_council

    call_command("migrate", verbosity=0, interactive=False)
    try:
        stats = load_demo_council(
            children=options.children,
            years=options.years,
            seed=options.seed,
            replace=options.replace,
        )
    except DemoError as error:
        raise CommandLineError(f"irohub demo: {error}") from None
    print(stats.summary())
    return 0


def serve(args: list[str]) -> int:
    parser = OneLineParser(prog="irohub serve", description="Run the web application.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=positive_int, default=8000)
    parser.add_argument(
        "--demo-children",
        type=int,
        default=600,
        help="size of the demo council created on an empty database (0: none)",
    )
    parser.add_argument("--threads", type=positive_int, default=8)
    options = parser.parse_args(args)
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from irohub.children.models import Child
    from irohub.demo.load import ensure_demo_users, load_demo_council

    call_command("migrate", verbosity=0, interactive=False)
    embedded = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if embedded and options.demo_children and not Child.objects.exists():
        print("Creating the demo council (synthetic data)…", flush=True)
        print(load_demo_council(children=options.demo_children, years=5, seed=1).summary())
    sign_ins = ensure_demo_users() if embedded else []
    address = f"http://{options.host}:{options.port}/"
    print(f"\nIRO Hub for {settings.IROHUB_COUNCIL_NAME} is running at {address}")
    for role, username, password in sign_ins:
        print(f"  sign in as {role}: {username} / {password}")
    print("Press Ctrl+C to stop.", flush=True)

    from waitress import serve as waitress_serve

    from irohub.project.wsgi import application

    waitress_serve(application, host=options.host, port=options.port, threads=options.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
