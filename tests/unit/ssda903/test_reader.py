"""Reading SSDA903 returns into core records: layouts, tolerance, merging years, and a clear
report of every problem. Synthetic data only."""

from __future__ import annotations

from datetime import date

import pytest

from irohub.records.register import AdoptionDecisionRecord
from irohub.records.years import CollectionYear
from irohub.ssda903 import files
from irohub.ssda903.reader import Problem, read_returns
from tests.unit.ssda903.sample import (
    EPISODES,
    HEADER,
    REVIEWS,
    add_line,
    replace_line,
    write,
    write_return,
)

Y2425 = CollectionYear(2024)


def problems_of(folder, **kwargs) -> list[Problem]:
    result = read_returns(folder, **kwargs)
    assert result.register is None, "expected the files to be refused"
    assert result.problems
    return result.problems


def only_problem(folder, **kwargs) -> Problem:
    problems = problems_of(folder, **kwargs)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_reads_one_year_into_children_periods_episodes_and_reviews(tmp_path):
    result = read_returns(write_return(tmp_path / "2025"))
    assert result.problems == []
    assert result.years == [Y2425]
    register = result.register
    assert register is not None
    assert register.history_from == date(2024, 4, 1)
    a1, b2 = register.children
    assert (a1.child_id, a1.sex, a1.date_of_birth, a1.ethnicity, a1.upn) == (
        "A1",
        "M",
        date(2012, 6, 15),
        "WBRI",
        "UN1",
    )
    (period,) = a1.periods
    assert (period.start, period.end) == (date(2024, 5, 10), None)
    assert [
        (e.start, e.reason_new_episode, e.placement, e.end, e.reason_ceased)
        for e in period.episodes
    ] == [
        (date(2024, 5, 10), "S", "U4", date(2024, 9, 1), "X1"),
        (date(2024, 9, 1), "P", "U6", None, ""),
    ]
    assert [(r.held, r.participation) for r in period.reviews] == [
        (date(2024, 6, 5), "PN1"),
        (date(2024, 9, 1), "PN1"),
    ]
    (ended,) = b2.periods
    assert (ended.start, ended.end, ended.reason_ceased) == (
        date(2024, 6, 1),
        date(2024, 12, 20),
        "E4A",
    )
    assert b2.mother == "0" and not b2.uasc
    assert result.counts == {
        "Header": 2,
        "Episodes": 3,
        "Reviews": 3,
        "UASC": 0,
        "PlacedAdoption": 0,
    }


def test_byte_order_mark_stray_spaces_any_column_order_and_any_file_names(tmp_path):
    def shuffle(text: str, order: list[int]) -> str:
        rows = [line.split(",") for line in text.splitlines()]
        return "\n".join(", ".join(f" {row[i]} " for i in order) for row in rows) + "\n"

    folder = tmp_path / "2025"
    write(folder, "903_children_2025.CSV", "\ufeff" + shuffle(HEADER, [6, 5, 4, 3, 2, 1, 0]))
    write(folder, "eps.csv", "\ufeff" + shuffle(EPISODES, [1, 0, *range(2, 13)][::-1]))
    write(folder, "zzz.csv", shuffle(REVIEWS, [3, 1, 2, 0]))
    tidy = read_returns(write_return(tmp_path / "tidy" / "2025"))
    messy = read_returns(folder)
    assert messy.problems == []
    assert messy.register == tidy.register


def test_sex_is_read_as_1_2_or_m_f_in_any_year_and_kept_as_m_f(tmp_path):
    header = HEADER.replace("A1,M,", "A1,1,").replace("B2,F,", "B2,2,")
    result = read_returns(write_return(tmp_path / "2025", header=header))
    assert [c.sex for c in result.register.children] == ["M", "F"]


def test_year_from_argument_folder_name_or_latest_date(tmp_path):
    plain = write_return(tmp_path / "returns")
    inferred = read_returns(plain)
    assert inferred.years == [Y2425] and inferred.year_inferred
    assert any("inferred from the latest date" in note for note in inferred.notes)
    assert read_returns(plain, year=Y2425).years == [Y2425]
    named = read_returns(write_return(tmp_path / "2025"))
    assert named.years == [Y2425] and not named.year_inferred


