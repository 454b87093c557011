"""Running the DfE validator: validator_runner.py in the validator's own environment, as a
subprocess that prints a JSON report."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from irohub.ssda903.validator_env import (
    HERE,
    ValidatorError,
    clean_env,
    ensure_environment,
    last_line,
)
from irohub.ssda903.validator_results import UsageError

RUNNER = HERE / "validator_runner.py"


def run_validator(
    this_year: Path,
    *,
    end_year: str,
    last_year: Path | None = None,
    local_authority: str = "",
    rules: Sequence[str] = (),
    python: Path | None = None,
) -> dict[str, Any]:
    """Run every rule of the year's pack on the CSV files in `this_year` (and `last_year`
    for the year-on-year rules) in the isolated environment; the runner's JSON report."""
    python = python or ensure_environment()
    command = [str(python), "-I", str(RUNNER), "--year", end_year]
    if local_authority:
        command += ["--la", local_authority]
    if rules:
        command += ["--rules", ",".join(rules)]
    command.append(str(this_year))
    if last_year is not None:
        command.append(str(last_year))
    done = subprocess.run(command, env=clean_env(), capture_output=True, text=True, check=False)
    if done.returncode not in (0, 3) or not done.stdout.strip():
        detail = last_line(done.stderr) or f"exit status {done.returncode}"
        raise ValidatorError(f"the DfE validator failed: {detail}")
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise ValidatorError(f"the DfE validator printed no report ({error})") from None
    if report.get("problems"):
        raise UsageError("; ".join(report["problems"]))
    return report
