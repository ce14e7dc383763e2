import pytest

from collabtrack.grades import grade_span


@pytest.mark.parametrize(
    ("orders", "expected"),
    [
        ([], ""),
        ([6, 7, 8], "Gr. 6–8"),
        ([8, 6, 7], "Gr. 6–8"),
        ([-1], "PreK"),
        ([-1, 0, 1, 2], "Gr. PreK–2"),
        ([0, 1, 2, 5], "Gr. K–2, 5"),
        ([6, 8], "Gr. 6, 8"),
        ([6, 7], "Gr. 6, 7"),
        ([12], "Gr. 12"),
    ],
)
def test_compact_grade_labels(orders, expected):
    assert grade_span(orders) == expected
