"""Demo reflections for `seed_demo`: Maya Okafor's growth over two school years. Idempotent: rows are found
by their author and date, so running it again updates them instead of adding more."""

import datetime as dt

from django.utils import timezone

from taxonomy.checklists import RoadblockCategory
from taxonomy.models import (
    ActionItem,
    BenefitsReflection,
    Roadblock,
    RoadblocksReflection,
    TaxonomyReflection,
)

SELF_ASSESSMENTS = [
    # (school year offset, days after the year's first day, level, working well, success, needed)
    (
        -1,
        40,
        5,
        "Teachers drop by to book the library and we agree on materials in a quick chat.",
        "The grade 6 science team asked me to pull resources for every unit this fall.",
        "Time to plan properly with at least one team, not just in the hallway.",
    ),
    (
        -1,
        250,
        6,
        "I meet the science and social studies teams before their units and prepare resources ahead.",
        "The civil rights primary-source unit: we planned it together in two meetings.",
        "Get invited to grade-level meetings and show the staff what co-taught units look like.",
    ),
    (
        0,
        60,
        7,
        "I presented two co-taught units at the staff meeting and three teachers asked to plan with me.",
        "Our first data-driven unit, planned from the reading benchmark results with the grade 7 team.",
        "A common planning period with the grade teams and the principal's backing for flexible scheduling.",
    ),
]


def seed_reflections(demo) -> None:
    school = demo.riverbend
    author = demo.users["librarian"]
    today = timezone.localdate()
    current = school.current_school_year(today)
    years = {0: current, -1: current.previous()}
    owner = {"school": school, "author": author}
    for offset, days, level, working_well, success, needed in SELF_ASSESSMENTS:
        day = min(years[offset].start_date + dt.timedelta(days=days), today)
        TaxonomyReflection.objects.update_or_create(
            **owner,
            reflected_on=day,
            defaults={
                "level": level,
                "working_well": working_well,
                "greatest_success": success,
                "next_level_needs": needed,
                # The latest one is shared so the principal's demo has something to read.
                "shared_with_principal": offset == 0,
            },
        )
    day = min(current.start_date + dt.timedelta(days=30), today)
    BenefitsReflection.objects.update_or_create(
        **owner,
        reflected_on=day,
        defaults={
            "teachers": "They get a second teacher in the room and resources checked before the unit starts.",
            "librarians": "I see students' work through a whole unit instead of one lesson.",
            "students": "Two teachers' styles and far better sources in their research.",
            "test_data": "Start each unit from the benchmark gap the team chose, then check it again.",
            "benefits_seen": ["teachers-1", "teachers-7", "teachers-12", "librarians-2", "students-4"],
        },
    )
    reflection, _ = RoadblocksReflection.objects.update_or_create(
        **owner, reflected_on=day, defaults={"shared_with_principal": True}
    )
    roadblocks = [
        (
            RoadblockCategory.SCHEDULING,
            "Grade 8 has no common planning time with the library: every team meets while I teach.",
            "Ask for one rotating substitute day a month for planning.",
        ),
        (
            RoadblockCategory.SCHOOL_CULTURE,
            "Some teachers still see the library as a place to send classes, not as a teaching partner.",
            "Start with the teachers who already plan with me and make their units visible.",
        ),
    ]
    for position, (category, explanation, solution) in enumerate(roadblocks, start=1):
        Roadblock.objects.update_or_create(
            reflection=reflection,
            position=position,
            defaults={"category": category, "explanation": explanation, "potential_solution": solution},
        )
    actions = [
        (
            RoadblockCategory.SCHEDULING,
            "scheduling-2",
            "Sit on the team that plans next year's timetable",
            20,
            12,
        ),
        (
            RoadblockCategory.SCHOOL_CULTURE,
            "culture-5",
            "Go to the grade 8 team meeting every other week",
            45,
            None,
        ),
        (
            RoadblockCategory.SCHOOL_CULTURE,
            "",
            "Show the poetry café unit at the December staff meeting",
            75,
            None,
        ),
    ]
    for category, strategy, text, due_days, done_days in actions:
        ActionItem.objects.update_or_create(
            reflection=reflection,
            text=text,
            defaults={
                "category": category,
                "strategy": strategy,
                "due_on": day + dt.timedelta(days=due_days),
                "done_on": min(day + dt.timedelta(days=done_days), today) if done_days else None,
            },
        )
