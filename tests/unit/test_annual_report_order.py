"""The order of the annual report's sections (pure): the manager's saved order, with
sections it does not know kept beside their neighbours, and one-place moves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from irohub.annual_report.narrative import moved, ordered

STANDARD = ["introduction", "purpose", "service", "conclusion"]


def test_no_saved_order_is_the_standard_order():
    assert ordered(STANDARD, []) == STANDARD


def test_the_saved_order_wins_and_a_new_section_follows_its_neighbour():
    saved = ["purpose", "introduction", "conclusion"]  # "service" is new since
    # It follows "purpose" in the standard order, so it comes straight after it.
    assert ordered(STANDARD, saved) == ["purpose", "service", "introduction", "conclusion"]


def test_a_section_no_longer_in_the_report_is_ignored():
    assert ordered(["a", "b"], ["gone", "b", "a"]) == ["b", "a"]


def test_a_new_first_section_goes_first():
    assert ordered(["new", "a", "b"], ["b", "a"]) == ["new", "b", "a"]


def test_moves_swap_neighbours_and_stop_at_the_ends():
    assert moved(["a", "b", "c"], "b", -1) == ["b", "a", "c"]
    assert moved(["a", "b", "c"], "b", 1) == ["a", "c", "b"]
    assert moved(["a", "b", "c"], "a", -1) == ["a", "b", "c"]
    assert moved(["a", "b", "c"], "c", 1) == ["a", "b", "c"]
    assert moved(["a", "b"], "x", 1) == ["a", "b"]


keys = st.lists(st.text(min_size=1, max_size=3), unique=True, max_size=8)


@given(keys, keys)
def test_ordered_is_a_permutation_of_the_report_keeping_the_saved_order(report, saved):
    result = ordered(report, saved)
    assert sorted(result) == sorted(report)
    kept = [key for key in saved if key in report]
    assert [key for key in result if key in kept] == kept


@given(keys, st.integers(0, 10), st.sampled_from([-1, 1]))
def test_a_move_and_its_opposite_give_the_order_back(order, index, step):
    if not order:
        return
    key = order[index % len(order)]
    once = moved(order, key, step)
    assert sorted(once) == sorted(order)
    if once != order:
        assert moved(once, key, -step) == order
