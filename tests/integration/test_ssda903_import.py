"""Importing SSDA903 returns into the register: the round trip with export, upserts that
change nothing the second time, the next year extending the history, and every bad input
refused with a clear report and the database unchanged. SQLite and PostgreSQL; synthetic
data only."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from irohub.allocation.models import Allocation
from irohub.audit.models import AuditEvent
from irohub.children.actions import import_register
from irohub.children.clock import refresh_review_clock
from irohub.children.models import RETURN_ITEMS, AdoptionDecision, CarePeriod, Child, Episode
from irohub.children.records import register_from_database
from irohub.children.ssda903_import import (
    EPISODE_FIELDS,
    ImportProblems,
    ImportSummary,
)
from irohub.cli.ssda903 import main
from irohub.demo.load import load_demo_council
from irohub.records.register import CarePeriodRecord, ChildRecord, EpisodeRecord, Register
from irohub.records.years import CollectionYear
from irohub.reviews.models import Review
from irohub.ssda903.reader import read_returns
from irohub.ssda903.writer import write_return
from tests.factories import CarePeriodFactory, ChildFactory, EpisodeFactory, ReviewFactory
from tests.unit.ssda903.sample import EPISODES, HEADER, REVIEWS, add_line
from tests.unit.ssda903.sample import write_return as sample

pytestmark = pytest.mark.django_db

Y2324, Y2425 = CollectionYear(2023), CollectionYear(2024)


def snapshot() -> dict[str, list[tuple]]:
    """Every row the import writes, with its key, so 'unchanged' means unchanged."""
    return {
        "children": list(
            Child.objects.order_by("id").values_list(
                "id", "identifier", "first_name", "last_name", *RETURN_ITEMS
            )
        ),
        "care_periods": list(
            CarePeriod.objects.order_by("id").values_list(
                "id",
                "child_id",
                "start",
                "end",
                "reason_ceased",
                "next_review_due",
                "reviews_held",
            )
        ),
        "episodes": list(
            Episode.objects.order_by("id").values_list("id", "care_period_id", *EPISODE_FIELDS)
        ),
        "reviews": list(
            Review.objects.order_by("id").values_list(
                "id", "child_id", "care_period_id", "held", "participation"
            )
        ),
        "adoption_decisions": list(
            AdoptionDecision.objects.order_by("id").values_list(
                "id", "child_id", "decided", "ceased", "reason_ceased"
            )
        ),
        "audit": list(AuditEvent.objects.order_by("id").values_list("id", "action")),
    }


def import_folder(folder: Path, **kwargs) -> ImportSummary:
    result = read_returns(folder)
    assert result.register is not None, "\n".join(map(str, result.problems))
    return import_register(
        actor=None,
        register=result.register,
        data_to=result.data_to,
        locate=result.locate,
        **kwargs,
    )


def export(folder: Path, *years: CollectionYear) -> Path:
    register = register_from_database()
    for year in years:
        write_return(register, year, folder / str(year.end_year))
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


def rows_of(files: dict[str, bytes], name: str) -> list[str]:
    """The rows (not the column names) of every year's table called `name`."""
    return [
        line
        for path, data in files.items()
        if path.endswith(name)
        for line in data.decode().splitlines()[1:]
    ]


def empty_the_register() -> None:
    Review.objects.all().delete()
    Allocation.objects.all().delete()
    Episode.objects.all().delete()
    CarePeriod.objects.all().delete()
    Child.objects.all().delete()


@pytest.fixture
def demo_council():
    load_demo_council(children=150, years=4, seed=3, as_of=date(2025, 11, 1))


# --- the round trip -----------------------------------------------------------------------


@pytest.mark.parametrize("year", [Y2425, Y2324], ids=str)
def test_round_trip_of_one_year_gives_identical_files(demo_council, tmp_path, year):
    first = export(tmp_path / "first", year)
    assert len(files_of(first)) == 5
    # The adoption clock's tables and the UASC table come back too, with their rows.
    assert rows_of(files_of(first), "placed_adoption.csv")
    assert rows_of(files_of(first), "uasc.csv")
    empty_the_register()

    summary = import_folder(first / str(year.end_year))
    assert summary.children.created > 50
    assert summary.adoption_decisions.created == len(
        rows_of(files_of(first), "placed_adoption.csv")
    )
    again = export(tmp_path / "again", year)
    assert files_of(again) == files_of(first)


