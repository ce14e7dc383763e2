"""`make bench`: how the report pages scale, measured on a large PostgreSQL data set.

Builds (once, then reuses) a separate database, `collabtrack_bench` by default (BENCH_DATABASE_URL
overrides it): 200 schools × 5 school years × 300 units ≈ 300,000 units with teachers, grades and
monthly statistics, plus one small school with 10 units. Then it prints, for one large school: median
and p95 time of the annual summary, the dashboard, the board PDF (and its peak memory) and the bare
/about/ page, each as a ratio to the bare page, and the queries of each page at 10 units and at the
large size. It prints figures; it never asserts timings (those depend on the machine).
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
import tracemalloc

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/collabtrack_bench"
)
SCHOOLS, YEARS, UNITS_PER_YEAR, STAFF_PER_SCHOOL = 200, 5, 300, 20
SMALL_SCHOOL_UNITS = 10
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
BATCH = 5000


def _ensure_database(url: str) -> None:
    """CREATE DATABASE if it does not exist (connecting to the server's `postgres` database)."""
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    connection = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def _setup_django() -> dict:
    from reports.bench_jobs import queue_environment

    queue_env = queue_environment()  # a private queue and MEDIA_ROOT, shared with the bench's worker
    os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collabtrack.settings")
    import django

    django.setup()
    from django.conf import settings

    # Logins here are forced, but building users should not cost the production hasher's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False  # no per-query bookkeeping in the timed runs
    # The worker runs as in production, with this process's key: it reads the files this process signs.
    production = {"DEBUG": "false", "SECRET_KEY": settings.SECRET_KEY, "ALLOWED_HOSTS": "localhost"}
    return queue_env | production | {"DATABASE_URL": BENCH_DATABASE_URL}


def _build(today) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from collabtrack.models import Grade, Membership, Role, School, StaffMember
    from reports.models import MonthlyStatistics
    from units.models import Unit

    rng = random.Random(42)
    grade_pks = [6, 7, 8]
    User = get_user_model()
    started = time.perf_counter()
    with transaction.atomic():
        schools = School.objects.bulk_create(
            [School(name=f"Bench school {n:03d}", principal_name="P. Bench", librarian_name="L. Bench")
             for n in range(SCHOOLS)]
            + [School(name="Bench small school")]
        )  # fmt: skip
        staff = StaffMember.objects.bulk_create(
            [
                StaffMember(school=school, name=f"Teacher {n:02d} of {school.pk}", title="Teacher")
                for school in schools
                for n in range(STAFF_PER_SCHOOL)
            ],
            batch_size=BATCH,
        )
        staff_by_school = {}
        for member in staff:
            staff_by_school.setdefault(member.school_id, []).append(member.pk)
        current = schools[0].current_school_year(today)
        years = [current]
        for _ in range(YEARS - 1):
            years.append(years[-1].previous())
        stats = []
        for school in schools:
            for year in years:
                for y, m in year.months():
                    stats.append(
                        MonthlyStatistics(
                            school=school, year=y, month=m, days_open=rng.randint(15, 22),
                            circulation=rng.randint(800, 2500), classes_served=rng.randint(30, 90),
                        )
                    )  # fmt: skip
        MonthlyStatistics.objects.bulk_create(stats, batch_size=BATCH)
        print(f"  schools, staff, statistics: {time.perf_counter() - started:.1f} s", flush=True)

        TeacherLink, GradeLink = Unit.teachers.through, Unit.grades.through
        for index, school in enumerate(schools):
            per_year = SMALL_SCHOOL_UNITS if school.name == "Bench small school" else UNITS_PER_YEAR
            units = []
            for year in years:
                span = (year.end_date - year.start_date).days
                for n in range(per_year if year == current or per_year == UNITS_PER_YEAR else 0):
                    start = year.start_date + dt.timedelta(days=rng.randint(0, span))
                    units.append(
                        Unit(
                            school=school, title=f"Unit {n} {year}", start_date=start, level=rng.randint(1, 4)
                        )
                    )
            units = Unit.objects.bulk_create(units, batch_size=BATCH)
            teachers = staff_by_school[school.pk]
            TeacherLink.objects.bulk_create(
                [
                    TeacherLink(unit_id=unit.pk, staffmember_id=teacher)
                    for unit in units
                    for teacher in rng.sample(teachers, rng.randint(1, 2))
                ],
                batch_size=BATCH,
            )
            GradeLink.objects.bulk_create(
                [GradeLink(unit_id=unit.pk, grade_id=rng.choice(grade_pks)) for unit in units],
                batch_size=BATCH,
            )
            if index % 50 == 0:
                print(f"  units of {index + 1} schools: {time.perf_counter() - started:.1f} s", flush=True)
        assert Grade.objects.filter(pk__in=grade_pks).count() == 3
        for school, username in ((schools[0], "bench-principal"), (schools[-1], "bench-small")):
            user = User.objects.create_user(username)
            Membership.objects.create(user=user, school=school, role=Role.PRINCIPAL)
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh planner statistics: without them PostgreSQL guesses that a filter on 300 unit ids
        # matches most of the 450,000 teacher links and scans the whole table.
        cursor.execute("ANALYZE")
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)


def _client(username_or_user):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from collabtrack.access import SESSION_KEY

    user = username_or_user
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = user.memberships.get().school_id
    session.save()
    return client


