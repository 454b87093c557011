"""Reads for the performance pages: the register as core records, the children named in a
list (with restricted records hidden from people not named on them), and the audit trail
of every list of children shown or downloaded.

The register is read in a fixed number of queries (irohub.children.records), so the
pages cost the same number of queries for 50 children as for 5,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from irohub.children.models import Child
from irohub.children.records import register_from_database
from irohub.core.calendar import get_calendar
from irohub.measures.catalogue import Scope
from irohub.performance.figures import first_year
from irohub.records.register import Register
from irohub.records.years import CollectionYear

RESTRICTED = "Restricted record"


@dataclass(frozen=True)
class Service:
    """The register as the measures see it, read once per request."""

    register: Register
    today: date
    first_year: CollectionYear | None

    def scope(self, year: CollectionYear) -> Scope:
        return Scope(self.register, year, get_calendar())


def load_service() -> Service:
    register = register_from_database()
    return Service(register, timezone.localdate(), first_year(register))


@dataclass(frozen=True, slots=True)
class NamedChild:
    pk: int | None  # None: the identifier is not in the register any more
    identifier: str
    name: str  # RESTRICTED for a restricted record the reader is not named on
    may_open: bool


def children_named(user: Any, identifiers: Iterable[str]) -> dict[str, NamedChild]:
    """The children with these identifiers as the reader may see them: name and a link
    to the record, or "Restricted record" when the record is restricted to other people.
    Two queries however many children."""
    wanted = set(identifiers)
    named_on = set(
        Child.restricted_to.through.objects.filter(user_id=user.pk).values_list(
            "child_id", flat=True
        )
    )
    found: dict[str, NamedChild] = {}
    # The whole register's names in one query: a list can name thousands of children, and
    # "identifier IN (...)" with thousands of values is slower and has limits on SQLite.
    rows = Child.objects.values_list("pk", "identifier", "first_name", "last_name", "restricted")
    for pk, identifier, first, last, restricted in rows.iterator(chunk_size=5000):
        if identifier not in wanted:
            continue
        may_open = not restricted or pk in named_on
        name = f"{first} {last}" if may_open else RESTRICTED
        found[identifier] = NamedChild(pk, identifier, name, may_open)
    for identifier in wanted - found.keys():
        found[identifier] = NamedChild(None, identifier, "Not in the register", False)
    return found
