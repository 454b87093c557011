"""`irohub clock`: working-day arithmetic and the statutory clocks from the shell.

    irohub clock working-days --from 2021-12-06 --add 20
    irohub clock reviews --looked-after-from 2021-12-06 --held 2022-01-04 [--as-of DATE]
    irohub clock conferences --strategy-discussion 2024-12-19 --held 2025-01-13
    irohub clock foster-carer-reviews --approved 2024-02-29 --held 2025-02-17
    irohub clock short-breaks --break 2025-06-14/2025-06-16 --held 2025-09-11
    irohub clock adoption-reviews --placed 2025-03-03 --held 2025-03-27

Every clock prints the same JSON shape: the meetings held (under "conferences" for child
protection conferences, "reviews" for the rest), each with its deadline and lateness;
"next_due"; and "overdue" on --as-of. Each takes its own end (--ceased, --plan-ended,
--deregistered, --ended), after which nothing falls due.

Pure Python (no Django), so it answers instantly and other tools can script against it.
Success prints exactly one line on stdout. Bad input exits with status 2 and prints exactly
one line on stderr naming the argument and the problem, and nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import NamedTuple, NoReturn

from irohub.statutory import (
    FIRST_SUPPORTED_DATE,
    LAST_SUPPORTED_DATE,
    CalendarRangeError,
    ReviewSchedule,
    default_calendar,
    review_schedule,
)
from irohub.statutory.adoption import adoption_review_schedule
from irohub.statutory.conferences import (
    ConferenceStart,
    conference_kind,
    conference_schedule,
    pre_birth_icpc_due,
)
from irohub.statutory.foster_carers import foster_carer_review_schedule, panel_required
from irohub.statutory.short_breaks import BreakUnit, ShortBreak, short_break_clock

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


COMMANDS = (
    "working-days",
    "reviews",
    "conferences",
    "foster-carer-reviews",
    "short-breaks",
    "adoption-reviews",
)


def _build_parser() -> tuple[_Parser, dict[str, _Parser]]:
    parser = _Parser(prog=PROG, description="Statutory clock arithmetic.", allow_abbrev=False)
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")

    def command(name: str, help: str) -> _Parser:
        return commands.add_parser(name, prog=f"{PROG} {name}", help=help, allow_abbrev=False)

    def held_and_as_of(sub: _Parser, meeting: str) -> None:
        sub.add_argument("--held", action="append", default=[], metavar="DATE", help=meeting)
        sub.add_argument("--as-of", dest="as_of", metavar="DATE", help="say if one is overdue")

    working = command("working-days", "count England working days from a date")
    working.add_argument("--from", dest="start", required=True, metavar="DATE")
    step = working.add_mutually_exclusive_group(required=True)
    step.add_argument("--add", metavar="N", help="print the N-th working day after --from")
    step.add_argument("--subtract", metavar="N", help="print the N-th working day before --from")
    step.add_argument("--to", metavar="DATE", help="print the working days after --from up to --to")

    reviews = command("reviews", "time the reviews of one care period (JSON)")
    reviews.add_argument("--looked-after-from", dest="start", required=True, metavar="DATE")
    held_and_as_of(reviews, "a review held")
    reviews.add_argument("--ceased", metavar="DATE", help="the care period ended")

    conferences = command(
        "conferences", "time the child protection conferences of one plan (JSON; spec §3)"
    )
    first = conferences.add_mutually_exclusive_group(required=True)
    first.add_argument(
        "--strategy-discussion",
        dest="strategy",
        metavar="DATE",
        help="the strategy discussion that started the s47 enquiry (ICPC in 15 working days)",
    )
    first.add_argument(
        "--transfer-notified",
        dest="transfer",
        metavar="DATE",
        help="told that a child on a plan moved here (transfer-in conference in 15 working days)",
    )
    conferences.add_argument(
        "--expected-delivery",
        dest="delivery",
        metavar="DATE",
        help="a pre-birth conference: due 6 weeks before the expected delivery",
    )
    held_and_as_of(conferences, "a conference held (the first is the initial conference)")
    conferences.add_argument("--plan-ended", dest="end", metavar="DATE")

    carers = command(
        "foster-carer-reviews", "time the reviews of one foster carer's approval (JSON; §7)"
    )
    carers.add_argument("--approved", dest="start", required=True, metavar="DATE")
    carers.add_argument(
        "--change",
        action="append",
        default=[],
        metavar="DATE",
        help="a change of circumstances that calls for a review (due in 20 working days)",
    )
    held_and_as_of(carers, "a review held")
    carers.add_argument("--deregistered", dest="end", metavar="DATE")

    breaks = command("short-breaks", "time the reviews of a series of short breaks (JSON; §4)")
    breaks.add_argument(
        "--break",
        dest="breaks",
        action="append",
        default=[],
        required=True,
        metavar="START/END",
        help="one break: the day the child arrived and the day they went home",
    )
    breaks.add_argument(
        "--count",
        choices=[unit.value for unit in BreakUnit],
        default=BreakUnit.NIGHTS.value,
        help="count the 17- and 75-day limits in nights (default) or days",
    )
    held_and_as_of(breaks, "a review held")
    breaks.add_argument("--ended", dest="end", metavar="DATE", help="the breaks ended")

    adoption = command("adoption-reviews", "time the adoption reviews of one child (JSON; §5)")
    adoption.add_argument("--authority", metavar="DATE", help="the agency had authority to place")
    adoption.add_argument("--placed", metavar="DATE", help="placed for adoption")
    adoption.add_argument(
        "--looked-after-from",
        dest="looked_after",
        metavar="DATE",
        help="the care period began (before placement, the earlier of both clocks is due)",
    )
    held_and_as_of(adoption, "a review held")
    adoption.add_argument(
        "--ended", dest="end", metavar="DATE", help="adoption order, return or plan ended"
    )
    return parser, {name: commands.choices[name] for name in COMMANDS}  # type: ignore[misc]


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


class _Span(NamedTuple):
    """What the meetings of one clock are held within, as the error messages name it."""

    start: date
    start_option: str  # e.g. "--looked-after-from 2021-12-06"
    began: str  # e.g. "the care period began"
    end: date | None
    end_option: str | None
    ended: str  # e.g. "the care period ended"


def _optional_date(option: str, value: str | None) -> date | None:
    return None if value is None else _parse_date(option, value)


def _end(option: str, value: str | None, start: date, start_option: str, began: str) -> date | None:
    end = _optional_date(option, value)
    if end is not None and end < start:
        raise UsageError(f"{option} {value} is before {began} ({start_option})")
    return end


def _dates_within(
    option: str, values: list[str], span: _Span, meeting: str = "a review"
) -> list[date]:
    days: list[date] = []
    for value in values:
        day = _parse_date(option, value)
        if day < span.start:
            raise UsageError(f"{option} {value} is before {span.began} ({span.start_option})")
        if span.end is not None and day > span.end:
            raise UsageError(f"{option} {value} is after {span.ended} ({span.end_option})")
        if day in days:
            raise UsageError(f"{option} {value} is given twice ({meeting} is one meeting a day)")
        days.append(day)
    return days


def _too_close(held: list[date], start_option: str, what: str = "review") -> UsageError:
    # Only a date within months of the calendar's end gets here: the next deadline would
    # fall after it.
    latest = f"--held {max(held).isoformat()}" if held else start_option
    return UsageError(
        f"{latest} is too close to the end of the supported calendar "
        f"({LAST_SUPPORTED_DATE.isoformat()}) to work out the next {what}"
    )


def _result(
    schedule: ReviewSchedule,
    as_of: date | None,
    *,
    key: str = "reviews",
    extra: Callable[[int], dict[str, object]] | None = None,
    top: dict[str, object] | None = None,
) -> str:
    result = {
        key: [
            {
                "number": review.number,
                **(extra(index) if extra else {}),
                "held": review.held.isoformat(),
                "due": review.due.isoformat(),
                "on_time": review.on_time,
                "days_late": review.days_late,
                "working_days_late": review.working_days_late,
            }
            for index, review in enumerate(schedule.reviews)
        ],
        "next_due": None if schedule.next_due is None else schedule.next_due.isoformat(),
        "overdue": as_of is not None and schedule.overdue_on(as_of),
        **(top or {}),
    }
    return json.dumps(result)


def _reviews(args: argparse.Namespace) -> str:
    start = _parse_date("--looked-after-from", args.start)
    as_of = _optional_date("--as-of", args.as_of)
    began = f"--looked-after-from {args.start}"
    ceased = _end("--ceased", args.ceased, start, began, "the care period began")
    span = _Span(
        start, began, "the care period began", ceased, f"--ceased {args.ceased}",
        "the care period ended",
    )  # fmt: skip
    held = _dates_within("--held", args.held, span)
    try:
        schedule = review_schedule(start, held, period_end=ceased)
    except CalendarRangeError:
        raise _too_close(held, began) from None
    return _result(schedule, as_of)


def _conferences(args: argparse.Namespace) -> str:
    if args.strategy is not None:
        option, value = "--strategy-discussion", args.strategy
        begins, began = ConferenceStart.STRATEGY_DISCUSSION, "the strategy discussion"
    else:
        option, value = "--transfer-notified", args.transfer
        begins, began = ConferenceStart.TRANSFER_IN, "the transfer was notified"
        if args.delivery is not None:
            raise UsageError(
                "--expected-delivery is for a pre-birth conference after a strategy "
                "discussion, not with --transfer-notified"
            )
    start = _parse_date(option, value)
    first_due = None
    if args.delivery is not None:
        begins = ConferenceStart.PRE_BIRTH
        first_due = pre_birth_icpc_due(_parse_date("--expected-delivery", args.delivery))
    as_of = _optional_date("--as-of", args.as_of)
    start_option = f"{option} {value}"
    end = _end("--plan-ended", args.end, start, start_option, began)
    span = _Span(start, start_option, began, end, f"--plan-ended {args.end}", "the plan ended")
    held = _dates_within("--held", args.held, span, "a conference")
    try:
        schedule = conference_schedule(
            start, held, begins=begins, plan_ended=end, first_due=first_due
        )
    except CalendarRangeError:
        raise _too_close(held, start_option, "conference") from None
    kinds = [conference_kind(review.number, begins) for review in schedule.reviews]
    return _result(schedule, as_of, key="conferences", extra=lambda index: {"kind": kinds[index]})


def _foster_carer_reviews(args: argparse.Namespace) -> str:
    start = _parse_date("--approved", args.start)
    as_of = _optional_date("--as-of", args.as_of)
    start_option = f"--approved {args.start}"
    end = _end("--deregistered", args.end, start, start_option, "the approval")
    span = _Span(
        start, start_option, "the approval", end, f"--deregistered {args.end}",
        "the household was deregistered",
    )  # fmt: skip
    held = _dates_within("--held", args.held, span)
    changes = _dates_within("--change", args.change, span, "a change")
    if start in changes:
        raise UsageError(
            f"--change {start.isoformat()} is the day of the approval ({start_option})"
        )
    try:
        schedule = foster_carer_review_schedule(start, held, changes=changes, deregistered=end)
    except CalendarRangeError:
        raise _too_close(held, start_option) from None
    numbers = [review.number for review in schedule.reviews]
    return _result(
        schedule,
        as_of,
        extra=lambda index: {"panel_required": panel_required(numbers[index])},
        top={"next_panel_required": panel_required(len(numbers) + 1)},
    )


def _parse_break(value: str) -> ShortBreak:
    parts = value.split("/")
    if len(parts) != 2:
        raise UsageError(f"--break {_quoted(value)} is not START/END (two dates, YYYY-MM-DD)")
    start, end = (_parse_date("--break", part) for part in parts)
    if end < start:
        raise UsageError(f"--break {value} ends before it begins")
    return ShortBreak(start, end)


def _short_breaks(args: argparse.Namespace) -> str:
    breaks = sorted(_parse_break(value) for value in args.breaks)
    for before, after in pairwise(breaks):
        if after.start < before.end:
            raise UsageError(
                f"--break {after.start.isoformat()}/{after.end.isoformat()} begins before the "
                f"break {before.start.isoformat()}/{before.end.isoformat()} ended"
            )
    first = breaks[0]
    start_option = f"--break {first.start.isoformat()}/{first.end.isoformat()}"
    as_of = _optional_date("--as-of", args.as_of)
    end = _end("--ended", args.end, first.start, start_option, "the first break began")
    if end is not None and breaks[-1].start > end:
        raise UsageError(
            f"--break {breaks[-1].start.isoformat()}/{breaks[-1].end.isoformat()} begins after "
            f"the breaks ended (--ended {args.end})"
        )
    span = _Span(
        first.start, start_option, "the first break began", end, f"--ended {args.end}",
        "the breaks ended",
    )  # fmt: skip
    held = _dates_within("--held", args.held, span)
    try:
        clock = short_break_clock(breaks, held, ended=end, unit=BreakUnit(args.count))
    except CalendarRangeError:
        raise _too_close(held, start_option) from None
    except ValueError as error:  # the breaks ended before the limit they passed
        raise UsageError(f"--ended {args.end}: {error}") from None
    regimes = ["short breaks"] * clock.short_break_reviews + ["full"] * (
        len(clock.schedule.reviews) - clock.short_break_reviews
    )
    passed = clock.passed
    return _result(
        clock.schedule,
        as_of,
        extra=lambda index: {"regime": regimes[index]},
        top={
            "limit_passed": None
            if passed is None
            else {"day": passed.day.isoformat(), "limit": passed.limit.value}
        },
    )


def _adoption_reviews(args: argparse.Namespace) -> str:
    if args.authority is None and args.placed is None:
        raise UsageError("one of the arguments --authority --placed is required")
    authority = _optional_date("--authority", args.authority)
    placed = _optional_date("--placed", args.placed)
    looked_after = _optional_date("--looked-after-from", args.looked_after)
    as_of = _optional_date("--as-of", args.as_of)
    if authority is not None and placed is not None and placed < authority:
        raise UsageError(
            f"--placed {args.placed} is before the authority to place "
            f"(--authority {args.authority})"
        )
    # Reviews are timed from the care period's start when it is given (the looked-after
    # clock runs until the placement), else from the authority, else from the placement.
    start_option, began = "--placed", "the placement for adoption"
    if looked_after is not None:
        start_option, began = "--looked-after-from", "the care period began"
    elif authority is not None:
        start_option, began = "--authority", "the authority to place"
    start = looked_after or authority or placed
    assert start is not None
    start_option = f"{start_option} {start.isoformat()}"
    if placed is not None and placed < start:
        raise UsageError(f"--placed {args.placed} is before {began} ({start_option})")
    end = _end("--ended", args.end, start, start_option, began)
    if end is not None and placed is not None and end < placed:
        raise UsageError(
            f"--ended {args.end} is before the placement for adoption (--placed {args.placed})"
        )
    span = _Span(start, start_option, began, end, f"--ended {args.end}", "the adoption ended")
    held = _dates_within("--held", args.held, span)
    try:
        schedule = adoption_review_schedule(
            held, authority=authority, placed=placed, looked_after_from=looked_after, ended=end
        )
    except CalendarRangeError:
        raise _too_close(held, start_option) from None
    stages = [
        "placed" if placed is not None and review.held >= placed else "before placement"
        for review in schedule.reviews
    ]
    return _result(schedule, as_of, extra=lambda index: {"stage": stages[index]})


_RUN: dict[str, Callable[[argparse.Namespace], str]] = {
    "working-days": lambda args: _working_days(args),
    "reviews": lambda args: _reviews(args),
    "conferences": lambda args: _conferences(args),
    "foster-carer-reviews": lambda args: _foster_carer_reviews(args),
    "short-breaks": lambda args: _short_breaks(args),
    "adoption-reviews": lambda args: _adoption_reviews(args),
}


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
            parser.error(f"a subcommand is required ({', '.join(COMMANDS)})")
        try:
            output = _RUN[args.command](args)
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
