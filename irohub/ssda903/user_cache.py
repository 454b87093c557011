"""The per-user cache folder where IRO Hub keeps what it makes once and reuses: the DfE
validator's environment (validator_env) and the postcode index (postcodes)."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache() -> Path:
    """`$XDG_CACHE_HOME/irohub`, else `~/.cache/irohub` (not made here)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "irohub"
