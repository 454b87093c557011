"""How the annual report reads the manager's text."""

from irohub.annual_report.narrative import paragraphs


def test_the_managers_text_becomes_paragraphs_and_lists():
    text = "First paragraph\ncontinues.\n\n- one\n- two\n  wrapped\nAfter the list."
    assert paragraphs(text) == [
        ("p", "First paragraph continues."),
        ("ul", ["one", "two wrapped"]),
        ("p", "After the list."),
    ]
    assert paragraphs("") == []
