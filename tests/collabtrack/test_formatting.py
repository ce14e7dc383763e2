"""Display rounding (collabtrack/formatting.py): half away from zero, blank for undefined, one decimal."""

from decimal import Decimal

import pytest

from collabtrack.formatting import display, rounded


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2.25"), Decimal("2.3")),
        (Decimal("2.35"), Decimal("2.4")),
        (Decimal("-2.25"), Decimal("-2.3")),
        (Decimal(5) / Decimal(3), Decimal("1.7")),
        (2.25, Decimal("2.3")),  # a float 2.25 is exact; half away from zero, not banker's 2.2
        (Decimal("2.04"), Decimal("2.0")),
        (None, None),
    ],
)
def test_rounded_half_away_from_zero(value, expected):
    assert rounded(value) == expected


def test_display_blank_for_none_and_one_decimal():
    assert display(None) == ""
    assert display(0) == "0"
    assert display(Decimal("3")) == "3.0"
