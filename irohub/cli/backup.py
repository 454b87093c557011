"""`irohub backup FILE` and `irohub restore FILE`: a council's whole database in one file.

    irohub backup /var/backups/irohub-2026-12-05.gz
    irohub restore /var/backups/irohub-2026-12-05.gz            # into an empty database
    irohub restore /var/backups/irohub-2026-12-05.gz --replace  # over what is there

See irohub.core.backup for the format and what restore guarantees. Bad input (a missing,
foreign or damaged file, a database in use) is one line on stderr, exit status 2, and
nothing written. On success one line on stdout says what was written and how long it took.
"""

from __future__ import annotations

from pathlib import Path

from irohub.cli.base import CommandLineError, OneLineParser, setup_django


def backup_main(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub backup",
        description="Write every table of the database to FILE (gzip-compressed JSON lines).",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    options = parser.parse_args(argv)
    out: Path = options.file
    if out.is_dir():
        raise CommandLineError(f"irohub backup: {str(out)!r} is a folder, not a file")
    if not out.parent.is_dir():
        raise CommandLineError(
            f"irohub backup: {str(out)!r}: folder {str(out.parent)!r} does not exist"
        )
    setup_django()
    from irohub.core.backup import BackupError, backup

    try:
        summary = backup(out)
    except (BackupError, PermissionError) as error:
        raise CommandLineError(f"irohub backup: {error}") from None
    print(summary.text("Backed up", out))
    return 0


def restore_main(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub restore",
        description="Write a backup made by `irohub backup` into the database, all or nothing. "
        "The database is migrated first; it must be empty unless --replace is given.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace the rows already in the database (the audit trail is never deleted: "
        "every event there must be in the backup)",
    )
    options = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    from irohub.core.backup import BackupError, restore

    call_command("migrate", verbosity=0, interactive=False)
    try:
        summary = restore(options.file, replace=options.replace)
    except BackupError as error:
        raise CommandLineError(f"irohub restore: {error}") from None
    print(summary.text("Restored", options.file))
    return 0
