"""The four levels of instructional partnership (DOMAIN.md), in the project's own words.

`Level` is generic so the same rubric widget can present any ordered list of levels (the partnership
rubric here, the librarian's ten-level taxonomy elsewhere).
"""

from dataclasses import dataclass

from django.db import models


class PartnershipLevel(models.IntegerChoices):
    COOPERATION = 1, "Cooperation"
    COORDINATION = 2, "Coordination"
    COLLABORATION = 3, "Collaboration"
    DATA_DRIVEN = 4, "Data-driven collaboration"


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    summary: str  # one line, shown on the rubric card
    description: str  # the full explanation, shown on the rubric page


PARTNERSHIP_LEVELS: list[Level] = [
    Level(
        1,
        PartnershipLevel.COOPERATION.label,
        "Teacher and librarian work on their own and meet briefly when it helps both.",
        "The teacher and the librarian work independently and come together only briefly, for mutual "
        "benefit. The relationship is loose: a request for materials, a quick booking, a short exchange.",
    ),
    Level(
        2,
        PartnershipLevel.COORDINATION.label,
        "A more formal working relationship: some planning together and more communication.",
        "The teacher and the librarian have a more formal working relationship and understand the "
        "mission they share. They do some planning together and communicate more often.",
    ),
    Level(
        3,
        PartnershipLevel.COLLABORATION.label,
        "Shared goals, defined roles and full joint planning; designed, taught and assessed together.",
        "The teacher and the librarian work in a prolonged, interdependent relationship. They share goals, "
        "have clearly defined roles and plan comprehensively: the unit is designed, taught and evaluated "
        "as a team.",
    ),
    Level(
        4,
        PartnershipLevel.DATA_DRIVEN.label,
        "Full collaboration planned from evidence of student learning, such as test results.",
        "Collaboration as in level 3, with planning based on evidence of what students know and can do, "
        "such as grade-level standardized assessment results. The unit records the gap in test data it "
        "addresses.",
    ),
]

LEVELS_BY_NUMBER = {level.number: level for level in PARTNERSHIP_LEVELS}


def level_name(number) -> str:
    """The name of a level of partnership ("Collaboration") as every page, PDF, e-mail and file shows it;
    blank for a unit not rated yet."""
    level = LEVELS_BY_NUMBER.get(number)
    return level.name if level else ""


def level_label(number) -> str:
    """The level with its number ("3 Collaboration"), as the reports' tables, charts and files show it;
    blank for a unit not rated yet."""
    return f"{number} {level_name(number)}" if number in LEVELS_BY_NUMBER else ""


# The level-4 rule's one message: the quick log, the planning template, the services and the log import.
LEVEL_4_NEEDS_GAP = (
    "Data-driven collaboration (level 4) needs at least one test-data gap: an area of deficit or gap in test "
    "data, with its content area and a performance indicator. Add one, or choose another level."
)


def needs_test_data_gap(level) -> bool:
    """DOMAIN.md's rule: a data-driven (level 4) unit must record at least one gap in test data."""
    return level == PartnershipLevel.DATA_DRIVEN
