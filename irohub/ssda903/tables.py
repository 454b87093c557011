"""The SSDA903 tables as CSV files: their exact columns, dates and code lists.

A table is recognised by its set of column names, as the DfE's tools recognise it (file
names mean nothing; ../shared/spec/ssda903-format.md §1 and §2). The column ORDER below is
the DfE's, and the writer uses it. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from irohub.records import codes
from irohub.records.years import CollectionYear

# Sex in a return: 1/2 up to 2023/24, M/F from 2024/25. Both are read in any year (a
# council's older files use 1/2) and the register keeps M/F.
SEX_CODES = frozenset({"1", "2", "M", "F"})
MF_SEX_FROM = 2024  # start year of the first collection year coded M/F (2024/25)
FLAG = frozenset({"0", "1"})

# A cell that is neither a date nor from a code list holds an identifier (CHILD, UPN, URN,
# SW_ID), a postcode, or a short code or number: letters and digits, with spaces, hyphens,
# underscores, slashes or full stops between them. Nothing else can be one, and a value
# such as =cmd|'/C calc'!A0, @SUM(A1:A9) or +A1+A2 would run as a formula when the file
# (or IRO Hub's export of it) is opened in a spreadsheet.
IDENTIFIER_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9 ._/-]*[A-Za-z0-9])?$"
_IDENTIFIER = re.compile(IDENTIFIER_PATTERN.strip("^$"))
NOT_AN_IDENTIFIER = (
    "not an identifier or code: letters and digits, with spaces, - _ / or . between them "
    "(a value beginning =, +, - or @ would run as a formula in a spreadsheet)"
)


def identifier_problem(value: str) -> str | None:
    """Why `value` cannot be an identifier or code, or None when it can be one."""
    return None if _IDENTIFIER.fullmatch(value) else NOT_AN_IDENTIFIER


@dataclass(frozen=True, slots=True)
class CodeList:
    """Allowed codes of one column, and the words used when a value is not one of them."""

    label: str
    codes: frozenset[str]

    def describe(self) -> str:
        listed = sorted(self.codes)
        if len(listed) <= 12:
            return f"not a DfE {self.label} code (expected one of {', '.join(listed)})"
        return f"not one of the {len(listed)} DfE {self.label} codes"


def _codes(label: str, values: Iterable[str]) -> CodeList:
    return CodeList(label, frozenset(values))


@dataclass(frozen=True, slots=True)
class Table:
    """One SSDA903 table as a CSV file."""

    name: str  # the DfE's name for it ("Header", "Episodes", ...)
    file_name: str  # what IRO Hub's writer calls the file
    columns: tuple[str, ...]  # the DfE's columns, in the DfE's order
    # What makes a row the same row in two years' returns (one episode, one review).
    key: tuple[str, ...]
    dates: frozenset[str] = frozenset()
    codes: Mapping[str, CodeList] = field(default_factory=dict)
    required: frozenset[str] = frozenset({"CHILD"})
    # Longest values the register can hold (its database columns).
    max_length: Mapping[str, int] = field(default_factory=lambda: {"CHILD": 20})
    stored: bool = False  # IRO Hub keeps its rows (as core records and in the register)
    first_year: int | None = None  # start year of the first collection year that has it

    def columns_for(self, year: CollectionYear | None) -> tuple[str, ...]:
        """The columns for a collection year. Every table read so far has kept its columns
        since it began; a table that changes gets a per-year list here."""
        return self.columns

    def collected_in(self, year: CollectionYear) -> bool:
        return self.first_year is None or year.start_year >= self.first_year


HEADER = Table(
    name="Header",
    file_name="header.csv",
    columns=("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    key=("CHILD",),
    dates=frozenset({"DOB", "MC_DOB"}),
    codes={
        "SEX": _codes("sex (SEX)", SEX_CODES),
        "ETHNIC": _codes("ethnicity (ETHNIC)", codes.ETHNICITY),
        "MOTHER": _codes("MOTHER", FLAG),
    },
    required=frozenset({"CHILD", "SEX", "DOB", "ETHNIC"}),
    max_length={"CHILD": 20, "UPN": 13},
    stored=True,
)

EPISODES = Table(
    name="Episodes",
    file_name="episodes.csv",
    columns=(
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    key=("CHILD", "DECOM"),
    dates=frozenset({"DECOM", "DEC"}),
    codes={
        "RNE": _codes("reason for new episode (RNE)", codes.REASON_NEW_EPISODE),
        "LS": _codes("legal status (LS)", codes.LEGAL_STATUS),
        "CIN": _codes("category of need (CIN)", codes.CATEGORY_OF_NEED),
        "PLACE": _codes("placement type (PLACE)", codes.PLACEMENT),
        "PLACE_PROVIDER": _codes("placement provider (PLACE_PROVIDER)", codes.PLACEMENT_PROVIDER),
        "REC": _codes("reason episode ceased (REC)", codes.REASON_CEASED),
        "REASON_PLACE_CHANGE": _codes(
            "reason for placement change (REASON_PLACE_CHANGE)", codes.REASON_PLACE_CHANGE
        ),
    },
    required=frozenset({"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE"}),
    max_length={"CHILD": 20, "HOME_POST": 8, "PL_POST": 8, "URN": 8},
    stored=True,
)

REVIEWS = Table(
    name="Reviews",
    file_name="reviews.csv",
    columns=("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    key=("CHILD", "REVIEW"),
    dates=frozenset({"DOB", "REVIEW"}),
    codes={"REVIEW_CODE": _codes("participation (REVIEW_CODE)", codes.PARTICIPATION)},
    required=frozenset({"CHILD", "DOB", "REVIEW", "REVIEW_CODE"}),
    stored=True,
)

UASC = Table(
    name="UASC",
    file_name="uasc.csv",
    columns=("CHILD", "SEX", "DOB", "DUC"),
    key=("CHILD",),
    dates=frozenset({"DOB", "DUC"}),
    codes={"SEX": _codes("sex (SEX)", SEX_CODES)},
    required=frozenset({"CHILD", "DOB"}),
    stored=True,
)

# Tables IRO Hub reads (so a council's whole return can be given to it, and their dates
# and codes are checked) but does not keep (PlacedAdoption, below, is kept).
OC2 = Table(
    name="OC2",
    file_name="oc2.csv",
    columns=(
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    key=("CHILD",),  # one row per child per year
    dates=frozenset({"DOB"}),
    codes={
        "SDQ_REASON": _codes("SDQ_REASON", {f"SDQ{n}" for n in range(1, 6)}),
        **{
            flag: _codes(flag, FLAG)
            for flag in (
                "CONVICTED",
                "HEALTH_CHECK",
                "IMMUNISATIONS",
                "TEETH_CHECK",
                "HEALTH_ASSESSMENT",
                "SUBSTANCE_MISUSE",
                "INTERVENTION_RECEIVED",
                "INTERVENTION_OFFERED",
            )
        },
    },
)

OC3 = Table(
    name="OC3",
    file_name="oc3.csv",
    columns=("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    key=("CHILD",),  # one row per care leaver per year
    dates=frozenset({"DOB"}),
    # ACTIV and ACCOM labels are unconfirmed (spec §2): not checked.
    codes={"IN_TOUCH": _codes("IN_TOUCH", {"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"})},
)

AD1 = Table(
    name="AD1",
    file_name="ad1.csv",
    columns=(
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    key=("CHILD", "DATE_INT"),
    dates=frozenset({"DOB", "DATE_INT", "DATE_MATCH"}),
    codes={
        "FOSTER_CARE": _codes("FOSTER_CARE", FLAG),
        "NB_ADOPTR": _codes("NB_ADOPTR", {"1", "2"}),
        "SEX_ADOPTR": _codes("SEX_ADOPTR", {"M1", "F1", "MM", "FF", "MF"}),
        "LS_ADOPTR": _codes("LS_ADOPTR", {"L0", "L11", "L12", "L2", "L3", "L4"}),
    },
)

PLACED_ADOPTION = Table(
    name="PlacedAdoption",
    file_name="placed_adoption.csv",
    columns=("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    key=("CHILD", "DATE_PLACED"),
    dates=frozenset({"DOB", "DATE_PLACED", "DATE_PLACED_CEASED"}),
    codes={"REASON_PLACED_CEASED": _codes("REASON_PLACED_CEASED", codes.REASON_PLACED_CEASED)},
    required=frozenset({"CHILD", "DOB", "DATE_PLACED"}),
    stored=True,
)

PREV_PERM = Table(
    name="PrevPerm",
    file_name="prev_perm.csv",
    columns=("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    key=("CHILD",),
    # DATE_PERM may be given in part when the exact date is not known: not parsed.
    dates=frozenset({"DOB"}),
    codes={"PREV_PERM": _codes("PREV_PERM", {"P1", "P2", "P3", "P4", "Z1"})},
)

MISSING = Table(
    name="Missing",
    file_name="missing.csv",
    columns=("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    key=("CHILD", "MIS_START"),
    dates=frozenset({"DOB", "MIS_START", "MIS_END"}),
    codes={"MISSING": _codes("MISSING", {"M", "A"})},
)

SW_EPISODES = Table(
    name="SWEpisodes",
    file_name="sw_episodes.csv",
    columns=("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    key=("CHILD", "SW_DECOM"),
    dates=frozenset({"DOB", "SW_DECOM", "SW_DEC"}),
    codes={
        "SW_REASON": _codes(
            "SW_REASON",
            {
                "MANAGE",
                "FCONTA",
                "LEFTRL",
                "ORGRST",
                "TSPROC",
                "ABSENC",
                "CHCHAN",
                "PCCHAN",
                "SWDIED",
                "OTHERS",
            },
        )
    },
    first_year=2023,
)

DOLO = Table(
    name="DoLo",
    file_name="dolo.csv",
    columns=("CHILD", "DOB", "DOLO_START", "DOLO_END"),
    key=("CHILD", "DOLO_START"),
    dates=frozenset({"DOB", "DOLO_START", "DOLO_END"}),
    first_year=2026,
)

TABLES: tuple[Table, ...] = (
    HEADER,
    EPISODES,
    REVIEWS,
    UASC,
    OC2,
    OC3,
    AD1,
    PLACED_ADOPTION,
    PREV_PERM,
    MISSING,
    SW_EPISODES,
    DOLO,
)

_BY_COLUMNS: dict[frozenset[str], Table] = {frozenset(t.columns): t for t in TABLES}
assert len(_BY_COLUMNS) == len(TABLES), "two tables have the same columns"


def recognise(columns: Iterable[str]) -> Table | None:
    """The table with exactly these columns (in any order), or None."""
    return _BY_COLUMNS.get(frozenset(columns))


def nearest(columns: Iterable[str]) -> Table | None:
    """The table these columns most look like — at least half of its columns and more of
    them than of any other table — so that a file with a missing or misspelt column can be
    reported as that table with that column wrong, not as an unknown file."""
    given = set(columns)
    best: Table | None = None
    best_score = 0.0
    for table in TABLES:
        shared = len(given & set(table.columns))
        if shared * 2 < len(table.columns):
            continue
        score = shared / len(given | set(table.columns))
        if score > best_score:
            best, best_score = table, score
    return best


def sex_code(sex: str, year: CollectionYear) -> str:
    """The register's M/F as the return for `year` writes it (1/2 before 2024/25)."""
    if year.start_year >= MF_SEX_FROM:
        return sex
    return {"M": "1", "F": "2"}.get(sex, sex)
