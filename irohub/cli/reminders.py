"""`irohub reminders send`: e-mail the reminders that are due (run it from cron or a
systemd timer, as often as you like: a reminder is never sent twice).

    irohub reminders send [--today 2026-01-05] [--base-url https://iro.council.gov.uk]

Prints {"sent": n, "by_kind": {...}, "already_sent": m} on stdout. Mail goes through
Django's e-mail framework to the server set by IROHUB_EMAIL_HOST (docs/configuration.md).
"""

from __future__ import annotations

import json
import os
from datetime import date

from irohub.cli.base import CommandLineError, OneLineParser, setup_django


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandLineError(
            f"irohub reminders: --today {text!r} is not a date like 2026-01-05"
        ) from None


def main(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub reminders",
        description="Send the reminders that are due, by e-mail (each at most once).",
    )
    parser.add_argument("action", choices=["send"], help="send: e-mail what is due now")
    parser.add_argument("--today", type=_day, help="the day to work from (default: today)")
    parser.add_argument(
        "--base-url",
        default=os.environ.get("IROHUB_PUBLIC_URL", ""),
        help="the address people open IRO Hub at, for links in the e-mails "
        "(default: IROHUB_PUBLIC_URL)",
    )
    options = parser.parse_args(argv)
    base_url = options.base_url.strip().rstrip("/")
    if base_url and not base_url.startswith(("https://", "http://")):
        raise CommandLineError(
            f"irohub reminders: --base-url {base_url!r} is not a web address like "
            "https://iro.council.gov.uk"
        )
    setup_django()
    from django.utils import timezone

    from irohub.reminders.actions import send_due_reminders

    result = send_due_reminders(today=options.today or timezone.localdate(), base_url=base_url)
    print(json.dumps(result.as_json()))
    return 0