def test_round_trip_of_several_years_and_a_second_import_changes_nothing(demo_council, tmp_path):
    first = export(tmp_path / "first", Y2324, Y2425)
    empty_the_register()

    created = import_folder(first)
    assert created.episodes.created > 100 and created.reviews.created > 100
    assert files_of(export(tmp_path / "again", Y2324, Y2425)) == files_of(first)

    before = snapshot()
    second = import_folder(first)
    assert second.changed == 0
    assert (second.children.created, second.children.updated) == (0, 0)
    assert second.episodes.unchanged == created.episodes.created
    after = snapshot()
    assert after.pop("audit")[:-1] == before.pop("audit")  # one more event, nothing else
    assert after == before


def test_the_headers_return_items_are_kept_and_exported_as_they_came(tmp_path):
    # UPN, MOTHER and MC_DOB (header) and DUC (UASC table) are not used by IRO Hub's
    # figures, but a council's return needs them: an import that dropped them would
    # export a return the DfE rules refuse (442, 393, 205B).
    header = HEADER.replace("A1,M,15/06/2012,WBRI,UN1,,", "A1,M,15/06/2012,WBRI,A336123412001,,")
    header = add_line(header, "C3,F,03/03/2008,WBRI,UN2,1,14/02/2024")
    episodes = add_line(EPISODES, "C3,02/07/2024,S,C2,N1,K2,PR1,,,,,,")
    uasc = "CHILD,SEX,DOB,DUC\nC3,F,03/03/2008,03/03/2026\n"
    folder = sample(tmp_path / "2025", header=header, episodes=episodes, **{"uasc.csv": uasc})

    import_folder(folder)

    a1, b2, c3 = Child.objects.order_by("identifier")
    assert (a1.upn, a1.mother, a1.mother_child_dob) == ("A336123412001", "", None)
    assert (b2.upn, b2.mother, b2.mother_child_dob) == ("UN1", "0", None)
    assert (c3.upn, c3.mother, c3.mother_child_dob) == ("UN2", "1", date(2024, 2, 14))
    assert (c3.uasc, c3.uasc_ceased) == (True, date(2026, 3, 3))
    exported = export(tmp_path / "out", Y2425) / "2025"
    assert "C3,F,03/03/2008,WBRI,UN2,1,14/02/2024" in (exported / "header.csv").read_text()
    assert "C3,F,03/03/2008,03/03/2026" in (exported / "uasc.csv").read_text()


def test_the_next_years_files_extend_the_history(demo_council, tmp_path):
    first = export(tmp_path / "first", Y2324, Y2425)
    empty_the_register()

    import_folder(first / "2024")
    extended = import_folder(first / "2025")
    # Periods open at 31 March 2024 got their ends; episodes open then were closed.
    assert extended.care_periods.updated > 0 and extended.episodes.updated > 0
    assert extended.children.unchanged > 0
    assert files_of(export(tmp_path / "again", Y2324, Y2425)) == files_of(first)

    # An older year imported after a newer one reopens nothing.
    before = snapshot()
    assert import_folder(first / "2024").changed == 0
    after = snapshot()
    after.pop("audit"), before.pop("audit")
    assert after == before


def test_a_period_the_files_end_is_closed_before_the_next_one_begins():
    # Last year's files: looked after since 16 September 2023, still at 31 March 2024.
    # This year's: that period ended on 29 May 2024 and a new one began on 30 August.
    # Written in the wrong order, the new period would overlap the still-open one.
    def child(*periods: CarePeriodRecord) -> Register:
        record = ChildRecord("R1", date(2012, 5, 1), "M", "WBRI", periods=periods)
        return Register(children=(record,))

    def period(start: date, end: date | None) -> CarePeriodRecord:
        episode = EpisodeRecord(
            start, "S", "C1", "N1", "U3", end=end, reason_ceased="E4A" if end else ""
        )
        return CarePeriodRecord(start, end, (episode,))

    import_register(
        actor=None, register=child(period(date(2023, 9, 16), None)), data_to=date(2024, 3, 31)
    )
    summary = import_register(
        actor=None,
        register=child(
            period(date(2023, 9, 16), date(2024, 5, 29)), period(date(2024, 8, 30), None)
        ),
        data_to=date(2025, 3, 31),
    )
    assert summary.care_periods.updated == 1 and summary.care_periods.created == 1
    assert list(CarePeriod.objects.order_by("start").values_list("start", "end")) == [
        (date(2023, 9, 16), date(2024, 5, 29)),
        (date(2024, 8, 30), None),
    ]


