"""What every `irohub` subcommand shares: one-line errors, the argument types, Django start-up.

Imports nothing of IRO Hub at module level, so `irohub clock` stays free of Django.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from irohub.records.years import CollectionYear


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


def collection_year(text: str) -> CollectionYear:
    """`--year 2024/25` as an argparse type."""
    from irohub.records.years import parse_collection_year

    try:
        return parse_collection_year(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")
    import django

    django.setup()
