"""Demo units for `seed_demo`: two school years of a believable middle school's partnerships.

The collaborations (levels 3 and 4) get a complete plan — standards, duties, resources, gaps — so the unit
page and the unit PDF show the planning template filled in.
"""

import calendar
import datetime as dt
import random

from django.utils import timezone

from collabtrack.demo import upsert
from collabtrack.models import Grade
from units.levels import PartnershipLevel
from units.models import Duty, Resource, TestDataGap, Unit, UnitStatus
from units.standards import Indicator2007

# (title, department the unit belongs to)
TOPICS = [
    ("Cells and microscopes research", "Science"),
    ("Ecosystems field guide", "Science"),
    ("Renewable energy debate", "Science"),
    ("Forces and motion lab reports", "Science"),
    ("Personal narrative writing", "English language arts"),
    ("Poetry café", "English language arts"),
    ("Dystopian fiction book clubs", "English language arts"),
    ("Argumentative essay sources", "English language arts"),
    ("Myths and legends", "English language arts"),
    ("Ancient civilizations museum", "Social studies"),
    ("Immigration stories oral history", "Social studies"),
    ("Civil rights movement primary sources", "Social studies"),
    ("Local government and elections", "Social studies"),
    ("Statistics in the news", "Mathematics"),
    ("Math in architecture", "Mathematics"),
    ("Artists of the Harlem Renaissance", "Visual arts"),
    ("Music around the world", "Music"),
    ("Nutrition and media literacy", "Health and PE"),
    ("Newcomer picture-book bridge", "English as a new language"),
    ("Assistive tools for reading", "Special education"),
]
LEVEL_WEIGHTS = {1: 5, 2: 6, 3: 6, 4: 3}
GAPS = [
    ("Reading", "Cites textual evidence to support analysis (state test: 58% proficient)"),
    ("Science", "Evaluates the credibility of sources (benchmark: 41% proficient)"),
    ("Writing", "Integrates information from several sources without plagiarism"),
    ("Mathematics", "Interprets data displays and statistical claims"),
]


def seed_units(demo) -> None:
    today = timezone.localdate()
    school = demo.riverbend
    librarian = demo.users["librarian"]
    current = school.current_school_year(today)
    for school_year, per_month in ((current.previous(), 5), (current, 6)):
        _seed_year(school, librarian, demo.staff["riverbend"], school_year, per_month, today)
    for school_year in (current.previous(), current):
        _seed_year(
            demo.hillcrest, demo.users["other-librarian"], demo.staff["hillcrest"], school_year, 2, today
        )
    # The district's other schools, of other sizes, each over its own months (Lakeside: August-May).
    for key, per_month in (("high", 4), ("lakeside", 1)):
        school = demo.others[key]
        this_year = school.current_school_year(today)
        for school_year in (this_year.previous(), this_year):
            _seed_year(school, None, demo.staff[key], school_year, per_month, today)


def _seed_year(school, librarian, staff, school_year, per_month, today) -> None:
    rng = random.Random(f"{school.name}/{school_year.start_year}")
    grades = {grade.order: grade for grade in Grade.objects.all()}
    level_pool = [level for level, weight in LEVEL_WEIGHTS.items() for _ in range(weight)]
    seeded = set()  # (title, day): a unit is looked up by both, so a second draw would overwrite the first
    for year, month in school_year.months():
        first_day = dt.date(year, month, 1)
        if first_day > today + dt.timedelta(days=62):
            break  # the current year has a few units planned ahead, not a whole invented future
        count = per_month if first_day <= today else 2
        for index in range(count):
            title, department = _elementary(rng) if "Elementary" in school.name else rng.choice(TOPICS)
            day = _school_day(rng, year, month)
            level = rng.choice(level_pool)
            if (title, day) in seeded:
                continue
            seeded.add((title, day))
            partners = [p for p in staff if p.department == department] or [rng.choice(staff)]
            if index % 3 == 0 and staff[0] not in partners:
                partners.append(staff[0])  # the `teacher` login partners on several units
            status = (
                UnitStatus.PLANNED
                if day > today
                else UnitStatus.COMPLETED
                if (today - day).days > 30
                else UnitStatus.IN_PROGRESS
            )
            unit, _ = upsert(
                Unit.all_objects,
                school=school,
                title=title,
                start_date=day,
                defaults={
                    "librarian": librarian,
                    "end_date": day + dt.timedelta(days=rng.choice([5, 10, 14, 21])),
                    "level": level,
                    "status": status,
                },
            )
            unit.teachers.set(partners)
            taught = {g.order for p in partners for g in p.grades.all()} or {6}
            unit.grades.set([grades[order] for order in sorted(taught)])
            if level == PartnershipLevel.DATA_DRIVEN and not unit.gaps.exists():
                area, indicator = GAPS[index % len(GAPS)]
                TestDataGap.objects.create(unit=unit, content_area=area, performance_indicator=indicator)
            if level >= PartnershipLevel.COLLABORATION:
                _complete_plan(unit, department, rng)


