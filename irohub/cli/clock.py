"""`irohub clock`: working-day arithmetic and the looked-after review clock from the shell.

    irohub clock working-days --from 2021-12-06 --add 20
    irohub clock reviews --looked-after-from 2021-12-06 --held 2022-01-04 [--as-of DATE]

Pure Python (no Django), so it answers instantly and other tools can script against it.
Success prints exactly one line on stdout. Bad input exits with status 2 and prints exactly
one line on stderr naming the argument and the problem, and nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn

from irohub.statutory import (
    FIRST_SUPPORTED_DATE,
    LAST_SUPPORTED_DATE,
    CalendarRangeError,
    default_calendar,
    review_schedule,
)

PROG = "irohub clock"
USAGE_ERROR = 2

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_SUPPORTED = f"{FIRST_SUPPORTED_DATE.isoformat()} to {LAST_SUPPORTED_DATE.isoformat()}"


class UsageError(Exception):
    """Bad command-line input; the message is the single stderr line."""


class _Parser(argparse.ArgumentParser):
    # argparse prints a usage block and exits; we want one line and a return code.
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _quoted(value: str) -> str:
    # JSON quoting keeps a hostile value (newlines, control characters) on one line.
    return json.dumps(value)


def _parse_date(option: str, value: str) -> date:
    if _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if FIRST_SUPPORTED_DATE <= day <= LAST_SUPPORTED_DATE:
                return day
            raise UsageError(f"{option} {value} is outside the supported calendar ({_SUPPORTED})")
    raise UsageError(f"{option} {_quoted(value)} is not a date (expected YYYY-MM-DD)")


def _parse_count(option: str, value: str) -> int:
    if not _INTEGER.fullmatch(value):
        raise UsageError(f"{option} {_quoted(value)} is not a whole number")
    count = int(value)
    if count < 1:
        raise UsageError(f"{option} {value} must be 1 or more")
    return count


def _build_parser() -> tuple[_Parser, dict[str, _Parser]]:
    parser = _Parser(prog=PROG, description="Statutory clock arithmetic.", allow_abbrev=False)
    commands = parser.add_subparsers(dest="command", metavar="{working-days,reviews}")

    working = commands.add_parser(
        "working-days",
        prog=f"{PROG} working-days",
        help="count England working days from a date",
        allow_abbrev=False,
    )
    working.add_argument("--from", dest="start", required=True, metavar="DATE")
    step = working.add_mutually_exclusive_group(required=True)
    step.add_argument("--add", metavar="N", help="print the N-th working day after --from")
    step.add_argument("--subtract", metavar="N", help="print the N-th working day before --from")
    step.add_argument("--to", metavar="DATE", help="print the working days after --from up to --to")

    reviews = commands.add_parser(
        "reviews",
        prog=f"{PROG} reviews",
        help="time the reviews of one care period (JSON)",
        allow_abbrev=False,
    )
    reviews.add_argument("--looked-after-from", dest="start", required=True, metavar="DATE")
    reviews.add_argument("--held", action="append", default=[], metavar="DATE")
    reviews.add_argument("--as-of", dest="as_of", metavar="DATE")
    reviews.add_argument("--ceased", metavar="DATE")
    return parser, {"working-days": working, "reviews": reviews}


def _working_days(args: argparse.Namespace) -> str:
    start = _parse_date("--from", args.start)
    calendar = default_calendar()
    if args.to is not None:
        return str(calendar.working_days_between(start, _parse_date("--to", args.to)))
    option, value = ("--add", args.add) if args.add is not None else ("--subtract", args.subtract)
    n = _parse_count(option, value)
    try:
        if option == "--add":
            return calendar.add_working_days(start, n).isoformat()
        return calendar.subtract_working_days(start, n).isoformat()
    except CalendarRangeError:
        raise UsageError(
            f"{option} {n} from {args.start} goes outside the supported calendar ({_SUPPORTED})"
        ) from None


def _reviews(args: argparse.Namespace) -> str:
    start = _parse_date("--looked-after-from", args.start)
    ceased = None if args.ceased is None else _parse_date("--ceased", args.ceased)
    as_of = None if args.as_of is None else _parse_date("--as-of", args.as_of)
    began = f"(--looked-after-from {args.start})"
    if ceased is not None and ceased < start:
        raise UsageError(f"--ceased {args.ceased} is before the care period began {began}")
    held: list[date] = []
    for value in args.held:
        day = _parse_date("--held", value)
        if day < start:
            raise UsageError(f"--held {value} is before the care period began {began}")
        if ceased is not None and day > ceased:
            raise UsageError(
                f"--held {value} is after the care period ended (--ceased {args.ceased})"
            )
        if day in held:
            raise UsageError(f"--held {value} is given twice (a review is one meeting a day)")
        held.append(day)
    try:
        schedule = review_schedule(start, held, period_end=ceased)
    except CalendarRangeError:
        # Only a date within months of the calendar's end gets here: the next deadline
        # would fall after it.
        latest = f"--held {max(held).isoformat()}" if held else began[1:-1]
        raise UsageError(
            f"{latest} is too close to the end of the supported calendar "
            f"({LAST_SUPPORTED_DATE.isoformat()}) to work out the next review"
        ) from None
    result = {
        "reviews": [
            {
                "number": review.number,
                "held": review.held.isoformat(),
                "due": review.due.isoformat(),
                "on_time": review.on_time,
                "days_late": review.days_late,
                "working_days_late": review.working_days_late,
            }
            for review in schedule.reviews
        ],
        "next_due": None if schedule.next_due is None else schedule.next_due.isoformat(),
        "overdue": as_of is not None and schedule.overdue_on(as_of),
    }
    return json.dumps(result)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `irohub clock` with `argv` (the words after "clock"); returns the exit status."""
    parser, subparsers = _build_parser()
    try:
        args, unknown = parser.parse_known_args(sys.argv[1:] if argv is None else list(argv))
        # Report against the subcommand when there is one, so the message says where.
        command = subparsers.get(args.command, parser)
        if unknown:
            command.error(f"unrecognized arguments: {' '.join(unknown)}")
        if args.command is None:
            parser.error("a subcommand is required (working-days or reviews)")
        try:
            output = _working_days(args) if args.command == "working-days" else _reviews(args)
        except UsageError as error:
            raise UsageError(f"{command.prog}: {error}") from None
    except UsageError as error:
        # Exactly one line, whatever the user typed.
        print(str(error).replace("\r", "\\r").replace("\n", "\\n"), file=sys.stderr)
        return USAGE_ERROR
    except SystemExit as exit_:
        # Only --help gets here: argparse exits after printing it.
        return exit_.code if isinstance(exit_.code, int) else 0
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