def test_several_years_merge_an_episode_or_review_in_two_returns_is_one(tmp_path):
    # 2023/24: C3 came into care on 01/02/2024, open at 31 March, reviewed 20/02/2024.
    # 2024/25: the same episode, now ended X1 on 01/05/2024, and the next one; the review
    # of 20/02/2024 given again (a council's files often overlap).
    header = HEADER + "C3,F,03/03/2010,BAFR,UN2,0,\n"
    first = write_return(
        tmp_path / "both" / "2024",
        header="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC3,2,03/03/2010,BAFR,UN2,0,\n",
        episodes=EPISODES.splitlines()[0] + "\nC3,01/02/2024,S,V2,N4,U6,PR1,,,,,,\n",
        reviews="CHILD,DOB,REVIEW,REVIEW_CODE\nC3,03/03/2010,20/02/2024,PN6\n",
    )
    second = write_return(
        tmp_path / "both" / "2025",
        header=header,
        episodes=EPISODES
        + "C3,01/02/2024,S,V2,N4,U6,PR1,01/05/2024,X1,,,,\nC3,01/05/2024,L,C1,N4,U6,PR1,,,,,,\n",
        reviews=REVIEWS + "C3,03/03/2010,20/02/2024,PN6\nC3,03/03/2010,15/04/2024,PN1\n",
    )
    assert first.parent == second.parent
    result = read_returns(tmp_path / "both")
    assert result.problems == []
    assert result.years == [CollectionYear(2023), Y2425]
    assert result.register.history_from == date(2023, 4, 1)
    c3 = next(c for c in result.register.children if c.child_id == "C3")
    assert c3.sex == "F"
    (period,) = c3.periods
    assert [(e.start, e.end) for e in period.episodes] == [
        (date(2024, 2, 1), date(2024, 5, 1)),
        (date(2024, 5, 1), None),
    ]
    assert [r.held for r in period.reviews] == [date(2024, 2, 20), date(2024, 4, 15)]
    assert result.counts["Episodes"] == 5 and result.counts["Reviews"] == 5
    # The outside-the-year review is information, not a problem.
    assert any(
        f.check == "review outside the collection year" and f.file == "2025/reviews.csv"
        for f in result.findings
    )


def test_a_period_that_began_before_the_files_continues_without_an_s_episode(tmp_path):
    episodes = EPISODES + "D4,01/01/2020,L,C2,N1,U4,PR1,,,,,,\n"
    header = HEADER + "D4,M,01/01/2015,WBRI,UN1,,\n"
    reviews = REVIEWS + "D4,01/01/2015,01/07/2024,PN1\n"
    result = read_returns(
        write_return(tmp_path / "2025", header=header, episodes=episodes, reviews=reviews)
    )
    assert result.problems == []
    d4 = result.register.children[-1]
    assert d4.periods[0].start == date(2020, 1, 1)
    assert any("1 care periods began before 01/04/2024" in note for note in result.notes)
    # Its review sequence cannot be judged from the files: no schedule findings for it.
    assert not [f for f in result.findings if f.child_id == "D4"]


def test_problem_reads_file_row_column_value_reason():
    problem = Problem("2025/episodes.csv", 4, "DECOM", "2024-05-10", "not a date")
    assert str(problem) == "2025/episodes.csv:4: column DECOM value '2024-05-10': not a date"
    assert str(Problem("reviews.csv", None, None, None, "empty")) == "reviews.csv: empty"
    assert str(Problem("r.csv", 1, "REVIEW_CODE", None, "missing")) == (
        "r.csv:1: column REVIEW_CODE: missing"
    )


# --- the bad inputs of the issue, each with a clear report ---------------------------------


def test_missing_column(tmp_path):
    reviews = REVIEWS.replace(",REVIEW_CODE", "", 1)
    problem = only_problem(write_return(tmp_path / "2025", reviews=reviews))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "reviews.csv",
        1,
        "REVIEW_CODE",
        None,
    )
    assert problem.reason.startswith("missing column: the Reviews table has the columns ")


