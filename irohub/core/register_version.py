"""The register's version, and figures cached under it (issue 16, item 3).

Figures (the performance page, each measure, its drill-downs, the annual report) are
computed from the whole register, and cached under the register's version: a token that
changes after every committed write to the register. Nothing has to remember to
invalidate them:

- **Every write is seen, whichever app made it.** Each database connection runs every
  statement through `watch_register_writes`, which notices an INSERT, UPDATE, DELETE,
  REPLACE, TRUNCATE or COPY on a table of the register — every model of IRO Hub's own apps
  except those that hold no register data (`NOT_REGISTER_APPS`: the audit trail, sign-on
  settings) — so `save()`, `delete()`, `bulk_create()`, `update()`, raw SQL, an import or a
  calendar change in an app added tomorrow all count. On PostgreSQL a COPY sent through
  psycopg's own `cursor.copy()` (which does not pass Django's cursor) is seen too: each
  connection's psycopg cursors are made by `watch_copies`.
- **After the commit, not before.** The token changes in a callback run when the writing
  transaction commits (`transaction.on_commit`), so a reader can never see the new token
  with the old rows; a write rolled back changes nothing. A reader whose own transaction
  has written to the register (not yet committed) bypasses the cache: it must see its
  own writes.
- **Random tokens.** A new token is random, not a counter, so a database restored or
  rebuilt (tests flush theirs) never meets an old figure under a token it had before.

After a change, `register_changed` is sent (in the writer's process) so an app can
precompute what readers will ask for next (irohub.performance.tasks).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import re
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import caches
from django.db import DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.dispatch import Signal
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

__all__ = [
    "FIGURES_CACHE",
    "NOT_REGISTER_APPS",
    "cached_figures",
    "cached_fragment",
    "current_version",
    "is_cached",
    "register_changed",
    "register_changed_now",
    "register_tables",
    "watch_copies",
    "watch_register_writes",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

# IRO Hub's apps whose tables are not the register: the audit trail (written on every page
# that opens a record) and sign-on settings. Every other irohub app counts, new ones too.
# Local targets are applied when a page is drawn, never to the figures cached.
NOT_REGISTER_APPS = frozenset({"audit", "signon", "targets"})
VERSION_TABLE = "core_registerversion"
FIGURES_CACHE = "default"
# Entries are keyed by version and day, so a stale one is never read; this only bounds how
# long an unused one lingers.
TIMEOUT = 24 * 60 * 60

# Sent after a committed change to the register (keyword `using`: the database alias).
register_changed = Signal()

_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|
    DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|COPY)\s+(?:ONLY\s+)?["`]?(\w+)""",
    re.IGNORECASE | re.VERBOSE,
)
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "COPY")


# Staff accounts are Django's own table, but their names are on pages and in figures (an
# IRO's caseload, the team page): a change to an account changes the register. Signing in
# (which only stamps the last sign-in) does not.
ACCOUNT_TABLES = frozenset({"auth_user"})
_SIGN_IN_STAMP = re.compile(
    r"""^\s*UPDATE\s+"?auth_user"?\s+SET\s+"?last_login"?\s*=\s*\S+\s+WHERE\s""",
    re.IGNORECASE,
)


@functools.cache
def register_tables() -> frozenset[str]:
    """The database tables of the register (lower case), many-to-many tables included."""
    tables = {
        model._meta.db_table.lower()
        for config in apps.get_app_configs()
        if config.name.startswith("irohub.") and config.label not in NOT_REGISTER_APPS
        for model in config.get_models(include_auto_created=True)
    }
    tables.discard(VERSION_TABLE)
    return frozenset(tables | ACCOUNT_TABLES)


def written_table(sql: object) -> str | None:
    """The register table a statement writes to, if it writes to one."""
    if not isinstance(sql, str) or not sql.lstrip()[:8].upper().startswith(_WRITE_VERBS):
        return None
    match = _WRITE.match(sql)
    if match is None:
        return None
    table = match.group(1).lower()
    if table in ACCOUNT_TABLES and _SIGN_IN_STAMP.match(sql):
        return None
    return table if table in register_tables() else None


