"""`make bench`, the background jobs (issue 13): a 10,000-row log import through a real worker process
(`manage.py run_huey`), the request that queues it, and the board PDF's first and second download as
ratios to the bare page (the first: the request that queues the job, the job, the file from the job's
page; the second: the kept file, while the school's data is unchanged).

Called by reports.bench.main() once Django is set up on the bench database. The queue is a SQLite file in
a temporary folder (set up by `queue_environment()` before Django starts), and MEDIA_ROOT too, so nothing
reaches the developer's own queue or files. It prints figures; it asserts only that each step worked.
"""

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT_ROWS = 10_000
KEPT_RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TEMP = Path(tempfile.mkdtemp(prefix="collabtrack-bench-"))


def queue_environment() -> dict:
    """Before django.setup(): a private SQLite queue and MEDIA_ROOT, shared with the worker process."""
    env = {
        "HUEY_SQLITE_PATH": str(TEMP / "huey.sqlite3"),
        "HUEY_NAME": "collabtrack-bench",
        "MEDIA_ROOT": str(TEMP / "media"),
    }
    os.environ.update(env)
    return env


def _log_csv(rows: int) -> bytes:
    lines = ["Date,Unit,Grades,Teachers,Level,Overview"]
    for n in range(rows):
        day = dt.date(2024, 9, 1) + dt.timedelta(days=n % 280)
        lines.append(f"{day:%Y-%m-%d},Unit {n},{6 + n % 3},Teacher {n % 40},{n % 3 + 1},Overview {n}")
    return ("\n".join(lines) + "\n").encode()


def _start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic", "--max-delay", "0.1"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=(TEMP / "worker.log").open("ab"),
        stderr=subprocess.STDOUT,
    )


def _cpu_seconds(pid: int) -> float | None:
    """A process's CPU time so far (user + system, Linux /proc), or None elsewhere: on a shared machine
    the worker's wall clock grows with everyone else's load, its CPU time much less."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_idle(pid: int, timeout: float = 60) -> None:
    """Until the worker has started (Django set up, queue polled): its CPU time stops growing."""
    deadline = time.monotonic() + timeout
    last = _cpu_seconds(pid)
    while last is not None and time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now is None or now - last < 0.05:
            return
        last = now


def _wait_done(job_id, worker: subprocess.Popen, timeout: float = 300) -> None:
    from collabtrack.models import Job, JobStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"the worker stopped; see {TEMP / 'worker.log'}")
        status = Job.objects.values_list("status", flat=True).get(pk=job_id)
        if status == JobStatus.DONE:
            return
        if status == JobStatus.FAILED:
            raise RuntimeError(Job.objects.get(pk=job_id).failure)
        time.sleep(0.02)
    raise TimeoutError(f"job {job_id} not done after {timeout} s; see {TEMP / 'worker.log'}")


def bench_import(env: dict, client_for) -> None:
    """A fresh school, a 10,000-row log uploaded and confirmed; the worker saves it. The school and its
    units are removed afterwards, so the bench database stays as it was."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from collabtrack.models import Job, Membership, Role, School
    from units.models import Unit

    school = School.objects.create(name=f"Bench import school {time.time_ns()}")
    user = get_user_model().objects.create_user(f"bench-importer-{school.pk}")
    Membership.objects.create(user=user, school=school, role=Role.LIBRARIAN)
    client = client_for(user)
    worker = _start_worker(env)
    try:
        log = SimpleUploadedFile("log.csv", _log_csv(IMPORT_ROWS))
        upload = client.post(reverse("data:log_upload"), {"file": log})
        assert upload.status_code == 302, upload.status_code
        confirm_url = upload["Location"] + "confirm/"
        _wait_idle(worker.pid)
        cpu_before = _cpu_seconds(worker.pid)
        started = time.perf_counter()
        response = client.post(confirm_url)
        queued_ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 302 and response["Location"].startswith("/jobs/"), response.status_code
        job_id = response["Location"].split("/")[2]
        _wait_done(job_id, worker)
        total = time.perf_counter() - started
        cpu_after = _cpu_seconds(worker.pid)
        worker_cpu = (
            f"; worker CPU {cpu_after - cpu_before:.2f} s" if None not in (cpu_before, cpu_after) else ""
        )
        job = Job.objects.get(pk=job_id)
        saved = Unit.objects.filter(school=school).count()
        assert saved == IMPORT_ROWS, saved
        in_worker = (job.finished_at - job.started_at).total_seconds()
        print(
            f"\n{IMPORT_ROWS:,}-row log import: the request that queues it {queued_ms:.0f} ms "
            f"(target ≤ 200 ms); in the worker {in_worker:.2f} s (target ≤ 5 s); "
            f"confirm to done {total:.2f} s{worker_cpu} (worker already running, SQLite queue; load "
            f"{os.getloadavg()[0]:.1f})"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        school.delete()
        user.delete()


def bench_board_pdf(env: dict, client, url: str, bare_ms: float) -> None:
    """The school's board PDF: first download (queue, job, file), then the kept file."""
    owner = {"school_id": client.session["collabtrack_school_id"]}
    bench_kept_download(client, url, bare_ms, label="board PDF", kind="board_pdf", owner=owner)


def bench_kept_download(client, url: str, bare_ms: float, *, label: str, kind: str, owner: dict) -> None:
    """A file made by a job: first download (queue, job, file) and then the kept file, each as a ratio to
    the bare page. `owner` filters the kept files and jobs to forget first (a school's, a district's)."""
    from collabtrack.jobs import execute_job
    from collabtrack.models import Job, KeptFile

    KeptFile.objects.filter(exporter=kind, **owner).delete()
    Job.objects.filter(kind=kind, **owner).delete()
    started = time.perf_counter()
    response = client.get(url)
    queued = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    job_id = response["Location"].split("/")[2]
    made_started = time.perf_counter()
    execute_job(job_id)  # what the worker runs, in this process so that the CPU time is ours to measure
    made = time.perf_counter() - made_started
    from django.urls import reverse

    fetch_started = time.perf_counter()
    download = client.get(reverse("jobs:download", args=[job_id]))
    assert download.status_code == 200
    b"".join(download.streaming_content)
    first = queued + made + (time.perf_counter() - fetch_started)

    second = []
    for _ in range(KEPT_RUNS):
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200, response.status_code  # the kept file, no job
        b"".join(response.streaming_content)
        second.append(time.perf_counter() - started)
    second_ms = statistics.median(second) * 1000
    print(
        f"{label}, first download: {first * 1000:,.0f} ms = {first * 1000 / bare_ms:.0f}× the bare page "
        f"(queue {queued * 1000:.0f} ms, job {made * 1000:,.0f} ms); second download (kept file): "
        f"{second_ms:.1f} ms median = {second_ms / bare_ms:.1f}× the bare page (target ≤ 2×)"
    )