def test_date_that_does_not_parse(tmp_path):
    episodes = EPISODES.replace("B2,01/06/2024", "B2,2024-06-01")
    problem = only_problem(write_return(tmp_path / "2025", episodes=episodes))
    assert (problem.file, problem.row, problem.column, problem.value, problem.reason) == (
        "episodes.csv",
        4,
        "DECOM",
        "2024-06-01",
        "not a date in the form DD/MM/YYYY",
    )


def test_a_day_that_does_not_exist(tmp_path):
    reviews = REVIEWS.replace("20/06/2024", "31/06/2024")
    problem = only_problem(write_return(tmp_path / "2025", reviews=reviews))
    assert (problem.row, problem.column, problem.value) == (4, "REVIEW", "31/06/2024")
    assert "not a real day" in problem.reason


def test_unknown_code(tmp_path):
    episodes = EPISODES.replace("B2,01/06/2024,S,V2", "B2,01/06/2024,S,X9")
    problem = only_problem(write_return(tmp_path / "2025", episodes=episodes))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "episodes.csv",
        4,
        "LS",
        "X9",
    )
    assert problem.reason.startswith("unknown code: not one of the 13 DfE legal status (LS)")


def test_duplicated_episode(tmp_path):
    episodes = add_line(EPISODES, "B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,E4A,,,,")
    problem = only_problem(write_return(tmp_path / "2025", episodes=episodes))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "episodes.csv",
        5,
        "DECOM",
        "01/06/2024",
    )
    assert problem.reason == (
        "duplicated episode: the child already has an episode starting 01/06/2024 (row 4)"
    )


def test_overlapping_episodes(tmp_path):
    episodes = add_line(EPISODES, "B2,01/11/2024,S,C1,N2,U6,PR1,,,,,,")
    problem = only_problem(write_return(tmp_path / "2025", episodes=episodes))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "episodes.csv",
        5,
        "DECOM",
        "01/11/2024",
    )
    assert problem.reason == (
        "overlapping episodes: the episode from 01/06/2024 (episodes.csv:4) ends 20/12/2024"
    )


def test_review_outside_any_care_period(tmp_path):
    reviews = add_line(REVIEWS, "B2,01/02/2022,10/01/2025,PN0")
    problem = only_problem(write_return(tmp_path / "2025", reviews=reviews))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "reviews.csv",
        5,
        "REVIEW",
        "10/01/2025",
    )
    # An IRO Hub rule that refuses, labelled so (not as the information-only checks are).
    assert problem.reason.startswith(
        "IRO Hub rule (not a DfE rule), refuses the import: the review is outside"
    )
    assert "not looked after" in problem.reason


def test_review_code_that_does_not_fit_the_childs_age(tmp_path):
    reviews = REVIEWS.replace("B2,01/02/2022,20/06/2024,PN0", "B2,01/02/2022,20/06/2024,PN1")
    problem = only_problem(write_return(tmp_path / "2025", reviews=reviews))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "reviews.csv",
        4,
        "REVIEW_CODE",
        "PN1",
    )
    assert "the child was under 4 on 20/06/2024 (born 01/02/2022)" in problem.reason
    assert "DfE rules 440 and 441" in problem.reason


def test_pn0_for_a_child_of_four_or_over(tmp_path):
    reviews = REVIEWS.replace("05/06/2024,PN1", "05/06/2024,PN0")
    problem = only_problem(write_return(tmp_path / "2025", reviews=reviews))
    assert (problem.row, problem.column, problem.value) == (2, "REVIEW_CODE", "PN0")
    assert "4 or over" in problem.reason


def test_empty_file(tmp_path):
    problem = only_problem(write_return(tmp_path / "2025", reviews=""))
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "reviews.csv",
        None,
        None,
        None,
    )
    assert problem.reason.startswith("the file is empty")


def test_file_in_the_wrong_encoding(tmp_path):
    header = add_line(HEADER, "C3,F,03/03/2010,BAFR,Zoé,0,").encode("cp1252")
    problem = only_problem(write_return(tmp_path / "2025", header=header))
    assert (problem.file, problem.row, problem.column) == ("header.csv", 4, None)
    assert problem.reason.startswith("not UTF-8 (byte 0xE9 at byte ")
    assert "save it as CSV UTF-8" in problem.reason


