"""The comparison key for names and titles (collabtrack/text.py)."""

from collabtrack.text import match_key


def test_match_key_ignores_case_and_spacing_only():
    assert match_key("  Priya\tSHAH ") == match_key("priya shah") == "priya shah"
    assert match_key("Food webs") != match_key("Food-webs")
    assert match_key("STRASSE") == match_key("straße")  # casefold, not lower
