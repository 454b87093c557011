"""The synthetic sample of published tables that ships with IRO Hub (sample/README.md):
the demo council and the tests load it; it describes no real council."""

from __future__ import annotations

from importlib.resources import files

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from irohub.benchmarking.actions import Loaded, load_published

TABLES = ("synthetic_cla_la.csv", "synthetic_cin_la.csv", "synthetic_c4_icpc_la.csv")
NEIGHBOURS = "synthetic_statistical_neighbours.csv"


def sample_file(name: str) -> tuple[str, str]:
    """(name, text) of one sample file."""
    return f"sample/{name}", files("irohub.benchmarking").joinpath("sample", name).read_text(
        encoding="utf-8"
    )


def load_sample(*, actor: AbstractBaseUser | AnonymousUser | None = None) -> Loaded:
    """Load the sample tables and the demo council's statistical neighbours."""
    return load_published(
        actor=actor,
        files=[sample_file(name) for name in TABLES],
        neighbours=sample_file(NEIGHBOURS),
    )