def _time(client, url, runs, before=None) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of this process per request. CPU time leaves out the database
    server and other processes, so it is the steadier figure on a shared machine. `before()` runs
    ahead of each timed request, untimed."""
    client.get(url)  # warm caches (templates, WeasyPrint import) before timing
    wall, cpu = [], []
    for _ in range(runs):
        if before:
            before()
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (url, response.status_code)
    return wall, cpu


def time_pages(requests: dict, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """{label: (wall, CPU seconds)} for {label: (client, url)}, requested in turn, one of each per round:
    a burst of load on this shared machine then slows every page alike instead of only the one being
    timed, so the ratios to the bare page hold better than its absolute times."""
    for client, url in requests.values():
        client.get(url)  # warm caches (templates, the dashboard kept) before timing
    samples = {label: ([], []) for label in requests}
    for _ in range(runs):
        for label, (client, url) in requests.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples[label][0].append(time.perf_counter() - started)
            samples[label][1].append(time.process_time() - started_cpu)
            assert response.status_code == 200, (url, response.status_code)
    return samples


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _p95(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _dashboard_after_change(url, large, small, bare, bare_cpu) -> None:
    """The dashboard is kept under the school's data version (reports/dashboard_cache.py): its first load
    after a librarian's save computes it afresh. Measured by moving the version before each request."""
    from django.db.models import F

    from collabtrack.models import School

    def changed(client):
        school_id = client.session["collabtrack_school_id"]
        return lambda: School.objects.filter(pk=school_id).update(data_version=F("data_version") + 1)

    wall, cpu = _time(large, url, RUNS, before=changed(large))
    median, median_cpu = statistics.median(wall), statistics.median(cpu)
    queries = []
    for client in (small, large):
        changed(client)()
        queries.append(_queries(client, url))
    label = "dashboard, recomputed"
    print(
        f"{label:22} {median * 1000:10.1f} {_p95(wall) * 1000:8.1f} {median / bare:7.1f} "
        f"{median_cpu * 1000:7.1f} {median_cpu / bare_cpu:11.1f} {queries[0]:11d} {queries[1]:14d}"
    )


def main() -> None:
    _ensure_database(BENCH_DATABASE_URL)
    print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (timings grow with it).")
    queue_env = _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone

    from collabtrack.models import School
    from units.models import Unit

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    if not School.objects.filter(name="Bench small school").exists():
        print(f"Building the benchmark data set in {BENCH_DATABASE_URL} (once) ...", flush=True)
        _build(today)
    else:
        print(f"Reusing the benchmark data set in {BENCH_DATABASE_URL}.")
    big = School.objects.get(name="Bench school 000")
    year = big.current_school_year(today)
    print(
        f"{School.objects.count()} schools, {Unit.objects.count():,} units; measuring {big.name}: "
        f"{Unit.objects.filter(school=big, start_date__range=(year.start_date, year.end_date)).count()} "
        f"units in {year}, {Unit.objects.filter(school=big).count():,} in all"
    )
    pages = {
        "bare page (/about/)": reverse("about"),
        "annual summary": reverse("reports:annual", args=[year.name]),
        "monthly report": reverse("reports:monthly", args=[year.start_year, year.first_month]),
        "dashboard": reverse("reports:dashboard_year", args=[year.name]),
    }
    board_pdf_url = reverse("reports:board_pdf", args=[year.name])
    large, small = _client("bench-principal"), _client("bench-small")
    from django.template import engines

    # Say what is measured: production's template settings (DEBUG off, cached loader), not development's.
    engine = engines["django"].engine
    loaders = ", ".join(loader.__class__.__module__.rsplit(".", 1)[1] for loader in engine.template_loaders)
    print(f"DEBUG {settings.DEBUG}, template debug {engine.debug}, template loaders: {loaders}")
    results = time_pages({label: (large, url) for label, url in pages.items()}, RUNS)
    bare, bare_cpu = (statistics.median(samples) for samples in results["bare page (/about/)"])
    print(
        f"\n{'page':22} {'median ms':>10} {'p95 ms':>8} {'× bare':>7} {'CPU ms':>7} {'CPU × bare':>11} "
        f"{'queries@10':>11} {'queries@large':>14}"
    )
    for label, url in pages.items():
        wall, cpu = results[label]
        median, median_cpu = statistics.median(wall), statistics.median(cpu)
        small.get(url)  # warm, as the large school's page is after its timed runs (the dashboard is kept)
        print(
            f"{label:22} {median * 1000:10.1f} {_p95(wall) * 1000:8.1f} {median / bare:7.1f} "
            f"{median_cpu * 1000:7.1f} {median_cpu / bare_cpu:11.1f} "
            f"{_queries(small, url):11d} {_queries(large, url):14d}"
        )
    _dashboard_after_change(pages["dashboard"], large, small, bare, bare_cpu)
    from reports.bench_jobs import bench_board_pdf, bench_import
    from reports.jobs import board_pdf_render

    bench_board_pdf(queue_env, large, board_pdf_url, bare * 1000)
    tracemalloc.start()
    board_pdf_render(big, {"school_year": year.name})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    import resource

    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nboard PDF peak Python memory (tracemalloc): {peak / 2**20:.1f} MiB; "
        f"process max RSS {max_rss:.0f} MiB"
    )
    bench_import(queue_env, _client)
    print(
        "Targets: dashboard ≤ 2× the bare page, queries constant, board PDF ≤ 1.5 s (issue 4), its second "
        "download ≤ 2×; 10,000-row import ≤ 5 s in the worker, the request queuing it ≤ 200 ms."
    )


if __name__ == "__main__":
    sys.exit(main())