def _elementary(rng):
    return rng.choice(
        [
            ("Animal habitats", "Elementary"),
            ("Fairy tales around the world", "Elementary"),
            ("Weather", "Elementary"),
        ]
    )


def _school_day(rng, year, month) -> dt.date:
    days = [
        dt.date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).weekday() < 5
    ]
    return rng.choice(days)


CONTENT_STANDARDS = {
    "Science": "MS-LS2-1. Analyze and interpret data on how resources affect organisms and populations.\n"
    "MS-LS2-4. Construct an argument, supported by evidence, about changes in an ecosystem.",
    "English language arts": "RL.7.1. Cite several pieces of textual evidence to support an analysis.\n"
    "W.7.8. Gather information from several print and digital sources; assess each source's credibility.",
    "Social studies": "7.2. Use primary and secondary sources to explain an event from several viewpoints.\n"
    "7.4. Evaluate the credibility of a historical source.",
    "Mathematics": "7.SP.1. Use statistics to learn about a population from a sample.\n"
    "7.SP.2. Use data from a random sample to draw inferences about a population.",
}
RESOURCES = [
    ("print", "Kids Discover editors. Ecosystems and Habitats. Kids Discover, 2019."),
    ("print", "Freedman, Russell. Freedom Walkers. Holiday House, 2006."),
    ("electronic", "Britannica School: Middle. Encyclopaedia Britannica, 2025.", "https://school.eb.com/"),
    ("electronic", "Gale In Context: Middle School. Gale, 2025.", "https://www.gale.com/"),
    ("audiovisual", "Crash Course Kids. Video series. Complexly, 2015–2016."),
    ("equipment", "Class set of Chromebooks and two document cameras from the library."),
]
AASL_NUMBERS = [
    "1.1.1",
    "1.1.4",
    "1.1.5",
    "1.1.8",
    "1.2.2",
    "2.1.1",
    "2.1.3",
    "2.1.6",
    "3.1.2",
    "3.1.3",
    "4.1.8",
]


def _complete_plan(unit: Unit, department: str, rng: random.Random) -> None:
    """Fill every section of the template; duties and resources are replaced, so a rerun changes nothing."""
    Unit.all_objects.filter(pk=unit.pk).update(
        overview=(
            f"Students investigate {unit.title.lower()} with the librarian and the classroom teacher: they "
            "ask their own questions, search and judge sources, take notes with an organizer, and share what "
            "they learned with an audience beyond the class."
        ),
        content_standards=CONTENT_STANDARDS.get(department, CONTENT_STANDARDS["English language arts"]),
        learning_product="A presentation or illustrated guide, shared at a library showcase.",
        assessment_what="Research process (notes, sources) and the final product.",
        assessment_who="The teacher grades content; the librarian assesses sources and citations.",
        assessment_how="A shared rubric and a source checklist (attached to the plan).",
        adaptations_challenged="Partly completed organizers; audio versions of key texts.",
        adaptations_gifted="A second, more demanding question with a primary source.",
        adaptations_ell="Bilingual glossaries; sources at several reading levels; sentence frames.",
        adaptations_learning_styles="Choice of product: poster, podcast, or slide show.",
    )
    unit.standards_2007.set(Indicator2007.objects.filter(number__in=rng.sample(AASL_NUMBERS, 3)))
    addresses_gap = unit.gaps.exists()
    unit.duties.all().delete()
    duties = [
        (
            "librarian",
            "Co-plan the unit and gather print and electronic sources at several reading levels",
            False,
        ),
        (
            "librarian",
            "Teach how to judge a source's credibility, with the class's own search results",
            addresses_gap,
        ),
        ("teacher", "Introduce the unit's content and guide the students' questions", False),
        ("teacher", "Grade the products for content with the shared rubric", False),
        ("both", "Confer with student groups during research and review their notes", addresses_gap),
    ]
    Duty.objects.bulk_create(
        Duty(unit=unit, owner=owner, description=text, addresses_gap=gap, order=index)
        for index, (owner, text, gap) in enumerate(duties)
    )
    unit.resources.all().delete()
    Resource.objects.bulk_create(
        Resource(unit=unit, kind=row[0], citation=row[1], url=row[2] if len(row) > 2 else "", order=index)
        for index, row in enumerate(RESOURCES)
    )
