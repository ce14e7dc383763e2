"""`make bench`, district part: the roll-up at district scale, beside the school pages, on PostgreSQL.

Builds (once, then reuses) its own database, `collabtrack_bench_district` (BENCH_DISTRICT_DATABASE_URL
overrides it): a district of 200 schools × 5 school years × 1,000 units = 1,000,000 units, each with a
teacher and a grade, every month's statistics, a quarter of the schools on August–May years; and a
district of 3 small schools. Rows go in with PostgreSQL COPY. Then it prints, as ratios to the bare
/about/ page in the same run: the roll-up for 200 schools (cache warm, and cold: every school's data
changed), a school's dashboard and annual summary; the queries of each at 3 schools and at 200; and the
district board PDF's first download (made by its job) and second (the kept file) at 3 and 200 schools.
It prints figures; it never asserts timings.
"""

import datetime as dt
import io
import os
import random
import statistics
import sys
import time

URL = os.environ.get(
    "BENCH_DISTRICT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/collabtrack_bench_district"
)
SCHOOLS, YEARS, UNITS_PER_YEAR, STAFF = 200, 5, 1000, 40
SMALL_SCHOOLS, SMALL_UNITS = 3, 100
AUGUST_MAY = {"first_month": 8, "last_month": 5}
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def _setup() -> None:
    from reports.bench import _ensure_database

    _ensure_database(URL)
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collabtrack.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