def test_reviews_file_with_no_header_file(tmp_path):
    problems = problems_of(write_return(tmp_path / "2025", header=None))
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("episodes.csv", None, None),
        ("reviews.csv", None, None),
    ]
    assert problems[1].reason.startswith("no header file in this folder: the Header table (")
    assert "date of birth" in problems[1].reason


# --- more of what is reported ------------------------------------------------------------


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    episodes = EPISODES.replace("B2,01/06/2024,S,V2", "B2,2024-06-01,S,X9")
    reviews = REVIEWS.replace("05/06/2024,PN1", "05/06/2024,PN9")
    problems = problems_of(write_return(tmp_path / "2025", episodes=episodes, reviews=reviews))
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("episodes.csv", 4, "DECOM"),
        ("episodes.csv", 4, "LS"),
        ("reviews.csv", 2, "REVIEW_CODE"),
    ]


def test_unknown_file_extra_column_and_a_column_twice(tmp_path):
    folder = write_return(
        tmp_path / "2025",
        reviews=REVIEWS.replace("REVIEW_CODE", "REVIEW_CODE,NOTES"),
        **{"notes.csv": "NAME,COLOUR\nx,y\n", "header2.csv": "CHILD,CHILD,SEX\n"},
    )
    problems = problems_of(folder)
    by_file = {p.file: p for p in problems}
    assert by_file["notes.csv"].reason == "not an SSDA903 table (columns: NAME, COLOUR)"
    assert (by_file["header2.csv"].column, by_file["header2.csv"].reason) == (
        "CHILD",
        "the column appears twice",
    )
    extra = by_file["reviews.csv"]
    assert (extra.row, extra.column) == (1, "NOTES")
    assert extra.reason.startswith("not a column of the Reviews table")


def test_chain_breaks(tmp_path):
    cases = {
        # A gap between episodes where the second is not S.
        "A1,01/09/2024,P,": ("A1,05/09/2024,P,", "DECOM", "gap in the episode chain"),
        # X1 means a new episode the same day, which the next cannot be if it starts a period.
        "A1,01/09/2024,P,C2": ("A1,01/09/2024,S,C2", "RNE", "cannot start a new period"),
    }
    for old, (new, column, reason) in cases.items():
        folder = write_return(
            tmp_path / old[:12].replace("/", "-") / "2025", episodes=EPISODES.replace(old, new)
        )
        problem = only_problem(folder)
        assert (problem.row, problem.column) == (3, column)
        assert reason in problem.reason


def test_episode_after_a_period_ended_must_be_s_and_x1_needs_a_next_episode(tmp_path):
    after_end = add_line(EPISODES, "B2,05/01/2025,L,C1,N2,U6,PR1,,,,,,")
    problem = only_problem(write_return(tmp_path / "a" / "2025", episodes=after_end))
    assert (problem.row, problem.column, problem.value) == (5, "RNE", "L")
    assert "ended the period of care (E4A on 20/12/2024)" in problem.reason

    dangling = replace_line(EPISODES, 4, "B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,X1,,,,")
    problem = only_problem(write_return(tmp_path / "b" / "2025", episodes=dangling))
    assert (problem.row, problem.column, problem.value) == (4, "REC", "X1")

    same_day = add_line(EPISODES, "B2,20/12/2024,S,V2,N2,U6,PR1,,,,,,")
    problem = only_problem(write_return(tmp_path / "c" / "2025", episodes=same_day))
    assert "cannot start on the day the last one ended" in problem.reason


def test_dec_and_rec_go_together_and_dec_stays_inside_the_year(tmp_path):
    no_rec = replace_line(EPISODES, 4, "B2,01/06/2024,S,V2,N2,U6,PR1,20/12/2024,,,,,")
    problem = only_problem(write_return(tmp_path / "a" / "2025", episodes=no_rec))
    assert (problem.row, problem.column) == (4, "REC")
    assert "DfE rule 148" in problem.reason

    late = replace_line(EPISODES, 4, "B2,01/06/2024,S,V2,N2,U6,PR1,20/04/2025,E4A,,,,")
    problem = only_problem(write_return(tmp_path / "b" / "2025", episodes=late))
    assert (problem.column, problem.value) == ("DEC", "20/04/2025")
    assert "after the end of the 2024/25 collection year" in problem.reason


