"""`irohub benchmarking`: published figures to compare the council with others.

    irohub benchmarking load FILE... [--neighbours FILE]   # DfE local-authority tables (CSV)
    irohub benchmarking load --sample                       # the synthetic sample (demo, tests)
    irohub benchmarking combine FILE...  [--out FILE]       # councils' `measures --public` files

`load` reads every file in full before writing anything, then adds or replaces the figures
in one transaction (and replaces the statistical-neighbours list when one is given): a
problem in any file names the file, row, column and value, and nothing is loaded.
`combine` sets several councils' public measures files side by side as one CSV table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from irohub.cli.base import CommandLineError, OneLineParser, setup_django


def main(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub benchmarking",
        description="Load the DfE's published tables and statistical neighbours, or combine "
        "councils' public measures files.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    load = commands.add_parser("load", help="load published local-authority tables (CSV)")
    load.add_argument("files", nargs="*", type=Path, metavar="FILE")
    load.add_argument("--neighbours", type=Path, metavar="FILE", help="statistical neighbours CSV")
    load.add_argument(
        "--sample", action="store_true", help="load the synthetic sample tables and neighbours"
    )
    combine = commands.add_parser("combine", help="combine councils' `measures --public` files")
    combine.add_argument("files", nargs="+", type=Path, metavar="FILE")
    combine.add_argument("--out", type=Path, metavar="FILE", help="write the CSV here")
    options = parser.parse_args(argv)
    if options.command == "combine":
        return _combine(options.files, options.out)
    return _load(options.files, options.neighbours, sample=options.sample)


def _read(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandLineError(f"irohub benchmarking: {path}: {error.strerror}") from None
    try:
        return str(path), data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandLineError(
            f"irohub benchmarking: {path}: not UTF-8 text (is it a spreadsheet? save it as CSV)"
        ) from None


def _load(paths: list[Path], neighbours: Path | None, *, sample: bool) -> int:
    tables = [_read(p) for p in paths]
    listed = _read(neighbours) if neighbours else None
    if not tables and listed is None and not sample:
        raise CommandLineError(
            "irohub benchmarking load: name the files (or --neighbours FILE, or --sample)"
        )
    setup_django()
    from irohub.benchmarking.actions import load_published
    from irohub.benchmarking.samples import NEIGHBOURS, TABLES, sample_file

    if sample:
        tables += [sample_file(name) for name in TABLES]
        listed = listed or sample_file(NEIGHBOURS)
    from irohub.reporting.published import PublishedFileError

    try:
        loaded = load_published(actor=None, files=tables, neighbours=listed)
    except PublishedFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"irohub benchmarking load: {len(error.problems)} problem(s): nothing loaded",
            file=sys.stderr,
        )
        return 1
    years = ", ".join(loaded.years) or "no year"
    print(f"Loaded {loaded.figures:,} published figures ({years}).")
    if loaded.neighbours is not None:
        print(f"Loaded {loaded.neighbours} statistical neighbours.")
    return 0


def _combine(paths: list[Path], out: Path | None) -> int:
    from irohub.reporting.pooled import PooledFileError, combine, combined_table
    from irohub.reporting.tables import as_csv

    try:
        pooled = combine([_read(p) for p in paths])
    except PooledFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            f"irohub benchmarking combine: {len(error.problems)} problem(s): nothing combined",
            file=sys.stderr,
        )
        return 1
    text = as_csv(combined_table(pooled))
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"Wrote {out}: {len(pooled.councils)} councils, {len(pooled.measures)} measures.")
    return 0
