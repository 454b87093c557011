"""Reads for the performance pages: the register as core records, the children named in a
list (restricted records left out for people not named on them, by the rule of
irohub.children.access), and the audit trail of every list of children shown or
downloaded.

The register is read in a fixed number of queries (irohub.children.records), so the
pages cost the same number of queries for 50 children as for 5,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from irohub.children.access import hidden_children, visible_children
from irohub.children.records import register_from_database
from irohub.core.calendar import get_calendar
from irohub.measures.catalogue import Scope
from irohub.performance.figures import first_year
from irohub.records.register import Register
from irohub.records.years import CollectionYear


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
    name: str
    may_open: bool


def hidden_identifiers(user: Any) -> frozenset[str]:
    """The identifiers of the restricted children `user` is not named on
    (irohub.children.access): their rows are left out of every list and download."""
    return frozenset(hidden_children(user).values_list("identifier", flat=True))


def children_named(user: Any, identifiers: Iterable[str]) -> dict[str, NamedChild]:
    """The children with these identifiers as the reader may see them: name and a link to
    the record. Restricted children the reader is not named on are not among the children
    read (the lists leave their rows out first, `hidden_identifiers`); an identifier not
    found reads "Not in the register". Two queries however many children."""
    wanted = set(identifiers)
    found: dict[str, NamedChild] = {}
    # The register's names in one query: a list can name thousands of children, and
    # "identifier IN (...)" with thousands of values is slower and has limits on SQLite.
    rows = visible_children(user).values_list("pk", "identifier", "first_name", "last_name")
    for pk, identifier, first, last in rows.iterator(chunk_size=5000):
        if identifier in wanted:
            found[identifier] = NamedChild(pk, identifier, f"{first} {last}", True)
    for identifier in wanted - found.keys():
        found[identifier] = NamedChild(None, identifier, "Not in the register", False)
    return found
