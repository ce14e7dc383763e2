"""Demo library statistics for `seed_demo`: every month of the school year so far."""

import calendar
import datetime as dt
import random

from django.utils import timezone

from collabtrack.demo import upsert
from reports.models import MonthlyStatistics


def seed_statistics(demo) -> None:
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    schools = [(demo.riverbend, 1.0), (demo.hillcrest, 0.6)]
    schools += [(demo.others["high"], 1.8), (demo.others["lakeside"], 0.4)] if demo.others else []
    for school, scale in schools:
        current = school.current_school_year(today)
        for school_year in (current.previous(), current):
            rng = random.Random(f"stats/{school.name}/{school_year.start_year}")
            for year, month in school_year.months():
                if dt.date(year, month, 1) > today:
                    break
                if school == demo.others.get("high") and dt.date(year, month, 1) == last_month:
                    continue  # the district's roll-up shows whom to ask for last month's figures
                days_open = _weekdays(year, month, until=today) - rng.choice([0, 1, 2])
                daily = rng.uniform(70, 105) * scale
                upsert(
                    MonthlyStatistics.objects,
                    school=school,
                    year=year,
                    month=month,
                    defaults={
                        "days_open": max(days_open, 0),
                        "circulation": round(daily * max(days_open, 0)),
                        "classes_served": round(rng.uniform(2.2, 3.6) * max(days_open, 0) * scale),
                    },
                )


def _weekdays(year, month, until) -> int:
    last = calendar.monthrange(year, month)[1]
    return sum(
        1
        for d in range(1, last + 1)
        if dt.date(year, month, d).weekday() < 5 and dt.date(year, month, d) <= until
    )