def watch_register_writes(
    execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    """A database execute wrapper (installed on every connection, core/apps.py): after a
    statement that writes to the register, the version changes when its transaction
    commits."""
    result = execute(sql, params, many, context)
    if written_table(sql) is not None:
        _note_write(context["connection"])
    return result


def watch_copies(connection: BaseDatabaseWrapper) -> None:
    """On PostgreSQL: psycopg cursors of this connection that notice a COPY into the
    register (bulk imports write with COPY, past Django's cursor and its wrappers)."""
    raw = connection.connection
    base = raw.cursor_factory
    if getattr(base, "watches_register", False):
        return

    class WatchedCursor(base):  # type: ignore[valid-type, misc]
        watches_register = True

        def copy(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
            text = statement.as_string(raw) if hasattr(statement, "as_string") else statement
            if written_table(text) is not None:
                _note_write(connection)
            return super().copy(statement, *args, **kwargs)

    raw.cursor_factory = WatchedCursor


def _note_write(connection: BaseDatabaseWrapper) -> None:
    if _has_pending_change(connection):
        return  # one new version per transaction, however many statements it makes
    transaction.on_commit(
        functools.partial(_committed, connection.alias), using=connection.alias, robust=True
    )


def _has_pending_change(connection: BaseDatabaseWrapper) -> bool:
    """Whether this connection's open transaction has written to the register."""
    return connection.in_atomic_block and any(
        getattr(callback, "func", None) is _committed
        for _, callback, *_ in connection.run_on_commit
    )


def _committed(using: str) -> None:
    try:
        register_changed_now(using=using)
    except DatabaseError:
        if VERSION_TABLE in connections[using].introspection.table_names():
            raise
        # A data migration wrote to the register before the version table exists: there
        # is nothing cached yet either.
        return


def register_changed_now(*, using: str = "default") -> None:
    """Give the register a new version now, then tell whoever listens. Called after each
    committed write that the execute wrapper saw; call it yourself only after a write that
    bypassed Django's cursor (psycopg's `cursor.copy()`)."""
    from irohub.core.models import RegisterVersion

    values = {"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    if not RegisterVersion.objects.using(using).filter(pk=1).update(**values):
        RegisterVersion.objects.using(using).update_or_create(pk=1, defaults=values)
    register_changed.send(sender=RegisterVersion, using=using)


def current_version(*, using: str = "default") -> str | None:
    """The register's version as this connection sees it; None when its own open
    transaction has written to the register (figures must then be computed afresh)."""
    from irohub.core.models import RegisterVersion

    connection = connections[using]
    if _has_pending_change(connection):
        return None
    token = RegisterVersion.objects.using(using).filter(pk=1).values_list("token", flat=True)
    found = token.first()
    if found is None:  # a new (or flushed) database: its first version
        found, _ = RegisterVersion.objects.using(using).get_or_create(
            pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
        )
        found = found.token
    return found


def _key(version: str, name: str, parts: tuple[object, ...]) -> str:
    described = ":".join(str(part) for part in parts)
    key = f"irohub-figures:{version}:{timezone.localdate():%Y%m%d}:{name}:{described}"
    if len(key) > 200 or not key.isascii() or any(ch.isspace() for ch in key):
        # Some cache backends refuse long keys or keys with spaces.
        key = f"irohub-figures:{version}:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def cached_figures(name: str, compute: Callable[[], T], *parts: object) -> T:
    """`compute()`, once per register version and day: the same `name` and `parts` (what
    the figures are of: a year, a measure) are answered from Django's cache until the
    register changes. Values must pickle."""
    version = current_version()
    if version is None:
        return compute()
    key = _key(version, name, parts)
    cache = caches[FIGURES_CACHE]
    missing = object()
    value = cache.get(key, missing)
    if value is missing:
        value = compute()
        try:
            cache.set(key, value, TIMEOUT)
        except (pickle.PicklingError, AttributeError, TypeError) as error:
            # Figures that do not pickle (a lambda in a result) are served, uncached, rather
            # than refused; the log says which, so they can be made plain data.
            log.warning("Figures %r are not cached: they do not pickle (%s)", name, error)
    return value  # type: ignore[return-value]


def is_cached(name: str, *parts: object) -> bool:
    """Whether `cached_figures(name, …, *parts)` would be answered from the cache now."""
    version = current_version()
    return version is not None and caches[FIGURES_CACHE].has_key(_key(version, name, parts))


# --- parts of pages drawn from the register ----------------------------------------------


class _LocalFragments:
    """The HTML of page parts kept in this worker process, newest used last, within a byte
    budget. Keys carry the register's version, so an entry can be stale only in the sense
    of unused: it is never served after a change (issue 16: a team's pages without a
    database round trip for the cache)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: str, html: str) -> None:
        size = len(html)
        if size > self.budget:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= len(old)
            self.entries[key] = html
            self.used += size
            while self.used > self.budget:
                _, dropped = self.entries.popitem(last=False)
                self.used -= len(dropped)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.used = 0


LOCAL_FRAGMENTS = _LocalFragments(budget=32 * 1024 * 1024)
# A part of a page holding a form's CSRF token must be drawn for each request: a token
# cached for one session is refused in another.
_PER_REQUEST = ("csrfmiddlewaretoken",)


def cached_fragment(
    name: str, render: Callable[[], str], *parts: object, shared: bool = True
) -> SafeString:
    """The HTML of a part of a page drawn from the register, `render()`ed once per register
    version and day for the same `name` and `parts` (what makes it differ: the child, the
    person viewing, the filters). Kept in this process and, when `shared`, in the shared
    cache for the other workers too. Not shared: parts of which there are many, each seldom
    asked for twice (a child's record per person, a search), where writing to the shared
    cache (several queries on the database's) would cost more than it saves. Whatever a
    request must do each time — check permission, write the audit trail, a form's token —
    stays outside."""
    version = current_version()
    if version is None:
        return mark_safe(render())  # a template's escaped output
    key = _key(version, f"fragment:{name}", parts)
    html = LOCAL_FRAGMENTS.get(key)
    if html is None:
        cache = caches[FIGURES_CACHE] if shared else None
        html = cache.get(key) if cache is not None else None
        if html is None:
            html = str(render())
            if any(marker in html for marker in _PER_REQUEST):
                log.error("Page part %r holds a form token: it is drawn for each request", name)
                return mark_safe(html)
            if cache is not None:
                cache.set(key, html, TIMEOUT)
        LOCAL_FRAGMENTS.put(key, html)
    return mark_safe(html)  # a template's escaped output, kept
