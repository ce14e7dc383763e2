"""The seed packet's benefit and strategy lists and its definitions, in the project's own words.

Items have stable keys: a reflection stores the keys the librarian ticked, so rewording an item later
does not change what was recorded.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str


@dataclass(frozen=True)
class Checklist:
    key: str
    title: str
    items: tuple[ChecklistItem, ...]


def _items(prefix: str, texts: list[str]) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(f"{prefix}-{n}", text) for n, text in enumerate(texts, start=1))


# Who benefits from collaboration: one checklist per audience.
BENEFIT_CHECKLISTS: tuple[Checklist, ...] = (
    Checklist(
        "teachers",
        "Teachers",
        _items(
            "teachers",
            [
                "Wider access to books, online resources and other materials for teaching and learning",
                "A chance to tell the librarian which resources they need",
                "Topics are searched in advance so suitable materials exist for every learner",
                "Practice in teaching from a range of resources",
                "Information literacy woven into their own subject",
                "Fresh ideas for projects",
                "A written plan, a road map with its goals and objectives spelled out",
                "Online resources used in projects are reliable and suited to the students' age",
                "Websites are checked for reliability",
                "Students are taught to evaluate websites, cite sources and other information skills",
                "The librarian's know-how with technology, new resources and search strategies",
                "A team means an extra pair of hands and eyes",
                "Seeing how a colleague approaches and teaches a topic",
                "Room to take risks and try something new",
                "A lighter load, shared support and some fun",
                "Higher-order thinking is encouraged",
                "Students learn and achieve more",
            ],
        ),
    ),
    Checklist(
        "librarians",
        "Librarians",
        _items(
            "librarians",
            [
                "Putting skills in instructional design, teaching, assessment, consulting, program planning "
                "and administration to use",
                "Building partnerships with teaching colleagues",
                "Bringing information skills into the subject areas",
                "Promoting print and digital resources",
                "Making the library a lively, well-used place",
                "Students learn and achieve more",
            ],
        ),
    ),
    Checklist(
        "administrators",
        "Administrators",
        _items(
            "administrators",
            [
                "Productive teaching partnerships grow in the school",
                "Information skills are built into instruction",
                "The librarian's time and energy are well spent",
                "Flexible library scheduling is supported",
                "The library is used for substantial, complete units",
                "School culture becomes richer and deeper",
                "Students learn and achieve more",
            ],
        ),
    ),
    Checklist(
        "students",
        "Students",
        _items(
            "students",
            [
                "The excitement of learning from real resources",
                "Using relevant, connected information skills on their own",
                "Critical thinking and problem solving, more creativity, stronger reading and writing",
                "The advantage of having at least two teachers",
                "Different teaching styles reaching different ways of learning",
                "More learning and higher achievement",
            ],
        ),
    ),
)


class RoadblockCategory(models.TextChoices):
    SCHOOL_CULTURE = "culture", "School culture"
    SCHEDULING = "scheduling", "Scheduling patterns"
    ADMINISTRATIVE_SUPPORT = "admin", "Administrative support"
    OTHER = "other", "Other"


# What a wise librarian does about each kind of roadblock.
STRATEGY_CHECKLISTS: dict[str, Checklist] = {
    RoadblockCategory.SCHOOL_CULTURE: Checklist(
        RoadblockCategory.SCHOOL_CULTURE,
        "School culture",
        _items(
            "culture",
            [
                "Earn colleagues' trust",
                "Be patient and respond quickly",
                "Take part in the school's leadership teams",
                "Join the curriculum, technology and textbook committees",
                "Go to grade-level or department meetings regularly",
                "Respect each colleague's strengths and differences",
                "Be flexible about when and where to meet",
                "Notice and build on the moments when a colleague sees what the library can do",
            ],
        ),
    ),
    RoadblockCategory.SCHEDULING: Checklist(
        RoadblockCategory.SCHEDULING,
        "Scheduling patterns",
        _items(
            "scheduling",
            [
                "Set up a library committee of teachers",
                "Sit on the school teams that plan the timetable",
                "Find the flexibility inside the current schedule while working to change it",
                "Set aside one planning day a week",
                "Start with two flexibly scheduled months a year",
                "Whatever the schedule, ask for collaborative planning time (rotating substitutes, library "
                "cover, volunteers, planning off site)",
                "Notice and build on the moments when a colleague sees what the library can do",
            ],
        ),
    ),
    RoadblockCategory.ADMINISTRATIVE_SUPPORT: Checklist(
        RoadblockCategory.ADMINISTRATIVE_SUPPORT,
        "Administrative support",
        _items(
            "admin",
            [
                "Give a supportive administrator public credit",
                "Make your own successes known",
                "Keep the principal informed with monthly reports, the collaboration log and copies of units",
                "Invite the principal to collaborative planning meetings",
                "Share articles on current good practice",
                "Read and discuss a professional book together and set shared goals",
                "Ask the principal to make collaboration a school-wide expectation",
                "Ask the principal to include collaboration in staff evaluations",
                "Ask the principal to cite good library collaborations when writing to staff",
                "Ask for in-service time to show staff what collaboration is and what it brings",
                "Offer to speak to the leadership team or the school board about what the library achieves",
            ],
        ),
    ),
    RoadblockCategory.OTHER: Checklist(
        RoadblockCategory.OTHER,
        "Other roadblocks",
        _items(
            "other",
            [
                "Name the roadblock precisely and who could help remove it",
                "Start small with one willing teacher and make the unit visible",
                "Notice and build on the moments when a colleague sees what the library can do",
            ],
        ),
    ),
}

STRATEGY_TEXTS: dict[str, str] = {
    item.key: item.text for checklist in STRATEGY_CHECKLISTS.values() for item in checklist.items
}
BENEFIT_TEXTS: dict[str, str] = {
    item.key: item.text for checklist in BENEFIT_CHECKLISTS for item in checklist.items
}


@dataclass(frozen=True)
class Definition:
    slug: str
    term: str
    text: str


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "collaborative-planning",
        "Collaborative planning",
        "Two or more equal partners set out to build a unit of study on content-area standards in one or "
        "more subjects together with information literacy standards. The unit is designed, taught and "
        "evaluated by the team.",
    ),
    Definition(
        "cooperation",
        "Cooperation",
        "Teacher and librarian work independently and come together only briefly, when it helps both. "
        "The relationship is loose.",
    ),
    Definition(
        "coordination",
        "Coordination",
        "A more formal working relationship, with a shared understanding of the mission. Teacher and "
        "librarian plan some things together and communicate more often.",
    ),
    Definition(
        "collaboration",
        "Collaboration",
        "A prolonged relationship in which each partner depends on the other. They share goals, have "
        "clearly defined roles and plan far more comprehensively.",
    ),
    Definition(
        "data-driven-collaboration",
        "Data-driven collaboration",
        "Collaboration whose comprehensive planning is based on evidence of what students know and can "
        "do, such as grade-level standardized assessment results.",
    ),
)
