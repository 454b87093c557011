"""Run the DfE's SSDA903 rules (PyPI `csc-validator-be-903`) and print the result as JSON.

This file runs INSIDE the validator's own isolated environment (irohub.ssda903.validator
creates it): it may import only the standard library and the validator's packages, never
irohub. It is executed as a script:

    python validator_runner.py --year 2025 [--la E08000031] THIS_YEAR_DIR [LAST_YEAR_DIR]

`--year` is the year the collection ENDS, as the validator wants it ("2025" for 2024/25).
Each folder holds one year's CSV files; the validator recognises a table by its columns,
not its file name. One JSON document goes to stdout:

    {"validator_version": "0.1.17", "rule_pack": "lac2024_25", "collection_year": "2025",
     "local_authority": "E08000031", "local_authority_source": "given",
     "tables": {"Episodes": 571, "Header": 379, "Episodes_last": 625, ...},
     "rules_run": 152, "skipped_rules": ["..."],
     "crashed_rules": [{"code": "231", "description": "...", "error": "KeyError: ...",
                        "where": "lac2024_25/rule_231.py:27"}],
     "errors": [{"code": "146", "description": "...", "table": "Episodes", "row": 4,
                 "line": 6, "child": "DC000001", "fields": {"PLACE": "K3"},
                 "context": {"DECOM": "01/04/2024", "LS": "C2"}}],
     "seconds": {"import": 0.8, "read": 0.6, "total": 10.4},
     "slowest_rules": [{"code": "...", "seconds": 1.2}], "problems": []}

`row` is the 0-based data row of the table, `line` the line of the CSV file (header = 1).
Bad input (no CSV files, columns the validator does not know) is reported in "problems"
with exit status 3, so the caller can tell it from a crash of this script.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
import warnings
from importlib import import_module, metadata
from pathlib import Path
from typing import Any

# The rules raise pandas' SettingWithCopy and FutureWarnings by the hundred; they say
# nothing about the data.
warnings.filterwarnings("ignore")

PACK_PREFIX = "lac"
CONTEXT_FIELDS = ("DECOM", "LS", "PLACE", "REVIEW", "SEX", "DOB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--year", required=True, help="the year the collection ENDS: 2025")
    parser.add_argument("--la", default="", help="the local authority's upper-tier ONS code")
    parser.add_argument("--rules", default="", help="comma-separated rule codes (default all)")
    parser.add_argument("this_year", type=Path)
    parser.add_argument("last_year", type=Path, nargs="?")
    options = parser.parse_args(argv)

    started = time.perf_counter()
    # Some rules print(); only our JSON document may reach stdout.
    global _STDOUT
    _STDOUT, sys.stdout = sys.stdout, sys.stderr
    # Import here: the validator logs at INFO from import time (basicConfig) and its
    # postcode tables load lazily; keep stderr for real trouble only.
    from lac_validator.datastore import copy_datastore, create_datastore
    from lac_validator.ingress import read_from_text
    from lac_validator.types import UploadError

    logging.getLogger().setLevel(logging.ERROR)
    imported = time.perf_counter()

    report: dict[str, Any] = {
        "validator_version": metadata.version("csc-validator-be-903"),
        "collection_year": options.year,
        "problems": [],
    }
    files = _uploaded_files(options.this_year, "This year")
    if options.last_year is not None:
        files += _uploaded_files(options.last_year, "Prev year")
    if not any(f["description"] == "This year" for f in files):
        report["problems"].append(f"no CSV files in {options.this_year}")
        return _emit(report, 3)
    try:
        tables, extras = read_from_text(files)
    except UploadError as error:
        report["problems"].append(f"the validator could not read the files: {error}")
        return _emit(report, 3)
    except Exception as error:  # pandas parser errors and the like
        report["problems"].append(
            f"the validator could not read the files: {type(error).__name__}: {error}"
        )
        return _emit(report, 3)
    report["tables"] = {name: len(df) for name, df in tables.items()}
    read_seconds = time.perf_counter() - imported

    pack, note = _rule_pack(options.year)
    report["rule_pack"] = pack
    if note:
        report["rule_pack_note"] = note
    registry = import_module(f"lac_validator.rules.{pack}").registry
    if options.rules:
        wanted = {code.strip() for code in options.rules.split(",")}
        registry = {code: rule for code, rule in registry.items() if str(code) in wanted}

    la, la_source = options.la, "given"
    if not la:
        la, la_source = _infer_local_authority(tables)
    report["local_authority"] = la
    report["local_authority_source"] = la_source

    meta = {"collectionYear": options.year, "localAuthority": la, **extras}
    store = create_datastore(tables, meta)

    errors: list[dict[str, Any]] = []
    skipped: list[str] = []
    crashed: list[dict[str, str]] = []
    timings: list[tuple[float, str]] = []
    for code, rule in registry.items():
        began = time.perf_counter()
        try:
            result = rule.func(copy_datastore(store))
        except Exception as error:
            # As the validator's own session does: a rule that raises is not run.
            crashed.append(
                {
                    "code": str(code),
                    "description": rule.message or "",
                    "error": f"{type(error).__name__}: {error}".strip()[:300],
                    "where": _where(error),
                }
            )
            continue
        finally:
            timings.append((time.perf_counter() - began, str(code)))
        if result == {}:
            skipped.append(str(code))  # a table it needs was not supplied
            continue
        for table, rows in result.items():
            errors.extend(_describe(rule, table, rows, store))
    report.update(
        rules_run=len(registry) - len(skipped) - len(crashed),
        skipped_rules=skipped,
        crashed_rules=crashed,
        errors=errors,
        seconds={
            "import": round(imported - started, 2),
            "read": round(read_seconds, 2),
            "total": round(time.perf_counter() - started, 2),
        },
        slowest_rules=[
            {"code": code, "seconds": round(seconds, 2)}
            for seconds, code in sorted(timings, reverse=True)[:10]
        ],
    )
    return _emit(report, 0)


def _uploaded_files(folder: Path, description: str) -> list[dict[str, Any]]:
    """The folder's CSV files as the validator's upload dicts (name, bytes, which year)."""
    if not folder.is_dir():
        return []
    return [
        {"name": path.name, "file_content": path.read_bytes(), "description": description}
        for path in sorted(folder.glob("*.csv"))
    ]


def _rule_pack(year: str) -> tuple[str, str]:
    """The rule pack for a collection year ending in `year` ("2025" -> lac2024_25); the
    nearest pack, with a note, when this validator release has none for that year."""
    import lac_validator.rules as rules

    # `rules` is a namespace package: no __file__, but a __path__.
    packs = sorted(
        p.name
        for folder in rules.__path__
        for p in Path(folder).iterdir()
        if p.name.startswith(PACK_PREFIX) and (p / "__init__.py").is_file()
    )
    end = int(year)
    wanted = f"{PACK_PREFIX}{end - 1}_{end % 100:02d}"
    if wanted in packs:
        return wanted, ""
    nearest = min(packs, key=lambda p: abs(int(p[len(PACK_PREFIX) :][:4]) + 1 - end))
    return nearest, (
        f"this validator release has no rules for the year ending March {end}; "
        f"used the nearest pack, {nearest}"
    )


def _infer_local_authority(tables: dict[str, Any]) -> tuple[str, str]:
    """The upper-tier authority most children's home postcodes lie in: the council itself,
    as nearly always. Rules 229, 241, 411 and 1015 compare placements with it."""
    from lac_validator.datastore import la_df, merge_postcodes

    episodes = tables.get("Episodes")
    if episodes is None:
        return "", "unknown"
    for column in ("HOME_POST", "PL_POST"):
        if column not in episodes or episodes[column].notna().sum() == 0:
            continue
        found = merge_postcodes(episodes[[column]].copy(), column)
        found = found.merge(la_df, how="left", left_on="laua", right_on="LTLA21CD")
        counts = found["UTLA21CD"].dropna().value_counts()
        if len(counts):
            return str(counts.index[0]), f"inferred from {column}"
    return "", "unknown"


def _describe(rule: Any, table: str, rows: list[Any], store: dict[str, Any]) -> list[dict]:
    """One entry per flagged row (duplicates and NaN indices dropped, as the validator's
    own report does), with the child and the values of the fields the rule names."""
    df = store.get(table)
    seen: set[Any] = set()
    out: list[dict[str, Any]] = []
    fields = [f for f in (rule.affected_fields or []) if df is not None and f in df.columns]
    for row in rows:
        if row != row or row in seen:  # NaN
            continue
        seen.add(row)
        entry: dict[str, Any] = {
            "code": str(rule.code),
            "description": rule.message or "",
            "table": table,
            "row": _plain(row),
        }
        if isinstance(entry["row"], int):
            entry["line"] = entry["row"] + 2
        if df is not None and row in df.index:
            record = df.loc[row]
            if "CHILD" in df.columns:
                entry["child"] = _plain(record["CHILD"])
            entry["fields"] = {f: _plain(record[f]) for f in fields}
            # Where the row is, and what the quirk labelling in irohub needs to see.
            entry["context"] = {
                f: _plain(record[f]) for f in CONTEXT_FIELDS if f in df.columns and f not in fields
            }
        out.append(entry)
    return out


def _plain(value: Any) -> Any:
    """A JSON-friendly scalar: numpy numbers to Python, NaN and NaT to None, dates to text."""
    if value is None:
        return None
    try:
        if value != value:
            return None
    except (TypeError, ValueError):
        return str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _where(error: BaseException) -> str:
    """The validator's own file and line the exception came from, for the report."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if "lac_validator" in f.filename] or frames
    if not inside:
        return ""
    frame = inside[-1]
    return f"{Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.lineno}"


_STDOUT = sys.stdout


def _emit(report: dict[str, Any], status: int) -> int:
    json.dump(report, _STDOUT)
    _STDOUT.write("\n")
    _STDOUT.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