def test_child_missing_from_the_header_and_a_header_child_without_episodes(tmp_path):
    header = HEADER.replace("B2,F,01/02/2022,WBRI,UN1,0,", "E5,F,01/02/2022,WBRI,UN1,0,")
    problems = problems_of(write_return(tmp_path / "2025", header=header))
    reasons = {(p.file, p.row): p.reason for p in problems}
    assert "not in the header file" in reasons[("episodes.csv", 4)]
    assert "not in the header file" in reasons[("reviews.csv", 4)]
    assert "no episode in the episodes file" in reasons[("header.csv", 3)]


def test_different_dates_of_birth_in_two_years(tmp_path):
    write_return(tmp_path / "both" / "2025")
    write_return(
        tmp_path / "both" / "2024",
        header="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,16/06/2012,WBRI,UN1,,\n",
        episodes=EPISODES.splitlines()[0] + "\nA1,01/01/2024,S,V2,N1,U4,PR1,01/03/2024,E4A,,,,\n",
        reviews="CHILD,DOB,REVIEW,REVIEW_CODE\n",
    )
    problem = only_problem(tmp_path / "both")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "2025/header.csv",
        2,
        "DOB",
        "15/06/2012",
    )
    assert "differs from 16/06/2012 in the 2023/24 header (2024/header.csv:2)" in problem.reason


def test_an_episode_open_at_a_year_end_must_be_in_the_next_years_return(tmp_path):
    write_return(tmp_path / "both" / "2025")
    write_return(
        tmp_path / "both" / "2024",
        header="CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,15/06/2012,WBRI,UN1,,\n",
        episodes=EPISODES.splitlines()[0] + "\nA1,01/01/2024,S,V2,N1,U4,PR1,,,,,,\n",
        reviews="CHILD,DOB,REVIEW,REVIEW_CODE\n",
    )
    problems = problems_of(tmp_path / "both")
    first = problems[0]
    assert (first.file, first.row, first.column) == ("2024/episodes.csv", 2, "DEC")
    assert "open at the end of 2023/24 but is not in the 2024/25 episodes file" in first.reason


def test_layout_problems(tmp_path):
    write_return(tmp_path / "years" / "2025")
    write(tmp_path / "years", "stray.csv", HEADER)
    write(tmp_path / "years" / "old", "x.csv", HEADER)
    result = read_returns(tmp_path / "years")
    assert [(p.file, p.reason[:24]) for p in result.problems] == [
        ("stray.csv", "outside the year folders")
    ]
    assert "old/: ignored (not named by a year, like 2025)" in result.notes

    given = problems_of(tmp_path / "years", year=Y2425)
    assert any("sub-folders' names give the years" in p.reason for p in given)

    (tmp_path / "none").mkdir()
    assert only_problem(tmp_path / "none").reason == "no CSV files in this folder"


def test_two_files_of_one_table_in_a_year(tmp_path):
    problem = only_problem(write_return(tmp_path / "2025", **{"reviews_copy.csv": REVIEWS}))
    assert problem.file == "reviews_copy.csv"
    assert "a second Reviews table in one year (the first is reviews.csv)" in problem.reason


def test_other_tables_are_read_and_checked_but_not_stored(tmp_path):
    missing = "CHILD,DOB,MISSING,MIS_START,MIS_END\nA1,15/06/2012,M,01/07/2024,02/07/2024\n"
    uasc = "CHILD,SEX,DOB,DUC\nA1,M,15/06/2012,15/06/2030\n"
    result = read_returns(write_return(tmp_path / "2025", **{"m.csv": missing, "u.csv": uasc}))
    assert result.problems == []
    assert result.counts["Missing"] == 1
    assert any(n.startswith("Missing: 1 rows read and checked, not stored") for n in result.notes)
    a1 = result.register.children[0]
    assert a1.uasc and a1.uasc_ceased == date(2030, 6, 15)

    bad = missing.replace(",M,", ",Q,")
    problem = only_problem(write_return(tmp_path / "bad" / "2025", **{"m.csv": bad}))
    assert (problem.file, problem.column, problem.value) == ("m.csv", "MISSING", "Q")


