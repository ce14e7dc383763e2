"""Comparing what people type: one key for names and titles, so "Priya  Shah" finds "priya shah" and a
re-imported unit title finds the unit already there, wherever the comparison is made."""


def match_key(text: str) -> str:
    """`text` as names and titles are compared: case and spacing ignored ("Food  Webs" is "food webs")."""
    return " ".join(text.split()).casefold()