def test_import_writes_names_clock_cache_and_one_audit_event(tmp_path):
    summary = import_folder(sample(tmp_path / "2025"))
    assert summary.as_dict() == {
        "children": {"created": 2, "updated": 0, "unchanged": 0},
        "care_periods": {"created": 2, "updated": 0, "unchanged": 0},
        "episodes": {"created": 3, "updated": 0, "unchanged": 0},
        "reviews": {"created": 3, "updated": 0, "unchanged": 0},
        "adoption_decisions": {"created": 0, "updated": 0, "unchanged": 0},
    }
    a1 = Child.objects.get(identifier="A1")
    assert (a1.first_name, a1.last_name, a1.sex, a1.date_of_birth) == (
        "Child",
        "A1",
        "M",
        date(2012, 6, 15),
    )
    period = a1.care_periods.get()
    # The cache was written: 2 reviews held, the third due six months after the second.
    assert (period.reviews_held, period.next_review_due) == (2, date(2025, 3, 1))
    assert refresh_review_clock() == 0
    (event,) = AuditEvent.objects.filter(action="ssda903.imported")
    assert event.details["episodes"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert event.actor_id is None and event.target_type == "children.register"


def test_import_updates_what_changed(tmp_path):
    import_folder(sample(tmp_path / "one" / "2025"))
    changed = sample(
        tmp_path / "two" / "2025",
        header=HEADER.replace("A1,M,15/06/2012,WBRI", "A1,M,15/06/2012,WOTH"),
        reviews=REVIEWS.replace("01/09/2024,PN1", "01/09/2024,PN5"),
    )
    summary = import_folder(changed)
    assert (summary.children.updated, summary.reviews.updated, summary.changed) == (1, 1, 2)
    assert Child.objects.get(identifier="A1").ethnicity == "WOTH"
    assert Review.objects.get(held=date(2024, 9, 1)).participation == "PN5"


def test_dry_run_writes_nothing(tmp_path):
    summary = import_folder(sample(tmp_path / "2025"), dry_run=True)
    assert summary.dry_run and summary.children.created == 2
    assert Child.objects.count() == 0 and AuditEvent.objects.count() == 0


# --- bad inputs: a clear report and an unchanged database -----------------------------------


def _missing_column(folder: Path) -> None:
    sample(folder, reviews=REVIEWS.replace(",REVIEW_CODE", "", 1))


def _bad_date(folder: Path) -> None:
    sample(folder, episodes=EPISODES.replace("B2,01/06/2024", "B2,2024-06-01"))


def _unknown_code(folder: Path) -> None:
    sample(folder, episodes=EPISODES.replace("B2,01/06/2024,S,V2", "B2,01/06/2024,S,X9"))


def _duplicated_episode(folder: Path) -> None:
    sample(folder, episodes=add_line(EPISODES, "B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,E4A,,,,"))


def _overlapping_episodes(folder: Path) -> None:
    sample(folder, episodes=add_line(EPISODES, "B2,01/11/2024,S,C1,N2,U6,PR1,,,,,,"))


def _review_outside_care(folder: Path) -> None:
    sample(folder, reviews=add_line(REVIEWS, "B2,01/02/2022,10/01/2025,PN0"))


def _review_code_for_age(folder: Path) -> None:
    sample(folder, reviews=REVIEWS.replace("20/06/2024,PN0", "20/06/2024,PN1"))


def _empty_file(folder: Path) -> None:
    sample(folder, reviews="")


def _wrong_encoding(folder: Path) -> None:
    sample(folder, header=add_line(HEADER, "C3,F,03/03/2010,BAFR,Zoé,0,").encode("cp1252"))


def _no_header_file(folder: Path) -> None:
    sample(folder, header=None, episodes=None)


BAD_INPUTS = {
    "missing column": (
        _missing_column,
        "reviews.csv:1: column REVIEW_CODE: missing column: the Reviews table has the columns "
        "CHILD, DOB, REVIEW, REVIEW_CODE",
    ),
    "date that does not parse": (
        _bad_date,
        "episodes.csv:4: column DECOM value '2024-06-01': not a date in the form DD/MM/YYYY",
    ),
    "unknown code": (
        _unknown_code,
        "episodes.csv:4: column LS value 'X9': unknown code: not one of the 13 DfE legal "
        "status (LS) codes",
    ),
    "duplicated episode": (
        _duplicated_episode,
        "episodes.csv:5: column DECOM value '01/06/2024': duplicated episode: the child already "
        "has an episode starting 01/06/2024 (row 4)",
    ),
    "overlapping episodes": (
        _overlapping_episodes,
        "episodes.csv:5: column DECOM value '01/11/2024': overlapping episodes: the episode "
        "from 01/06/2024 (episodes.csv:4) ends 20/12/2024",
    ),
    "review outside any care period": (
        _review_outside_care,
        "reviews.csv:5: column REVIEW value '10/01/2025': IRO Hub rule (not a DfE rule), "
        "refuses the import: the review is outside every period of care — the child was not "
        "looked after that day",
    ),
    "review code that does not fit the age": (
        _review_code_for_age,
        "reviews.csv:4: column REVIEW_CODE value 'PN1': does not fit the child's age: the child "
        "was under 4 on 20/06/2024 (born 01/02/2022); PN0 is for a child under 4, and only for "
        "them (DfE rules 440 and 441)",
    ),
    "empty file": (
        _empty_file,
        "reviews.csv: the file is empty: a table needs a row of column names",
    ),
    "wrong encoding": (
        _wrong_encoding,
        "header.csv:4: not UTF-8 (byte 0xE9 at byte 117): save it as CSV UTF-8 (Excel: Save "
        "As, 'CSV UTF-8 (Comma delimited)')",
    ),
    "reviews file with no header file": (
        _no_header_file,
        "reviews.csv: no header file in this folder: the Header table (CHILD, SEX, DOB, ETHNIC, "
        "UPN, MOTHER, MC_DOB) must come with the Reviews table — it holds every child's date "
        "of birth",
    ),
}


@pytest.mark.parametrize("holding", [False, True], ids=["empty database", "database in use"])
@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_reported_clearly_and_nothing_is_written(tmp_path, capsys, case, holding):
    if holding:
        import_folder(sample(tmp_path / "good" / "2025"))
        ChildFactory(identifier="OTHER1")
    make, expected = BAD_INPUTS[case]
    make(tmp_path / "bad" / "2025")
    before = snapshot()

    status = main(["import", str(tmp_path / "bad" / "2025")])

    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert status == 1 and out == ""
    assert lines[:-1] == [expected]
    assert lines[-1].startswith("irohub ssda903 import: 1 problem in ")
    assert lines[-1].endswith(": nothing imported")
    assert snapshot() == before


def test_every_problem_is_reported_each_on_its_own_line(tmp_path, capsys):
    sample(
        tmp_path / "2025",
        episodes=EPISODES.replace("B2,01/06/2024,S,V2", "B2,2024-06-01,S,X9"),
        reviews=REVIEWS.replace("05/06/2024,PN1", "05/06/2024,PN9"),
    )
    assert main(["import", str(tmp_path / "2025")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "episodes.csv:4",
        "episodes.csv:4",
        "reviews.csv:2",
    ]
    assert "3 problems" in lines[-1]


# --- conflicts with what the register already holds ---------------------------------------


def test_a_period_overlapping_one_already_held_is_refused_with_the_file_and_row(tmp_path):
    child = ChildFactory(identifier="B2", date_of_birth=date(2022, 2, 1))
    held = CarePeriodFactory(child=child, start=date(2024, 11, 1))
    EpisodeFactory(care_period=held, start=date(2024, 11, 1))
    before = snapshot()

    with pytest.raises(ImportProblems) as refused:
        import_folder(sample(tmp_path / "2025"))

    (problem,) = refused.value.problems
    assert str(problem) == (
        "episodes.csv:4: column DECOM value '01/06/2024': this period of care overlaps the care "
        "period from 01/11/2024 to still open that IRO Hub already holds"
    )
    assert snapshot() == before


def test_a_new_date_of_birth_that_no_longer_fits_a_review_already_held_is_refused(tmp_path):
    child = ChildFactory(identifier="E5", date_of_birth=date(2012, 1, 1))
    period = CarePeriodFactory(
        child=child, start=date(2020, 1, 1), end=date(2021, 1, 1), reason_ceased="E4A"
    )
    EpisodeFactory(
        care_period=period, start=date(2020, 1, 1), end=date(2021, 1, 1), reason_ceased="E4A"
    )
    ReviewFactory(child=child, care_period=period, held=date(2020, 1, 20), participation="PN1")
    header = add_line(HEADER, "E5,F,01/01/2018,WBRI,UN1,0,")
    episodes = add_line(EPISODES, "E5,01/06/2024,S,C2,N1,U4,PR1,,,,,,")
    before = snapshot()

    with pytest.raises(ImportProblems) as refused:
        import_folder(sample(tmp_path / "2025", header=header, episodes=episodes))

    (problem,) = refused.value.problems
    assert (problem.file, problem.column, problem.value) == (
        "child E5",
        "REVIEW_CODE",
        "20/01/2020",
    )
    assert "a review IRO Hub holds: PN1 does not fit the child's age (under 4" in problem.reason
    assert snapshot() == before


def test_the_files_period_continues_the_one_held_and_keeps_its_start(tmp_path):
    # The register holds B2's period from 01/06/2024; a later return shows only its last
    # episode (begun before the files' history) and its end.
    import_folder(sample(tmp_path / "one" / "2025"))
    later = sample(
        tmp_path / "two" / "2026",
        header="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,15/06/2012,WBRI,UN1,,\n",
        episodes=EPISODES.splitlines()[0]
        + "\nA1,01/09/2024,P,C2,N1,U6,PR4,01/06/2025,E4B,CHILD,,,\n",
        reviews="CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/06/2012,20/04/2025,PN1\n",
    )
    summary = import_folder(later)
    assert (summary.care_periods.updated, summary.episodes.updated, summary.reviews.created) == (
        1,
        1,
        1,
    )
    period = CarePeriod.objects.get(child__identifier="A1")
    assert (period.start, period.end, period.reason_ceased) == (
        date(2024, 5, 10),
        date(2025, 6, 1),
        "E4B",
    )
    assert period.reviews.count() == 3 and period.episodes.count() == 2


def test_import_from_a_copy_with_year_folders_is_the_same(tmp_path):
    one = sample(tmp_path / "2025")
    shutil.copytree(one, tmp_path / "years" / "2025")
    assert import_folder(tmp_path / "years").children.created == 2
    assert import_folder(one).changed == 0


def test_values_that_cannot_be_identifiers_are_refused_and_nothing_is_written(tmp_path):
    """Issue 11, defect 6: a register holding spreadsheet formulas as CHILD, UPN or URN
    (read from files by another reader, say) is refused, all or nothing, so IRO Hub never
    exports them."""
    formula = "=cmd|'/C calc'!A0"
    start = date(2024, 5, 1)
    episode = EpisodeRecord(start, "S", "C2", "N1", "U4", urn="+A1+A2")
    period = CarePeriodRecord(start, None, (episode,))
    register = Register(
        children=(
            ChildRecord(formula, date(2012, 5, 1), "M", "WBRI", periods=(period,)),
            ChildRecord("G7", date(2012, 5, 1), "F", "WBRI", periods=(period,), upn="@SUM(A1:A9)"),
            ChildRecord("G8", date(2012, 5, 1), "F", "WBRI", periods=(period,)),
        )
    )
    before = snapshot()

    with pytest.raises(ImportProblems) as refused:
        import_register(actor=None, register=register, data_to=date(2025, 3, 31))

    found = {(p.column, p.value) for p in refused.value.problems}
    assert {("CHILD", formula), ("UPN", "@SUM(A1:A9)"), ("URN", "+A1+A2")} <= found
    assert all("not an identifier or code" in p.reason for p in refused.value.problems)
    assert snapshot() == before
    assert not Child.objects.filter(identifier="G8").exists()


def test_formula_like_values_in_files_are_refused_by_the_import_command(tmp_path, capsys):
    header = HEADER.replace("A1,M,15/06/2012,WBRI,UN1,,", "A1,M,15/06/2012,WBRI,@SUM(A1:A9),,")
    folder = sample(tmp_path / "2025", header=header)
    before = snapshot()
    assert main(["import", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "header.csv:2: column UPN value '@SUM(A1:A9)': not an identifier or code" in err
    assert snapshot() == before
