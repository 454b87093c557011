"""Writing one collection year's SSDA903 tables from core records. Synthetic data only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from irohub.records.register import (
    AdoptionDecisionRecord,
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)
from irohub.records.years import CollectionYear
from irohub.ssda903.reader import read_returns
from irohub.ssda903.writer import write_return
from tests.unit.ssda903.sample import write_return as write_sample

Y2324, Y2425 = CollectionYear(2023), CollectionYear(2024)


def episode(start: date, end: date | None = None, rec: str = "", rne: str = "S", **more):
    return EpisodeRecord(
        start=start,
        reason_new_episode=rne,
        legal_status="C2",
        category_of_need="N1",
        placement="U4",
        placement_provider="PR1",
        end=end,
        reason_ceased=rec,
        **more,
    )


def child(child_id: str, *periods: CarePeriodRecord, **more) -> ChildRecord:
    return ChildRecord(
        child_id=child_id,
        date_of_birth=date(2012, 6, 15),
        sex="F",
        ethnicity="WBRI",
        periods=periods,
        **more,
    )


REGISTER = Register(
    children=(
        # Out of order on purpose: the files are in CHILD order.
        child(
            "Z9",
            CarePeriodRecord(
                start=date(2023, 1, 10),
                end=date(2024, 5, 1),
                episodes=(
                    episode(date(2023, 1, 10), date(2024, 2, 1), "X1", reason_place_change="CARPL"),
                    episode(
                        date(2024, 2, 1),
                        date(2024, 5, 1),
                        "E4A",
                        rne="P",
                        reason_place_change="CHILD",
                    ),
                ),
                reviews=(
                    ReviewRecord(date(2023, 2, 1), "PN1"),
                    ReviewRecord(date(2023, 5, 1), "PN6"),
                    ReviewRecord(date(2023, 10, 30), "PN1"),
                ),
            ),
            uasc=True,
            uasc_ceased=date(2030, 6, 15),
        ),
        child(
            "A1",
            CarePeriodRecord(
                start=date(2021, 1, 1),
                end=date(2022, 3, 1),
                episodes=(episode(date(2021, 1, 1), date(2022, 3, 1), "E8"),),
            ),
        ),
    )
)


def test_columns_rows_and_sex_code_of_a_year_before_2024_25(tmp_path):
    written = write_return(REGISTER, Y2324, tmp_path)
    assert [p.name for p in written] == [
        "header.csv",
        "episodes.csv",
        "reviews.csv",
        "uasc.csv",
        "placed_adoption.csv",
    ]
    files = {p.name: p.read_bytes().decode("utf-8") for p in written}
    assert files["header.csv"] == (
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nZ9,2,15/06/2012,WBRI,,,\r\n"
    )
    # The episode ending after 31 March is open in this year's return.
    assert files["episodes.csv"] == (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
        "PL_POST,URN\r\n"
        "Z9,10/01/2023,S,C2,N1,U4,PR1,01/02/2024,X1,CARPL,,,\r\n"
        "Z9,01/02/2024,P,C2,N1,U4,PR1,,,,,,\r\n"
    )
    # Only the reviews held in the year.
    assert files["reviews.csv"] == (
        "CHILD,DOB,REVIEW,REVIEW_CODE\r\nZ9,15/06/2012,01/05/2023,PN6\r\nZ9,15/06/2012,30/10/2023,PN1\r\n"
    )
    assert files["uasc.csv"] == "CHILD,SEX,DOB,DUC\r\nZ9,2,15/06/2012,15/06/2030\r\n"


def test_m_f_from_2024_25_and_an_empty_uasc_table_without_unaccompanied_children(tmp_path):
    register = Register(children=(REGISTER.children[0],))
    written = write_return(register, Y2425, tmp_path / "a")
    assert (tmp_path / "a" / "header.csv").read_text().splitlines()[1].startswith("Z9,F,")
    assert (tmp_path / "a" / "episodes.csv").read_text().splitlines()[1:] == [
        "Z9,01/02/2024,P,C2,N1,U4,PR1,01/05/2024,E4A,CHILD,,,"
    ]
    assert len(written) == 5

    # The DfE validator runs its UASC rules only on a UASC table it is given: an empty one
    # is written all the same (the column names only).
    citizen = Register(children=(replace(REGISTER.children[0], uasc=False),))
    write_return(citizen, Y2425, tmp_path / "b")
    assert (tmp_path / "b" / "uasc.csv").read_bytes() == b"CHILD,SEX,DOB,DUC\r\n"
    assert (tmp_path / "b" / "placed_adoption.csv").read_bytes() == (
        b"CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\r\n"
    )


def test_decisions_to_place_for_adoption_standing_in_the_year(tmp_path):
    decisions = (
        AdoptionDecisionRecord(date(2022, 1, 5), date(2023, 3, 1), "RD4"),  # ceased before
        AdoptionDecisionRecord(date(2023, 6, 1), date(2024, 5, 2), "RD1"),  # ceased after
        AdoptionDecisionRecord(date(2024, 4, 2)),  # made after 31 March 2024
    )
    register = Register(children=(replace(REGISTER.children[0], adoption_decisions=decisions),))
    write_return(register, Y2324, tmp_path / "a")
    write_return(register, Y2425, tmp_path / "b")
    assert (tmp_path / "a" / "placed_adoption.csv").read_text().splitlines()[1:] == [
        "Z9,15/06/2012,01/06/2023,,"
    ]
    assert (tmp_path / "b" / "placed_adoption.csv").read_text().splitlines()[1:] == [
        "Z9,15/06/2012,01/06/2023,02/05/2024,RD1",
        "Z9,15/06/2012,02/04/2024,,",
    ]


def test_short_break_reviews_are_not_returned_rule_399(tmp_path):
    breaks = CarePeriodRecord(
        start=date(2023, 6, 1),
        end=None,
        episodes=(replace(episode(date(2023, 6, 1)), legal_status="V4", placement="U6"),),
        reviews=(ReviewRecord(date(2023, 9, 1), "PN3"),),
    )
    register = Register(children=(child("S1", breaks),))
    write_return(register, Y2324, tmp_path)
    assert (tmp_path / "reviews.csv").read_bytes() == b"CHILD,DOB,REVIEW,REVIEW_CODE\r\n"
    assert (tmp_path / "header.csv").read_text().splitlines()[1].startswith("S1,")


def test_files_are_utf8_without_bom_and_byte_identical_each_time(tmp_path):
    first = [p.read_bytes() for p in write_return(REGISTER, Y2324, tmp_path / "one")]
    again = [p.read_bytes() for p in write_return(REGISTER, Y2324, tmp_path / "two")]
    assert first == again
    assert not any(data.startswith(b"\xef\xbb\xbf") for data in first)


def test_a_year_with_nobody_writes_the_column_names_only(tmp_path):
    write_return(REGISTER, CollectionYear(2010), tmp_path)
    assert (tmp_path / "reviews.csv").read_bytes() == b"CHILD,DOB,REVIEW,REVIEW_CODE\r\n"


def test_read_what_was_written_and_write_it_again_gives_the_same_files(tmp_path):
    original = read_returns(write_sample(tmp_path / "in" / "2025"))
    written = write_return(original.register, Y2425, tmp_path / "out" / "2025")
    again = read_returns(tmp_path / "out")
    assert again.problems == []
    assert again.register.children == original.register.children
    rewritten = write_return(again.register, Y2425, tmp_path / "again")
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in rewritten]
