"""Display rounding, in one place for the page, the PDF, the CSV and the XLSX (DOMAIN.md "Rounding").

In collabtrack, the ground floor, because every app shows figures: the reports, and the reflections'
evidence in taxonomy (templates use it through the `figure` filter of collabtrack_tags).

Selectors keep figures exact; they are rounded half away from zero only when shown, so every output
shows the same figure.
"""

from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def rounded(value: Decimal | int | float | None, places: Decimal = ONE_DECIMAL) -> Decimal | None:
    """`value` rounded half away from zero (ROUND_HALF_UP on Decimal rounds 2.25 to 2.3 and -2.25 to
    -2.3); None stays None so an undefined figure is shown blank, never 0."""
    if value is None:
        return None
    if not isinstance(value, Decimal):
        # str() first: Decimal(2.675) would carry the float's binary error into the rounding.
        value = Decimal(str(value))
    return value.quantize(places, rounding=ROUND_HALF_UP)


def display(value) -> str:
    """The text of a figure as every output shows it: blank for None, one decimal for averages."""
    if value is None:
        return ""
    if isinstance(value, Decimal | float):
        return str(rounded(value))
    return str(value)
