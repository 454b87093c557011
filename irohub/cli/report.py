"""`irohub report`: the IRO annual report for a collection year, as HTML, PDF or Word.

    irohub report --year 2024/25 --format pdf --out report.pdf
    irohub report --year 2024/25 --format docx --out public.docx --public
    irohub report --year 2024/25 --format html --out summary.html --summary

The figures come from the register in the database (the same functions as `irohub
measures`), the narrative from the report the service manager wrote in IRO Hub (or the
default text when there is none yet). --public applies small-number suppression;
--summary writes the child-friendly summary (always suppressed: it is public).

Bad input is one line on stderr naming the argument, exit status 2, and nothing written:
the file is written to a temporary name beside --out and renamed when complete. On
success a JSON line on stdout says what was written.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from irohub.cli.base import CommandLineError, OneLineParser, collection_year, setup_django

FORMATS = ("html", "pdf", "docx")


def _check_out(out: Path) -> None:
    """Refuse an --out we could not write, before any work is done."""
    if out.is_dir():
        raise CommandLineError(f"irohub report: --out {str(out)!r} is a folder, not a file")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CommandLineError(
            f"irohub report: --out {str(out)!r}: folder {str(folder)!r} does not exist"
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CommandLineError(
            f"irohub report: --out {str(out)!r} cannot be written (permission denied)"
        )


def write_atomically(out: Path, data: bytes) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str]) -> int:
    parser = OneLineParser(
        prog="irohub report",
        description="The IRO annual report for a collection year, as HTML, PDF or Word.",
    )
    parser.add_argument("--year", type=collection_year, required=True, help="e.g. 2024/25")
    parser.add_argument("--format", choices=FORMATS, required=True, dest="output")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--public", action="store_true", help="suppress counts of 1 to 5 (shown as c)"
    )
    parser.add_argument("--summary", action="store_true", help="the child-friendly summary instead")
    options = parser.parse_args(argv)
    if not options.year.complete:  # pragma: no cover - parse() never gives a year to date
        raise CommandLineError("irohub report: --year must be a whole collection year")
    _check_out(options.out)

    setup_django()
    from irohub.annual_report import queries

    figures = queries.figures_if_held(options.year)
    if figures is None:
        raise CommandLineError(
            f"irohub report: --year {options.year.label}: the register holds no children "
            "looked after in that year"
        )
    version = "summary" if options.summary else ("public" if options.public else "report")
    data = queries.report_file(options.year, figures, version=version, output=options.output)
    write_atomically(options.out, data)
    print(
        json.dumps(
            {
                "year": options.year.label,
                "format": options.output,
                "version": "full" if version == "report" else version,
                "out": str(options.out),
                "bytes": len(data),
            }
        )
    )
    return 0