def test_progress_is_reported_on_large_files(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "PROGRESS_EVERY", 2)
    calls: list[tuple[str, int, int]] = []
    read_returns(write_return(tmp_path / "2025"), progress=lambda f, d, t: calls.append((f, d, t)))
    assert ("episodes.csv", 2, 3) in calls
    assert ("episodes.csv", 3, 3) in calls
    assert ("header.csv", 2, 2) in calls


@pytest.mark.parametrize("blank", ["\n", ",,,\n", " , , , \n"])
def test_blank_rows_are_skipped(tmp_path, blank):
    result = read_returns(write_return(tmp_path / "2025", reviews=REVIEWS + blank))
    assert result.problems == []


def test_values_that_cannot_be_identifiers_such_as_spreadsheet_formulas(tmp_path):
    """Issue 11, defect 6: a formula in a CHILD, UPN or URN cell would be imported and then
    exported verbatim, to run when the export is opened in Excel: refused where it is."""
    formula = "=cmd|'/C calc'!A0"
    header = HEADER.replace("B2,F,01/02/2022,WBRI,UN1,0,", f"{formula},F,01/02/2022,WBRI,UN1,0,")
    header = header.replace("A1,M,15/06/2012,WBRI,UN1,,", "A1,M,15/06/2012,WBRI,@SUM(A1:A9),,")
    episodes = EPISODES.replace(
        "A1,01/09/2024,P,C2,N1,U6,PR4,,,,,,", "A1,01/09/2024,P,C2,N1,U6,PR4,,,,,,+A1+A2"
    )
    problems = problems_of(write_return(tmp_path / "2025", header=header, episodes=episodes))
    found = {(p.file, p.row, p.column, p.value) for p in problems}
    assert {
        ("header.csv", 2, "UPN", "@SUM(A1:A9)"),
        ("header.csv", 3, "CHILD", formula),
        ("episodes.csv", 3, "URN", "+A1+A2"),
    } <= found
    for problem in problems:
        if problem.value in (formula, "@SUM(A1:A9)", "+A1+A2"):
            assert problem.reason.startswith("not an identifier or code")
            assert "formula" in problem.reason


@pytest.mark.parametrize(
    "value", ["-1+1", "=1", "a\tb", "A1;B2", "'quoted'", "A1 ", "€123", "A\u00a0B"]
)
def test_an_identifier_is_letters_and_digits(value):
    from irohub.ssda903.tables import identifier_problem

    assert identifier_problem(value) is not None
    for fine in ("A1", "123456", "UN1", "SC123456", "AB1 2CD", "X_1-2/3.4", "Z"):
        assert identifier_problem(fine) is None


PLACED = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n"


def test_decisions_to_place_for_adoption_are_kept(tmp_path):
    rows = PLACED + "A1,15/06/2012,01/08/2024,,\nB2,01/02/2022,10/06/2024,20/12/2024,RD1\n"
    result = read_returns(write_return(tmp_path / "2025", **{"p.csv": rows}))
    assert result.problems == []
    decisions = {c.child_id: c.adoption_decisions for c in result.register.children}
    assert decisions == {
        "A1": (AdoptionDecisionRecord(date(2024, 8, 1)),),
        "B2": (AdoptionDecisionRecord(date(2024, 6, 10), date(2024, 12, 20), "RD1"),),
    }
    assert result.counts["PlacedAdoption"] == 2
    assert not any(n.startswith("PlacedAdoption") for n in result.notes)


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("A1,15/06/2012,01/08/2024,01/07/2024,RD1", "DATE_PLACED_CEASED", "before the decision"),
        ("A1,15/06/2012,01/08/2024,01/09/2024,", "REASON_PLACED_CEASED", "go together"),
        ("A1,15/06/2012,01/08/2024,,RD2", "DATE_PLACED_CEASED", "go together"),
        ("A1,15/06/2012,01/08/2024,01/09/2024,RD9", "REASON_PLACED_CEASED", "not a DfE"),
    ],
)
def test_a_decision_that_cannot_be_right_is_refused(tmp_path, row, column, reason):
    problem = only_problem(write_return(tmp_path / "2025", **{"p.csv": PLACED + row + "\n"}))
    assert (problem.file, problem.row, problem.column) == ("p.csv", 2, column)
    assert reason in problem.reason
