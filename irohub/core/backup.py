"""A council's whole database in one file, and back (`irohub backup`, `irohub restore`).

The file is gzip-compressed JSON lines: a header (format, version, the migrations the
database was at), then one line per table — its columns, then its rows — and a trailer with
the row count and a SHA-256 of every line before it, so a truncated or altered file is
refused before anything is written. Values are written by each model field's own type
(dates as ISO text, decimals as text, JSON as JSON), so a backup made on SQLite restores on
PostgreSQL and the other way round.

Restore is one transaction: it either writes every row or none. It never updates or deletes
an audit event (the audit table is append-only, guarded by triggers): into a database that
already holds events it refuses, unless told to replace the rest, and then only when every
event already there is in the backup unchanged. Rows go in table by table in the order of
their foreign keys, so the database invariants' triggers (core/invariants.py, ADR 0005)
check each review against its care period and child as they would for any other write.
Sequences are written back as they were, so new rows still insert after a restore.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import gzip
import hashlib
import json
import os
import time
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.fields import AutoFieldMixin

from irohub.core.statistics import refresh_planner_statistics

FORMAT = "irohub-backup"
VERSION = 1
AUDIT_TABLE = "audit_auditevent"
# Filled in by `migrate` itself; a restore replaces them with the backup's rows, because
# other rows (permissions, admin log entries, two-factor devices) refer to their ids. The
# resolution process's default practice themes and stage names, and the letter templates, are
# seeded by their migrations too (a council edits them; the backup carries the council's own).
MIGRATE_FILLS = {
    "django_content_type",
    "auth_permission",
    "resolutions_practicetheme",
    "resolutions_resolutionstage",
    "letters_lettertemplate",
}
# Not the council's data but state derived from it, remade after a restore: the register's
# version (a restore's own writes give it a new one) and the background task queue.
DERIVED_TABLES = {"core_registerversion", "django_tasks_database_dbtaskresult"}
BATCH = 1000


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message is one line for the console."""


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    seconds: float
    size: int  # bytes of the backup file

    def text(self, verb: str, path: Path) -> str:
        return (
            f"{verb} {self.rows:,} rows in {self.tables} tables "
            f"({self.size / 1_000_000:.1f} MB, {path}) in {self.seconds:.1f} s"
        )


# --- what is in the database ---------------------------------------------------------------


def _models_in_order() -> list[type[models.Model]]:
    """Every concrete model with a table, parents before the rows that refer to them."""
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed
        and not m._meta.proxy
        and not m._meta.swapped
        and m._meta.db_table not in DERIVED_TABLES
    ]
    by_table = {m._meta.db_table: m for m in candidates}
    ordered: list[type[models.Model]] = []
    placed: set[str] = set()

    def place(model: type[models.Model], visiting: frozenset[str]) -> None:
        table = model._meta.db_table
        if table in placed or table in visiting:
            return
        for field in model._meta.concrete_fields:
            if field.remote_field is not None and field.related_model is not None:
                parent = field.related_model._meta.db_table
                if parent in by_table and parent != table:
                    place(by_table[parent], visiting | {table})
        placed.add(table)
        ordered.append(model)

    for model in sorted(candidates, key=lambda m: m._meta.db_table):
        place(model, frozenset())
    return ordered


def _applied_migrations(connection: BaseDatabaseWrapper) -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _counted(ordered: list[type[models.Model]]) -> dict[str, str]:
    """The tables whose ids come from a sequence, and their id column."""
    return {
        m._meta.db_table: m._meta.pk.column
        for m in ordered
        if isinstance(m._meta.pk, AutoFieldMixin)
    }


def _sequences(connection: BaseDatabaseWrapper, tables: dict[str, str]) -> dict[str, int]:
    """The last value each table's id sequence handed out (0: none yet)."""
    values: dict[str, int] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
            known = dict(cursor.fetchall())
            return {table: int(known[table]) for table in tables if table in known}
        for table, column in tables.items():
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            row = cursor.fetchone()
            if not row or not row[0]:
                continue
            cursor.execute(f"SELECT last_value, is_called FROM {row[0]}")
            last, called = cursor.fetchone()
            values[table] = int(last) if called else 0
    return values


def _set_sequences(
    connection: BaseDatabaseWrapper, sequences: dict[str, int], tables: dict[str, str]
) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                "DELETE FROM sqlite_sequence WHERE name = %s", [(table,) for table in tables]
            )
            cursor.executemany(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                list(sequences.items()),
            )
            return
        for table, value in sequences.items():
            if table not in tables:
                continue
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, tables[table]])
            row = cursor.fetchone()
            if not row or not row[0]:
                continue
            if value:
                cursor.execute("SELECT setval(%s, %s, true)", [row[0], value])
            else:
                cursor.execute("SELECT setval(%s, 1, false)", [row[0]])


