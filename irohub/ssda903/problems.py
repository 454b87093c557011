"""What reading a return finds, collected in one place: problems (which stop the import,
each with file, row, column, value and reason), notes (which do not), and IRO Hub's own
checks of the reviews (information only). Pure Python.

A hostile or broken file can hold millions of problems of one kind (a file of duplicated
episodes, a whole column of bad dates): the report keeps the first few of each kind, with
a count of the rest, so that it stays readable and its memory stays bounded; and a long
value is cut in the message (a whole spreadsheet pasted into one cell is not repeated).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from irohub.ssda903.checks import Finding

SHOWN_PER_KIND = 20  # problems listed of each kind (file, column and reason) before a count
LONGEST_VALUE = 60  # characters of a value a message repeats

_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the files that stops the import, and where it is."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = ""
        if self.column is not None:
            what = f"column {self.column} "
            if self.value is not None:
                what += f"value {self.value!r}"
            what = what.rstrip() + ": "
        return f"{where}: {what}{self.reason}"


def cut(value: str | None) -> str | None:
    """`value` as a message may repeat it: at most LONGEST_VALUE characters."""
    if value is None or len(value) <= LONGEST_VALUE:
        return value
    return f"{value[:LONGEST_VALUE]}… ({len(value):,} characters)"


def kind_of(problem: Problem) -> tuple[str, str, str]:
    """What makes two problems the same kind: the file, the column and the reason with its
    particulars (rows, dates, counts) left out."""
    reason = problem.reason.split(": ", 1)[0]
    return problem.file, problem.column or "", _NUMBERS.sub("N", reason)


@dataclass
class Report:
    """Everything wrong (never just the first problem), and what is worth saying; past
    SHOWN_PER_KIND problems of one kind, only counted."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    total: int = 0  # problems found, listed or only counted
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    first: dict[tuple[str, str, str], Problem] = field(default_factory=dict)

    def add(self, problem: Problem) -> bool:
        """Collect a problem; True, so a check can say `bad = report.add(...)`."""
        self.total += 1
        kind = kind_of(problem)
        seen = self.counts.get(kind, 0)
        self.counts[kind] = seen + 1
        if seen < SHOWN_PER_KIND:
            if problem.value is not None and len(problem.value) > LONGEST_VALUE:
                problem = Problem(
                    problem.file, problem.row, problem.column, cut(problem.value), problem.reason
                )
            self.problems.append(problem)
            if not seen:
                self.first[kind] = problem
        return True

    def count(self, problem: Problem, more: int) -> None:
        """Count `more` problems of `problem`'s kind without listing them (the first of each
        kind are listed through add)."""
        kind = kind_of(problem)
        self.total += more
        self.counts[kind] = self.counts.get(kind, 0) + more
        self.first.setdefault(kind, problem)

    def problem(
        self, file: str, row: int | None, column: str | None, value: str | None, reason: str
    ) -> bool:
        return self.add(Problem(file, row, column, value, reason))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def finish(self) -> None:
        """Sort the problems by file and row, and say how many of each kind were only
        counted (after that file's listed problems)."""
        self.problems.sort(key=lambda p: (p.file, p.row or 0))
        more = [
            Problem(
                kind[0],
                None,
                kind[1] or None,
                None,
                f"{count - SHOWN_PER_KIND:,} more problems like "
                f"{_where(self.first[kind])} ({self.first[kind].reason.split(': ', 1)[0]}), "
                f"not listed: {count:,} in all",
            )
            for kind, count in self.counts.items()
            if count > SHOWN_PER_KIND
        ]
        if not more:
            return
        by_file: dict[str, list[Problem]] = {}
        for problem in more:
            by_file.setdefault(problem.file, []).append(problem)
        ordered: list[Problem] = []
        for index, problem in enumerate(self.problems):
            ordered.append(problem)
            last_of_file = (
                index + 1 == len(self.problems) or self.problems[index + 1].file != problem.file
            )
            if last_of_file:
                ordered += by_file.pop(problem.file, [])
        for rest in by_file.values():
            ordered += rest
        self.problems[:] = ordered


def _where(problem: Problem) -> str:
    return "the first" if problem.row is None else f"the one in row {problem.row}"


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Run a block that makes millions of small objects (rows, records) and no reference
    cycles without Python's cycle collector, which would otherwise walk all of them again
    and again as they pile up (a third of the reader's time); restored afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            resume_cycle_collection()


def resume_cycle_collection() -> None:
    """Turn the cycle collector back on without its walking, at the next allocation, every
    object made while it was off (they are all still in its youngest generation: a second
    or more for a council's register): they go straight to the oldest generation, which
    it walks only when that has grown by a quarter."""
    gc.freeze()
    gc.unfreeze()
    gc.enable()
