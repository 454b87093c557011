"""What reading a return finds, collected in one place: problems (which stop the import,
each with file, row, column, value and reason), notes (which do not), and IRO Hub's own
checks of the reviews (information only). Pure Python."""

from __future__ import annotations

from dataclasses import dataclass, field

from irohub.ssda903.checks import Finding


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


@dataclass
class Report:
    """Everything wrong (never just the first problem), and what is worth saying."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, problem: Problem) -> bool:
        """Collect a problem; True, so a check can say `bad = report.add(...)`."""
        self.problems.append(problem)
        return True

    def problem(
        self, file: str, row: int | None, column: str | None, value: str | None, reason: str
    ) -> bool:
        return self.add(Problem(file, row, column, value, reason))

    def note(self, text: str) -> None:
        self.notes.append(text)
