"""`irohub clock conferences | foster-carer-reviews | short-breaks | adoption-reviews`: the
JSON shape of `irohub clock reviews` for each clock of spec §3–7, and bad input refused the
same way (status 2, one line on stderr naming the argument, nothing on stdout)."""

from __future__ import annotations

import json

import pytest

from irohub.cli.clock import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.endswith("\n") and len(out.splitlines()) == 1
    return json.loads(out)


def test_conferences_cp_e1_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "conferences",
        "--strategy-discussion", "2024-12-19",
        "--held", "2025-01-13",
        "--held", "2025-04-10",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        '{"conferences": [{"number": 1, "kind": "initial", "held": "2025-01-13", '
        '"due": "2025-01-14", "on_time": true, "days_late": 0, "working_days_late": 0}, '
        '{"number": 2, "kind": "review", "held": "2025-04-10", "due": "2025-04-13", '
        '"on_time": true, "days_late": 0, "working_days_late": 0}], '
        '"next_due": "2025-10-10", "overdue": false}\n'
    )


def test_conferences_as_of_plan_ended_transfer_and_pre_birth(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["conferences", "--strategy-discussion", "2024-12-19"]
    assert ok(capsys, *base, "--as-of", "2025-01-15") == {
        "conferences": [],
        "next_due": "2025-01-14",
        "overdue": True,
    }
    ended = ok(capsys, *base, "--held", "2025-01-13", "--plan-ended", "2025-01-13")
    assert ended["next_due"] is None
    transfer = ok(
        capsys, "conferences", "--transfer-notified", "2024-12-19", "--held", "2025-01-13"
    )
    assert transfer["conferences"][0]["kind"] == "transfer-in"
    assert transfer["next_due"] == "2025-04-13"
    pre_birth = ok(capsys, *base, "--expected-delivery", "2025-03-01")
    assert pre_birth["next_due"] == "2025-01-18"  # 6 weeks before the expected delivery


def test_foster_carer_reviews_fc_e1_and_a_change(capsys: pytest.CaptureFixture[str]) -> None:
    result = ok(capsys, "foster-carer-reviews", "--approved", "2024-02-29")
    assert result == {
        "reviews": [],
        "next_due": "2025-02-28",
        "overdue": False,
        "next_panel_required": True,
    }
    result = ok(
        capsys,
        "foster-carer-reviews",
        "--approved", "2024-02-29",
        "--held", "2025-02-17",
        "--change", "2025-06-01",
        "--as-of", "2025-06-30",
    )  # fmt: skip
    assert result["reviews"][0]["panel_required"] is True
    assert (result["next_due"], result["overdue"]) == ("2025-06-27", True)
    assert result["next_panel_required"] is False
    gone = ok(
        capsys,
        "foster-carer-reviews",
        "--approved", "2024-02-29",
        "--held", "2025-02-17",
        "--deregistered", "2025-09-01",
    )  # fmt: skip
    assert gone["next_due"] is None


def test_short_breaks_sb_e1_and_a_limit_passed(capsys: pytest.CaptureFixture[str]) -> None:
    result = ok(capsys, "short-breaks", "--break", "2025-06-14/2025-06-16", "--held", "2025-09-11")
    assert result == {
        "reviews": [
            {
                "number": 1,
                "regime": "short breaks",
                "held": "2025-09-11",
                "due": "2025-09-14",
                "on_time": True,
                "days_late": 0,
                "working_days_late": 0,
            }
        ],
        "next_due": "2026-03-11",
        "overdue": False,
        "limit_passed": None,
    }
    result = ok(
        capsys,
        "short-breaks",
        "--break", "2025-07-01/2025-07-18",
        "--count", "days",
        "--as-of", "2025-08-20",
    )  # fmt: skip
    assert result["limit_passed"] == {"day": "2025-07-18", "limit": "a single break over 17 days"}
    assert (result["next_due"], result["overdue"]) == ("2025-08-15", True)
    ended = ok(capsys, "short-breaks", "--break", "2025-06-14/2025-06-16", "--ended", "2025-08-01")
    assert ended["next_due"] is None


def test_adoption_reviews_ad_e1_and_ad_combine(capsys: pytest.CaptureFixture[str]) -> None:
    result = ok(capsys, "adoption-reviews", "--placed", "2025-03-03", "--held", "2025-03-27")
    assert result == {
        "reviews": [
            {
                "number": 1,
                "stage": "placed",
                "held": "2025-03-27",
                "due": "2025-03-31",
                "on_time": True,
                "days_late": 0,
                "working_days_late": 0,
            }
        ],
        "next_due": "2025-06-27",
        "overdue": False,
    }
    combined = ok(
        capsys,
        "adoption-reviews",
        "--looked-after-from", "2025-01-06",
        "--authority", "2025-05-01",
        "--held", "2025-01-30",
        "--held", "2025-04-28",
    )  # fmt: skip
    assert [r["stage"] for r in combined["reviews"]] == ["before placement"] * 2
    assert combined["next_due"] == "2025-08-01"
    waiting = ok(capsys, "adoption-reviews", "--authority", "2025-02-10", "--ended", "2025-03-01")
    assert waiting["next_due"] is None


BAD_INPUT = [
    (
        ["conferences", "--held", "2025-01-13"],
        "irohub clock conferences: one of the arguments --strategy-discussion "
        "--transfer-notified is required",
    ),
    (
        ["conferences", "--strategy-discussion", "2024-12-19", "--held", "2024-12-18"],
        "irohub clock conferences: --held 2024-12-18 is before the strategy discussion "
        "(--strategy-discussion 2024-12-19)",
    ),
    (
        ["conferences", "--strategy-discussion", "19/12/2024"],
        'irohub clock conferences: --strategy-discussion "19/12/2024" is not a date '
        "(expected YYYY-MM-DD)",
    ),
    (
        ["conferences", "--strategy-discussion", "2024-12-19", "--plan-ended", "2024-12-01"],
        "irohub clock conferences: --plan-ended 2024-12-01 is before the strategy discussion "
        "(--strategy-discussion 2024-12-19)",
    ),
    (
        ["conferences", "--strategy-discussion", "2024-12-19", "--held", "2025-02-01",
         "--plan-ended", "2025-01-31"],
        "irohub clock conferences: --held 2025-02-01 is after the plan ended "
        "(--plan-ended 2025-01-31)",
    ),
    (
        ["conferences", "--strategy-discussion", "2024-12-19", "--held", "2025-01-13",
         "--held", "2025-01-13"],
        "irohub clock conferences: --held 2025-01-13 is given twice "
        "(a conference is one meeting a day)",
    ),
    (
        ["conferences", "--transfer-notified", "2024-12-19", "--expected-delivery", "2025-03-01"],
        "irohub clock conferences: --expected-delivery is for a pre-birth conference after a "
        "strategy discussion, not with --transfer-notified",
    ),
    (
        ["conferences", "--strategy-discussion", "2024-12-19", "--transfer-notified",
         "2024-12-19"],
        "irohub clock conferences: argument --transfer-notified: not allowed with argument "
        "--strategy-discussion",
    ),
    (
        ["conferences", "--strategy-discussion", "2100-12-01", "--held", "2100-12-10"],
        "irohub clock conferences: --held 2100-12-10 is too close to the end of the supported "
        "calendar (2100-12-31) to work out the next conference",
    ),
    (
        ["foster-carer-reviews", "--held", "2025-02-17"],
        "irohub clock foster-carer-reviews: the following arguments are required: --approved",
    ),
    (
        ["foster-carer-reviews", "--approved", "2024-02-29", "--held", "2024-02-28"],
        "irohub clock foster-carer-reviews: --held 2024-02-28 is before the approval "
        "(--approved 2024-02-29)",
    ),
    (
        ["foster-carer-reviews", "--approved", "2024-02-29", "--change", "2024-02-29"],
        "irohub clock foster-carer-reviews: --change 2024-02-29 is the day of the approval "
        "(--approved 2024-02-29)",
    ),
    (
        ["foster-carer-reviews", "--approved", "2024-02-29", "--change", "2025-03-01",
         "--deregistered", "2025-02-01"],
        "irohub clock foster-carer-reviews: --change 2025-03-01 is after the household was "
        "deregistered (--deregistered 2025-02-01)",
    ),
    (
        ["foster-carer-reviews", "--approved", "2100-06-01"],
        "irohub clock foster-carer-reviews: --approved 2100-06-01 is too close to the end of "
        "the supported calendar (2100-12-31) to work out the next review",
    ),
    (
        ["short-breaks", "--held", "2025-09-11"],
        "irohub clock short-breaks: the following arguments are required: --break",
    ),
    (
        ["short-breaks", "--break", "2025-06-14"],
        'irohub clock short-breaks: --break "2025-06-14" is not START/END (two dates, '
        "YYYY-MM-DD)",
    ),
    (
        ["short-breaks", "--break", "2025-06-14/2025-06-31"],
        'irohub clock short-breaks: --break "2025-06-31" is not a date (expected YYYY-MM-DD)',
    ),
    (
        ["short-breaks", "--break", "2025-06-14/2025-06-12"],
        "irohub clock short-breaks: --break 2025-06-14/2025-06-12 ends before it begins",
    ),
    (
        ["short-breaks", "--break", "2025-06-14/2025-06-16", "--break", "2025-06-15/2025-06-17"],
        "irohub clock short-breaks: --break 2025-06-15/2025-06-17 begins before the break "
        "2025-06-14/2025-06-16 ended",
    ),
    (
        ["short-breaks", "--break", "2025-06-14/2025-06-16", "--held", "2025-06-13"],
        "irohub clock short-breaks: --held 2025-06-13 is before the first break began "
        "(--break 2025-06-14/2025-06-16)",
    ),
    (
        ["short-breaks", "--break", "2025-06-14/2025-06-16", "--break", "2025-08-01/2025-08-03",
         "--ended", "2025-07-01"],
        "irohub clock short-breaks: --break 2025-08-01/2025-08-03 begins after the breaks "
        "ended (--ended 2025-07-01)",
    ),
    (
        ["short-breaks", "--break", "2025-07-01/2025-07-25", "--ended", "2025-07-10"],
        "irohub clock short-breaks: --ended 2025-07-10: the short breaks ended (2025-07-10) "
        "before the limit was passed (2025-07-18): leave out the breaks after the end",
    ),
    (
        ["short-breaks", "--break", "2025-06-14/2025-06-16", "--count", "weeks"],
        "irohub clock short-breaks: argument --count: invalid choice: 'weeks' "
        "(choose from 'nights', 'days')",
    ),
    (
        ["short-breaks", "--break", "2100-12-01/2100-12-03"],
        "irohub clock short-breaks: --break 2100-12-01/2100-12-03 is too close to the end of "
        "the supported calendar (2100-12-31) to work out the next review",
    ),
    (
        ["adoption-reviews", "--held", "2025-03-27"],
        "irohub clock adoption-reviews: one of the arguments --authority --placed is required",
    ),
    (
        ["adoption-reviews", "--authority", "2025-03-01", "--placed", "2025-02-01"],
        "irohub clock adoption-reviews: --placed 2025-02-01 is before the authority to place "
        "(--authority 2025-03-01)",
    ),
    (
        ["adoption-reviews", "--looked-after-from", "2025-03-01", "--placed", "2025-02-01"],
        "irohub clock adoption-reviews: --placed 2025-02-01 is before the care period began "
        "(--looked-after-from 2025-03-01)",
    ),
    (
        ["adoption-reviews", "--placed", "2025-03-03", "--held", "2025-03-01"],
        "irohub clock adoption-reviews: --held 2025-03-01 is before the placement for "
        "adoption (--placed 2025-03-03)",
    ),
    (
        ["adoption-reviews", "--authority", "2025-02-01", "--placed", "2025-03-03",
         "--ended", "2025-03-01"],
        "irohub clock adoption-reviews: --ended 2025-03-01 is before the placement for "
        "adoption (--placed 2025-03-03)",
    ),
    (
        ["adoption-reviews", "--placed", "2025-03-03", "--held", "2025-04-01",
         "--ended", "2025-03-31"],
        "irohub clock adoption-reviews: --held 2025-04-01 is after the adoption ended "
        "(--ended 2025-03-31)",
    ),
    (
        ["adoption-reviews", "--placed", "2100-10-03", "--held", "2100-10-04"],
        "irohub clock adoption-reviews: --held 2100-10-04 is too close to the end of the "
        "supported calendar (2100-12-31) to work out the next review",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "message"), BAD_INPUT)
def test_bad_input_is_one_line_on_stderr_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == message + "\n"


@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("conferences", "--strategy-discussion"),
        ("foster-carer-reviews", "--approved"),
        ("short-breaks", "--break"),
        ("adoption-reviews", "--placed"),
    ],
)
def test_each_subcommand_has_help(
    capsys: pytest.CaptureFixture[str], command: str, option: str
) -> None:
    code, out, err = run(capsys, command, "--help")
    assert (code, err) == (0, "")
    assert option in out


def test_the_top_level_help_lists_every_clock(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("conferences", "foster-carer-reviews", "short-breaks", "adoption-reviews"):
        assert command in out