def _copy(cursor, table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples of str) into `table` in chunks; returns how many."""
    count, buffer = 0, io.StringIO()

    def flush():
        buffer.seek(0)
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        buffer.write("\t".join(row) + "\n")
        count += 1
        if count % 200_000 == 0:
            flush()
    flush()
    return count


def _unit_columns() -> tuple[list[str], dict]:
    """Every column of the unit table with the value a new unit gets (COPY sets no Django defaults)."""
    from units.models import Unit

    now = dt.datetime.now(dt.UTC).isoformat()
    columns, defaults = [], {}
    for field in Unit._meta.concrete_fields:
        if field.primary_key:
            continue
        default = field.get_default()
        value = "\\N" if default is None else str(default.value if hasattr(default, "value") else default)
        if isinstance(default, bool):
            value = "t" if default else "f"
        columns.append(field.column)
        defaults[field.column] = value
    defaults["created_at"] = defaults["updated_at"] = now
    return columns, defaults


def _build(today) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from collabtrack.models import District, DistrictMembership, Membership, Role, School, StaffMember
    from reports.models import MonthlyStatistics
    from units.models import Unit

    rng = random.Random(11)
    started = time.perf_counter()
    with transaction.atomic():
        big = District.objects.create(name="Bench district")
        small = District.objects.create(name="Bench small district")
        schools = School.objects.bulk_create(
            [
                School(name=f"District school {n:03d}", district=big, **(AUGUST_MAY if n % 4 == 3 else {}))
                for n in range(SCHOOLS)
            ]
            + [School(name=f"Small district school {n}", district=small) for n in range(SMALL_SCHOOLS)]
        )  # fmt: skip
        staff = StaffMember.objects.bulk_create(
            [StaffMember(school=s, name=f"Teacher {n:02d}") for s in schools for n in range(STAFF)],
            batch_size=5000,
        )  # fmt: skip
        staff_by_school: dict[int, list[int]] = {}
        for member in staff:
            staff_by_school.setdefault(member.school_id, []).append(member.pk)
        cursor = connection.cursor().cursor
        stats = []
        years_of = {}
        for school in schools:
            current = school.current_school_year(today)
            years = [current]
            for _ in range(YEARS - 1):
                years.append(years[-1].previous())
            years_of[school.pk] = years
            for year in years:
                for y, m in year.months():
                    days = rng.randint(15, 22)
                    circulation, classes = days * rng.randint(40, 120), rng.randint(20, 90)
                    stats.append(tuple(map(str, (school.pk, y, m, days, circulation, classes))))
        table = MonthlyStatistics._meta.db_table
        _copy(
            cursor, table, ["school_id", "year", "month", "days_open", "circulation", "classes_served"], stats
        )
        print(f"  schools, staff, {len(stats):,} months of statistics: {time.perf_counter() - started:.1f} s")

        columns, defaults = _unit_columns()
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM units_unit")
        first_id = next_id = cursor.fetchone()[0] + 1
        links, grades = [], []

        def units():
            nonlocal next_id
            for school in schools:
                per_year = SMALL_UNITS if school.district_id == small.pk else UNITS_PER_YEAR
                for year in years_of[school.pk]:
                    span = (year.end_date - year.start_date).days
                    for n in range(per_year):
                        values = dict(defaults, school_id=str(school.pk), title=f"Unit {n} {year}")
                        values["start_date"] = (
                            year.start_date + dt.timedelta(days=rng.randint(0, span))
                        ).isoformat()
                        values["level"] = str(rng.randint(1, 4))
                        links.append((str(next_id), str(rng.choice(staff_by_school[school.pk]))))
                        grades.append((str(next_id), str(rng.randint(1, 12))))
                        yield (str(next_id), *(values[column] for column in columns))
                        next_id += 1

        count = _copy(cursor, Unit._meta.db_table, ["id", *columns], units())
        cursor.execute("SELECT setval(pg_get_serial_sequence('units_unit', 'id'), %s)", [next_id - 1])
        print(f"  {count:,} units (ids {first_id}-{next_id - 1}): {time.perf_counter() - started:.1f} s")
        _copy(cursor, Unit.teachers.through._meta.db_table, ["unit_id", "staffmember_id"], links)
        _copy(cursor, Unit.grades.through._meta.db_table, ["unit_id", "grade_id"], grades)
        print(f"  teacher and grade links: {time.perf_counter() - started:.1f} s")
        User = get_user_model()
        for district, username in ((big, "bench-coordinator"), (small, "bench-coordinator-small")):
            DistrictMembership.objects.create(user=User.objects.create_user(username), district=district)
        for school, username in (
            (schools[0], "bench-district-principal"),
            (schools[-1], "bench-small-principal"),
        ):
            Membership.objects.create(
                user=User.objects.create_user(username), school=school, role=Role.PRINCIPAL
            )
    with connection.cursor() as analyze:
        analyze.execute("ANALYZE")
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)


def _client(username):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from collabtrack.access import SESSION_KEY

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    membership = user.memberships.first()
    if membership:
        session = client.session
        session[SESSION_KEY] = membership.school_id
        session.save()
    return client


def _time(client, url, runs, before=None) -> list[float]:
    client.get(url)
    samples = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def main() -> None:
    _setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db.models import F
    from django.urls import reverse
    from django.utils import timezone

    from collabtrack.models import District, School
    from units.models import Unit

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    if not District.objects.filter(name="Bench small district").exists():
        print(f"Building the district benchmark data set in {URL} (once) ...", flush=True)
        _build(today)
    else:
        print(f"Reusing the district benchmark data set in {URL}.")
    print(
        f"Load average {os.getloadavg()[0]:.1f}; {School.objects.count()} schools, "
        f"{Unit.objects.count():,} units"
    )
    year = School.objects.get(name="District school 000").current_school_year(today)
    pages = {
        "bare page (/about/)": reverse("about"),
        "district roll-up": reverse("district:rollup_year", args=[year.name]),
        "dashboard": reverse("reports:dashboard_year", args=[year.name]),
        "annual summary": reverse("reports:annual", args=[year.name]),
    }
    clients = {
        "large": {"district": _client("bench-coordinator"), "school": _client("bench-district-principal")},
        "small": {"district": _client("bench-coordinator-small"), "school": _client("bench-small-principal")},
    }
    from reports.bench import time_pages

    timed = time_pages(
        {
            label: (clients["large"]["district" if "district" in label else "school"], url)
            for label, url in pages.items()
        },
        RUNS,
    )
    results = {label: wall for label, (wall, _cpu) in timed.items()}
    cold = _time(clients["large"]["district"], pages["district roll-up"], 3, before=cache.clear)
    changed = School.objects.filter(name="District school 000")

    def one_school_changed():  # what the next load after a librarian's save finds
        changed.update(data_version=F("data_version") + 1)

    after_change = _time(
        clients["large"]["district"], pages["district roll-up"], 5, before=one_school_changed
    )
    # The principal of that school: their dashboard is computed afresh after each change.
    dashboard_changed = _time(clients["large"]["school"], pages["dashboard"], 5, before=one_school_changed)
    bare = statistics.median(results["bare page (/about/)"])
    print(f"\n{'page':36} {'median ms':>10} {'× bare':>7} {'queries@3 schools':>18} {'queries@200':>12}")
    for label, url in pages.items():
        kind = "district" if "district" in label else "school"
        median = statistics.median(results[label])
        clients["small"][kind].get(url)  # warm: kept pages (roll-up, dashboard) from the cache
        clients["large"][kind].get(url)
        small_q, large_q = _queries(clients["small"][kind], url), _queries(clients["large"][kind], url)
        print(f"{label:36} {median * 1000:10.1f} {median / bare:7.1f} {small_q:18d} {large_q:12d}")
    rollup = pages["district roll-up"]
    cold_q = []
    for size in ("small", "large"):
        cache.clear()
        cold_q.append(_queries(clients[size]["district"], rollup))
    median = statistics.median(cold)
    print(
        f"{'district roll-up, cold cache':36} {median * 1000:10.1f} {median / bare:7.1f} "
        f"{cold_q[0]:18d} {cold_q[1]:12d}"
    )
    median = statistics.median(after_change)
    print(f"{'district roll-up, 1 school changed':36} {median * 1000:10.1f} {median / bare:7.1f}")
    recomputed_q = []
    for size in ("small", "large"):
        school_id = clients[size]["school"].session["collabtrack_school_id"]
        School.objects.filter(pk=school_id).update(data_version=F("data_version") + 1)
        recomputed_q.append(_queries(clients[size]["school"], pages["dashboard"]))
    median = statistics.median(dashboard_changed)
    print(
        f"{'dashboard, its school changed':36} {median * 1000:10.1f} {median / bare:7.1f} "
        f"{recomputed_q[0]:18d} {recomputed_q[1]:12d}"
    )
    print("Targets: roll-up ≤ 4× the bare page, dashboard ≤ 2×, queries constant in schools and units.")
    from reports.bench_jobs import bench_kept_download

    pdf = reverse("district:rollup_pdf", args=[year.name])
    for size, schools in (("small", SMALL_SCHOOLS), ("large", SCHOOLS)):
        client = clients[size]["district"]
        owner = {"district__memberships__user_id": int(client.session["_auth_user_id"])}
        label = f"district PDF, {schools} schools"
        bench_kept_download(client, pdf, bare * 1000, label=label, kind="district_board_pdf", owner=owner)


if __name__ == "__main__":
    sys.exit(main())