# --- values --------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def _decoder(field: models.Field) -> Any:
    if isinstance(field, models.JSONField):
        return lambda value: value
    if isinstance(field, models.BinaryField):
        return lambda value: None if value is None else base64.b64decode(value)
    if isinstance(field, models.DurationField):
        return lambda value: None if value is None else dt.timedelta(seconds=value)
    return field.to_python


# --- backup --------------------------------------------------------------------------------


def _lines(connection: BaseDatabaseWrapper) -> Iterator[dict[str, Any]]:
    ordered = _models_in_order()
    yield {
        "format": FORMAT,
        "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "vendor": connection.vendor,
        "migrations": _applied_migrations(connection),
        "sequences": _sequences(connection, _counted(ordered)),
    }
    for model in ordered:
        fields = model._meta.concrete_fields
        columns = [field.attname for field in fields]
        queryset = model._base_manager.using(connection.alias).order_by("pk")
        rows = [[_encode(v) for v in row] for row in queryset.values_list(*columns).iterator()]
        yield {"table": model._meta.db_table, "columns": columns, "rows": rows}


def backup(path: Path, *, using: str = "default") -> Summary:
    """Write every table of the database to `path` (replaced if it exists)."""
    started = time.perf_counter()
    connection = connections[using]
    digest = hashlib.sha256()
    tables = rows = 0
    partial = path.with_name(path.name + ".partial")
    # Children's records: readable by the owner only (the backup folder's own rules apply
    # beyond that).
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # One consistent view of the database while it is read.
    with (
        transaction.atomic(using=using),
        open(descriptor, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as out,
    ):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for line in _lines(connection):
            data = (json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
            digest.update(data)
            out.write(data)
            if "table" in line:
                tables += 1
                rows += len(line["rows"])
        trailer = {"end": True, "tables": tables, "rows": rows, "sha256": digest.hexdigest()}
        out.write((json.dumps(trailer) + "\n").encode())
    partial.replace(path)
    return Summary(tables, rows, time.perf_counter() - started, path.stat().st_size)


# --- restore -------------------------------------------------------------------------------


@dataclass
class _Backup:
    header: dict[str, Any]
    tables: dict[str, dict[str, Any]]
    rows: int


def _read(path: Path) -> _Backup:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    not_ours = f"{path}: not an IRO Hub backup"
    digest = hashlib.sha256()
    tables: dict[str, dict[str, Any]] = {}
    header: dict[str, Any] | None = None
    trailer: dict[str, Any] | None = None
    try:
        with gzip.open(path, "rb") as stream:
            for number, data in enumerate(_read_lines(stream), start=1):
                if trailer is not None:
                    raise BackupError(f"{path}: line {number} follows the end of the backup")
                line = json.loads(data)
                if not isinstance(line, dict):
                    raise BackupError(f"{path}: line {number} is not a table")
                if header is None:
                    if line.get("format") != FORMAT:
                        raise BackupError(not_ours)
                    if line.get("version") != VERSION:
                        raise BackupError(
                            f"{path}: backup format version {line.get('version')!r}; this "
                            f"IRO Hub reads version {VERSION}"
                        )
                    if not isinstance(line.get("migrations"), list) or not isinstance(
                        line.get("sequences"), dict
                    ):
                        raise BackupError(f"{path}: damaged (its header is incomplete)")
                    header = line
                elif line.get("end") is True:
                    trailer = line
                    continue
                else:
                    if not isinstance(line.get("table"), str) or not isinstance(
                        line.get("rows"), list
                    ):
                        raise BackupError(f"{path}: line {number} is not a table")
                    tables[line["table"]] = line
                digest.update(data)
    except (OSError, EOFError, zlib.error) as error:
        if header is None:
            raise BackupError(f"{not_ours} (not a gzip file of one)") from None
        raise BackupError(f"{path}: damaged or cut short ({error})") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        if header is None:
            raise BackupError(not_ours) from None
        raise BackupError(f"{path}: damaged (a line is not JSON)") from None
    if header is None:
        raise BackupError(not_ours)
    if trailer is None:
        raise BackupError(f"{path}: cut short (no end line): the backup did not finish")
    if trailer.get("sha256") != digest.hexdigest():
        raise BackupError(f"{path}: damaged (its checksum does not match its contents)")
    rows = sum(len(t["rows"]) for t in tables.values())
    return _Backup(header, tables, rows)


def _read_lines(stream: IO[bytes]) -> Iterator[bytes]:
    for data in stream:
        if data.strip():
            yield data


def _row_counts(connection: BaseDatabaseWrapper, tables: list[str]) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def restore(path: Path, *, using: str = "default", replace: bool = False) -> Summary:
    """Write the backup at `path` into the database (already migrated), all or nothing.

    Refuses a database holding any rows beyond what `migrate` fills in unless `replace`;
    never updates or deletes an audit event.
    """
    started = time.perf_counter()
    content = _read(path)
    connection = connections[using]
    here = _applied_migrations(connection)
    if content.header["migrations"] != here:
        theirs = set(content.header["migrations"])
        missing = sorted(theirs - set(here))
        extra = sorted(set(here) - theirs)
        detail = f"the backup has {', '.join(missing[:3])}" if missing else ""
        if extra:
            detail += ("; " if detail else "") + f"this database has {', '.join(extra[:3])}"
        raise BackupError(
            f"{path}: made by another version of IRO Hub (migrations differ: {detail}); "
            "restore it with the version that made it"
        )
    ordered = _models_in_order()
    known = {m._meta.db_table for m in ordered}
    unknown = sorted(set(content.tables) - known)
    if unknown:
        raise BackupError(f"{path}: tables this IRO Hub does not have: {', '.join(unknown)}")

    counts = _row_counts(connection, sorted(known))
    in_use = {t: n for t, n in counts.items() if n and t not in MIGRATE_FILLS}
    if in_use and not replace:
        listed = ", ".join(f"{t} ({n:,})" for t, n in sorted(in_use.items())[:4])
        raise BackupError(
            f"the database is not empty ({listed}); restore into an empty database, or "
            "give --replace to replace what is there"
        )

    try:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    # Deferred foreign keys: rows may refer forward within the transaction.
                    cursor.execute("PRAGMA defer_foreign_keys = ON")
                else:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                # Out with what is there, children before parents; never the audit trail.
                for model in reversed(ordered):
                    table = model._meta.db_table
                    if table != AUDIT_TABLE and counts.get(table):
                        cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            kept_events = _audit_events_already_there(connection, content, path)
            for model in ordered:
                table = content.tables.get(model._meta.db_table)
                if table is None:
                    continue
                _insert(
                    connection,
                    model,
                    table,
                    skip_ids=kept_events if table["table"] == AUDIT_TABLE else set(),
                    path=path,
                )
            _set_sequences(connection, content.header["sequences"], _counted(ordered))
    except (ValidationError, ValueError, TypeError) as error:
        raise BackupError(f"{path}: damaged (a row does not fit its table: {error})") from None
    except (IntegrityError, DataError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BackupError(
            f"{path}: its rows break a rule of this database ({first}); nothing was restored"
        ) from None
    refresh_planner_statistics(using=using)
    return Summary(
        len(content.tables), content.rows, time.perf_counter() - started, path.stat().st_size
    )


def _audit_events_already_there(
    connection: BaseDatabaseWrapper, content: _Backup, path: Path
) -> set[Any]:
    """Ids of audit events both here and in the backup; refuses if any event here would be
    lost or changed by the restore."""
    from irohub.audit.models import AuditEvent

    table = content.tables.get(AUDIT_TABLE)
    if not AuditEvent.objects.using(connection.alias).exists():
        return set()
    backed_up: dict[Any, list[Any]] = {}
    if table is not None:
        id_at = table["columns"].index("id")
        backed_up = {row[id_at]: row for row in table["rows"]}
    columns = table["columns"] if table else [f.attname for f in AuditEvent._meta.concrete_fields]
    kept = set()
    for row in AuditEvent.objects.using(connection.alias).values_list(*columns).iterator():
        encoded = [_encode(v) for v in row]
        event_id = encoded[columns.index("id")]
        if backed_up.get(event_id) != encoded:
            raise BackupError(
                f"{path}: this database's audit trail has events the backup does not "
                f"(event {event_id}); the audit trail is never deleted or changed, so restore "
                "into an empty database"
            )
        kept.add(event_id)
    return kept


def _insert(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    table: dict[str, Any],
    *,
    skip_ids: set[Any],
    path: Path,
) -> None:
    fields_by_attname = {f.attname: f for f in model._meta.concrete_fields}
    columns = table["columns"]
    if set(columns) != set(fields_by_attname):
        raise BackupError(f"{path}: table {table['table']} has other columns than this IRO Hub's")
    fields = [fields_by_attname[c] for c in columns]
    decoders = [_decoder(f) for f in fields]
    id_at = columns.index(model._meta.pk.attname)
    objects = []
    for row in table["rows"]:
        if skip_ids and row[id_at] in skip_ids:
            continue
        obj = model.__new__(model)
        obj._state = models.base.ModelState()
        obj._state.adding = False
        obj._state.db = connection.alias
        for field, decode, value in zip(fields, decoders, row, strict=True):
            setattr(obj, field.attname, None if value is None else decode(value))
        objects.append(obj)
    manager = model._base_manager.db_manager(connection.alias)
    for start in range(0, len(objects), BATCH):
        # raw=True: the values as they were (auto_now fields are not stamped again).
        manager._insert(
            objects[start : start + BATCH], fields=fields, using=connection.alias, raw=True
        )
