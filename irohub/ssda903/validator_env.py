"""The DfE validator's own virtual environment.

The validator (`csc-validator-be-903`) pins old numpy and pandas, so IRO Hub gives it its
own environment, made on first use in a per-user cache folder (`$IROHUB_VALIDATOR_HOME`,
else `~/.cache/irohub/validator-<version>`) from the exact pins in
validator-requirements.txt, under a lock. Nothing is ever installed into IRO Hub's own
environment.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

from irohub.ssda903.user_cache import user_cache

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "validator-requirements.txt"
VALIDATOR_PACKAGE = "csc-validator-be-903"
READY_MARKER = "irohub-requirements.txt"  # a copy of the requirements, written last
SETUP_MESSAGE = "Setting up the DfE validator (first use, about a minute)…"


class ValidatorError(Exception):
    """The validator could not be set up or run: one line for stderr, exit status 3."""


# --- the isolated environment ---------------------------------------------------------------


def pinned_version() -> str:
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        name, _, version = line.strip().partition("==")
        if name.strip().lower() == VALIDATOR_PACKAGE:
            return version.strip()
    raise ValidatorError(f"{REQUIREMENTS.name} does not pin {VALIDATOR_PACKAGE}")


def environment_home() -> Path:
    explicit = os.environ.get("IROHUB_VALIDATOR_HOME")
    if explicit:
        return Path(explicit).expanduser()
    return user_cache() / f"validator-{pinned_version()}"


def environment_python(home: Path) -> Path:
    return home / "bin" / "python"


# Settings that would point the validator's python or pip somewhere else than its own
# environment (a package index or mirror set with PIP_INDEX_URL is kept).
_NOT_PASSED_ON = frozenset(
    {
        "PYTHONPATH",
        "PYTHONHOME",
        "PYTHONSTARTUP",
        "VIRTUAL_ENV",
        "PIP_TARGET",
        "PIP_PREFIX",
        "PIP_ROOT",
        "PIP_USER",
        "PIP_REQUIRE_VIRTUALENV",
    }
)


def clean_env() -> dict[str, str]:
    """The environment for the validator's processes: nothing that points at IRO Hub's own
    virtual environment or packages, no pip version check."""
    env = {k: v for k, v in os.environ.items() if k not in _NOT_PASSED_ON}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def base_interpreter() -> str:
    """A Python 3.11 to make the environment with (the validator's pins have wheels for
    3.11): $IROHUB_VALIDATOR_PYTHON, else this interpreter, else python3.11 on PATH."""
    explicit = os.environ.get("IROHUB_VALIDATOR_PYTHON")
    if explicit:
        return explicit
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if found:
        return found
    raise ValidatorError(
        "the DfE validator needs Python 3.11 (its pinned numpy and pandas have no wheels for "
        "newer Pythons); set IROHUB_VALIDATOR_PYTHON to a python3.11"
    )


def is_ready(home: Path) -> bool:
    marker = home / READY_MARKER
    return (
        environment_python(home).exists()
        and marker.is_file()
        and marker.read_text(encoding="utf-8") == REQUIREMENTS.read_text(encoding="utf-8")
    )


def ensure_environment(home: Path | None = None, *, quiet: bool = False) -> Path:
    """The validator's own virtual environment, created on first use (or when the pins
    change), under a lock so that two processes never build it at once. Returns its
    python."""
    home = home or environment_home()
    if is_ready(home):
        return environment_python(home)
    home.parent.mkdir(parents=True, exist_ok=True)
    lock_path = home.parent / f".{home.name}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_ready(home):  # another process built it while we waited
            return environment_python(home)
        if not quiet:
            print(SETUP_MESSAGE, file=sys.stderr, flush=True)
        if home.exists():
            shutil.rmtree(home)  # half-built, or built from other pins
        env = clean_env()
        _run_setup([base_interpreter(), "-m", "venv", str(home)], env, "create its environment")
        python = environment_python(home)
        _run_setup(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--only-binary=:all:",
                "--requirement",
                str(REQUIREMENTS),
            ],
            env,
            "install its packages",
        )
        # Last, so that an interrupted build is never taken for a finished one.
        shutil.copyfile(REQUIREMENTS, home / READY_MARKER)
    return environment_python(home)


def _run_setup(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = last_line(done.stderr) or last_line(done.stdout)
        raise ValidatorError(f"could not set up the DfE validator: failed to {what}: {detail}")


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
