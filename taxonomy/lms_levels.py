"""The library media specialist's taxonomy (DOMAIN.md): ten levels of involvement, in the project's words.

Each level is a `Level` (number/name/summary/description), so the same rubric widget that presents the four
partnership levels presents these ten; `category` says which partnership level the step belongs to (none
for the first two, which involve no partnership with a teacher).
"""

from dataclasses import dataclass

from units.levels import Level, PartnershipLevel


@dataclass(frozen=True)
class TaxonomyLevel(Level):
    category: PartnershipLevel | None = None

    @property
    def category_label(self) -> str:
        return self.category.label if self.category else "No partnership yet"


_COOP, _COORD, _COLLAB = (
    PartnershipLevel.COOPERATION,
    PartnershipLevel.COORDINATION,
    PartnershipLevel.COLLABORATION,
)

TAXONOMY_LEVELS: list[TaxonomyLevel] = [
    TaxonomyLevel(
        1,
        "No involvement",
        "The library plays no part in the teaching that goes on around it.",
        "Teachers plan and teach without the library, and the librarian is not asked or does not offer "
        "to take part. Nothing is planned or shared.",
        None,
    ),
    TaxonomyLevel(
        2,
        "Smoothly operating information infrastructure",
        "Collection, catalogue, technology and space work so that people can help themselves.",
        "The library runs well behind the scenes: materials are organised and findable, the technology "
        "works and the space is open, so students and teachers can use it on their own without talking "
        "to the librarian.",
        None,
    ),
    TaxonomyLevel(
        3,
        "Individual reference assistance",
        "Helping one student or teacher with one question, at the moment they ask.",
        "The librarian answers a question or finds a resource for a single student or teacher when they "
        "come in. The help is real but one-off: nobody plans it in advance.",
        _COOP,
    ),
    TaxonomyLevel(
        4,
        "Spontaneous interaction and gathering",
        "Unplanned help: pulling materials together when a teacher drops in with a request.",
        "A teacher stops by, often at short notice, and the librarian quickly gathers books, websites or "
        "other materials for a class. The exchange is informal and unplanned.",
        _COOP,
    ),
    TaxonomyLevel(
        5,
        "Cursory planning",
        "A brief, informal planning talk: in the hallway, at lunch or by e-mail.",
        "Teacher and librarian plan a little together, usually in passing: they agree on dates and "
        "materials, but goals, roles and assessment are not worked out jointly.",
        _COOP,
    ),
    TaxonomyLevel(
        6,
        "Planned gathering",
        "Materials gathered in advance for a unit, after a planned conversation about it.",
        "Before a unit starts, teacher and librarian meet on purpose to talk about what it needs, and the "
        "librarian assembles resources ahead of time. The planning is deliberate but the teaching stays "
        "mostly separate.",
        _COORD,
    ),
    TaxonomyLevel(
        7,
        "Evangelistic outreach and advocacy",
        "The librarian actively promotes the library program and invites teachers to partner.",
        "The librarian reaches out: presents at staff meetings, offers unit ideas, shows what the library "
        "can do and works to win over colleagues who have not yet planned with the library.",
        _COORD,
    ),
    TaxonomyLevel(
        8,
        "Implementation of the four major programmatic elements of the library program",
        "All major elements of the library program are in place and planned with teaching partners.",
        "The library program is complete: its major programmatic elements are running, and units are "
        "designed, taught and evaluated together with teachers rather than alongside them.",
        _COLLAB,
    ),
    TaxonomyLevel(
        9,
        "The mature library program",
        "Collaboration is the school's normal way of working with the library.",
        "Most teachers plan units with the librarian as a matter of course; scheduling, leadership and "
        "school culture support it, and the effect on student learning is documented.",
        _COLLAB,
    ),
    TaxonomyLevel(
        10,
        "Curriculum development",
        "The librarian helps design the school's curriculum itself.",
        "The librarian works with teachers and administrators where curriculum is written, so that "
        "information literacy, reading and technology are built into what is taught from the start.",
        _COLLAB,
    ),
]

TAXONOMY_LEVELS_BY_NUMBER = {level.number: level for level in TAXONOMY_LEVELS}
TAXONOMY_LEVEL_CHOICES = [(level.number, f"{level.number}. {level.name}") for level in TAXONOMY_LEVELS]


def next_level(number: int) -> TaxonomyLevel | None:
    """The level above `number`, or None at the top of the taxonomy."""
    return TAXONOMY_LEVELS_BY_NUMBER.get(number + 1)


# The rubric widget shows number, name and summary; on the self-assessment each card also names the
# partnership category the level belongs to, so the summary carries it.
TAXONOMY_CARD_LEVELS: list[Level] = [
    Level(level.number, level.name, f"{level.category_label}. {level.summary}", level.description)
    for level in TAXONOMY_LEVELS
]
