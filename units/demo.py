"""Demo units for `seed_demo`: two school years of a believable middle school's partnerships."""

import calendar
import datetime as dt
import random

from django.utils import timezone

from collabtrack.models import Grade
from taxonomy.levels import PartnershipLevel
from units.models import TestDataGap, Unit, UnitStatus

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
    _seed_year(demo.hillcrest, demo.users["other-librarian"], demo.staff["hillcrest"], current, 2, today)


def _seed_year(school, librarian, staff, school_year, per_month, today) -> None:
    rng = random.Random(f"{school.name}/{school_year.start_year}")
    grades = {grade.order: grade for grade in Grade.objects.all()}
    level_pool = [level for level, weight in LEVEL_WEIGHTS.items() for _ in range(weight)]
    for year, month in school_year.months():
        first_day = dt.date(year, month, 1)
        if first_day > today + dt.timedelta(days=62):
            break  # the current year has a few units planned ahead, not a whole invented future
        count = per_month if first_day <= today else 2
        for index in range(count):
            title, department = rng.choice(TOPICS) if school.name.startswith("River") else _elementary(rng)
            day = _school_day(rng, year, month)
            level = rng.choice(level_pool)
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
            unit, _ = Unit.objects.update_or_create(
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
