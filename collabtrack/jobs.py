"""Work done off the request: a Job row says what was asked, by whom, and how it went; the worker runs it.

The apps above collabtrack register a handler per kind of job in their AppConfig.ready():

    jobs.register("log_import", title="Importing the collaboration log", handler=log_import_job)
    jobs.register_export("board_pdf", title="Making the board report (PDF)", render=board_pdf_render)

A handler is a plain function `handler(job, progress) -> JobOutcome`, testable without a worker; the Huey
task in collabtrack/tasks.py only calls `execute_job(job_id)`. A handler that refuses the work raises
JobRefused with a message for the librarian; any other exception fails the job with a worded message,
and the traceback goes to the worker's log only.

Progress and the heartbeat are written to the queue's own store (Huey's key-value data: the SQLite queue
file or Redis), not to the database: an import saves everything in one transaction, and a progress row
written inside it would be invisible until the end (and, on SQLite, would wait for the same write lock).
A worker killed mid-job stops beating; `sweep_stale_jobs` (every minute) queues such a job again, or
fails it after MAX_ATTEMPTS, so no job stays "running" for ever.
"""

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from collabtrack.dataversion import data_version_of
from collabtrack.kept_files import kept_file_find, kept_file_store
from collabtrack.models import District, Job, JobStatus, KeptFile, School, owner_fields
from collabtrack.pdf import pdf_steps

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A job that met a busy or lost database runs again after this many seconds.
RETRY_DELAY_SECONDS = 10
HEARTBEAT_SECONDS = 5
STALE_AFTER_SECONDS = 60
# Progress is written at most this often: a 10,000-row import reports in steps, not per row.
PROGRESS_INTERVAL_SECONDS = 0.25


class JobRefused(Exception):
    """The handler refuses the work; the message is shown to the person as it is."""


@dataclass(frozen=True)
class JobOutcome:
    message: str = ""
    kept_file: KeptFile | None = None
    url: str = ""


@dataclass(frozen=True)
class JobKind:
    identifier: str
    title: str  # what the status page says is happening: "Importing the collaboration log"
    handler: Callable[["Job", "Progress"], JobOutcome]
    # Where the person goes back to (a URL name, reversed with the job's parameters by the page), and the
    # link's words: "Back to the board report", so the link says where it goes.
    back_url: Callable[[Job], str] | None = None
    back_label: str = "Back"


_KINDS: dict[str, JobKind] = {}


def register(
    identifier: str,
    *,
    title: str,
    handler: Callable[[Job, "Progress"], JobOutcome],
    back_url: Callable[[Job], str] | None = None,
    back_label: str = "Back",
) -> None:
    _KINDS[identifier] = JobKind(identifier, title, handler, back_url, back_label)


def register_export(
    identifier: str,
    *,
    title: str,
    render: Callable[[School | District, dict], tuple[str, str, bytes]],
    back_url: Callable[[Job], str] | None = None,
    back_label: str = "Back",
) -> None:
    """A job that makes a file with `render(owner, parameters) -> (filename, mimetype, bytes)` and keeps
    it, keyed by the data version of its owner (the job's school, or its district for a district file),
    so the next request for the same file reuses it."""

    def handler(job: Job, progress: "Progress") -> JobOutcome:
        owner = job.owner
        parameters = export_key(job.parameters)
        # The version is read before the data: a change made while rendering files this one under the old
        # version, which is never asked for again.
        version = data_version_of(owner)
        kept = kept_file_find(owner=owner, exporter=identifier, parameters=parameters, data_version=version)
        if kept is None:
            progress(0, None, "Gathering what goes in the file")
            with pdf_steps(progress):  # a PDF says how far its layout is
                filename, mimetype, content = render(owner, job.parameters)
            kept = kept_file_store(
                owner=owner,
                exporter=identifier,
                parameters=parameters,
                data_version=version,
                filename=filename,
                mimetype=mimetype,
                content=content,
            )
        return JobOutcome(message=f"{kept.filename} is ready.", kept_file=kept)

    register(identifier, title=title, handler=handler, back_url=back_url, back_label=back_label)


def export_key(parameters: dict) -> str:
    return "&".join(f"{key}={parameters[key]}" for key in sorted(parameters))


def kind_of(job: Job) -> JobKind | None:
    return _KINDS.get(job.kind)


# --- Asking for a job ---------------------------------------------------------------------------


def job_queue(*, owner: School | District, user, kind: str, parameters: dict | None = None) -> Job:
    """Create a job of a school (or a district: the district board PDF) and put it on the queue once the
    request's transaction commits. The same unfinished job of the same person is returned instead of a
    second one (a double click, a second tab)."""
    if kind not in _KINDS:
        raise KeyError(f"No job handler is registered for {kind!r}.")
    parameters = parameters or {}
    owned = owner_fields(owner)
    unfinished = Job.objects.filter(
        **owned, user=user, kind=kind, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    )
    for job in unfinished:
        if job.parameters == parameters:
            return job
    job = Job.objects.create(**owned, user=user, kind=kind, parameters=parameters)
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def job_retry(job: Job) -> bool:
    """Queue a failed job again (the "Try again" button); False when it is not failed."""
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, failure="", started_at=None, finished_at=None, attempts=0
    )
    if updated:
        transaction.on_commit(lambda: enqueue(job.pk))
    return bool(updated)


def enqueue(job_id, *, delay: float | None = None) -> None:
    from collabtrack.tasks import run_job

    try:
        if delay:
            run_job.schedule((str(job_id),), delay=delay)
        else:
            run_job(str(job_id))
    except Exception:
        # The job stays queued; the sweep puts it on the queue again once the queue is back.
        logger.exception("Could not put job %s on the queue", job_id)


# --- Progress -----------------------------------------------------------------------------------


def _progress_key(job_id) -> str:
    return f"collabtrack.job.{job_id}"


def _store():
    from huey.contrib.djhuey import HUEY

    return HUEY


class Progress:
    """progress(done, total, step): how far the job is, for the status page; also the heartbeat."""

    def __init__(self, job: Job):
        self.job_id = job.pk
        self.done, self.total, self.step = 0, None, ""
        self._written = 0.0

    def __call__(self, done: int, total: int | None = None, step: str = "") -> None:
        self.done, self.total = done, total if total is not None else self.total
        self.step = step or self.step
        finished = self.total is not None and done >= self.total
        if finished or time.monotonic() - self._written >= PROGRESS_INTERVAL_SECONDS:
            self.beat()

    def beat(self) -> None:
        self._written = time.monotonic()
        state = {"done": self.done, "total": self.total, "step": self.step, "beat": time.time()}
        _store().put(_progress_key(self.job_id), state)

    def clear(self) -> None:
        _store().delete(_progress_key(self.job_id))


def live_progress(job: Job) -> dict | None:
    """The running job's last progress and heartbeat, as the worker wrote them (None when unknown)."""
    try:
        return _store().get(_progress_key(job.pk), peek=True)
    except Exception:  # the queue's store is unreachable: the page still answers, without progress
        logger.exception("Could not read the progress of job %s", job.pk)
        return None


class _Heartbeat:
    """Beats while the handler works, so a long single step (a PDF) does not look like a dead worker."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"heartbeat-{progress.job_id}")

    def _run(self):
        while not self.stop.wait(HEARTBEAT_SECONDS):
            try:
                self.progress.beat()
            except Exception:
                logger.exception("Heartbeat of job %s failed", self.progress.job_id)

    def __enter__(self):
        self.progress.beat()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


# --- Running a job (in the worker) --------------------------------------------------------------


def _generic_failure(kind: JobKind | None) -> str:
    what = kind.title.lower() if kind else "this work"
    return (
        f"Something went wrong while {what}, and it stopped. Nothing was changed. Try again; if it "
        "fails again, tell whoever looks after CollabTrack for your district."
    )


def execute_job(job_id) -> Job | None:
    """Run one queued job: mark it running, call its handler, keep the outcome or the failure.

    Only a queued job starts, so a second message for the same job (after a retry or a sweep) is skipped."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), finished_at=None, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    job = Job.objects.select_related("school", "district", "user").get(pk=job_id)
    kind = kind_of(job)
    progress = Progress(job)
    try:
        if kind is None:
            raise JobRefused("This kind of work is no longer done by CollabTrack.")
        with _Heartbeat(progress):
            outcome = kind.handler(job, progress)
    except JobRefused as refusal:
        _finish(job, progress, JobStatus.FAILED, failure=str(refusal))
    except (OperationalError, InterfaceError):
        # The database was busy (SQLite's write lock) or its connection dropped: the handler's transaction
        # saved nothing, so the same job simply runs again a little later, up to MAX_ATTEMPTS times.
        logger.warning(
            "Job %s (%s) met a database error; attempt %s", job.pk, job.kind, job.attempts, exc_info=True
        )
        if job.attempts >= MAX_ATTEMPTS:
            _finish(job, progress, JobStatus.FAILED, failure=_generic_failure(kind))
        else:
            Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, step="Waiting to try again")
            enqueue(job.pk, delay=RETRY_DELAY_SECONDS)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, progress, JobStatus.FAILED, failure=_generic_failure(kind))
    else:
        _finish(job, progress, JobStatus.DONE, outcome=outcome)
    progress.clear()
    return job


def _finish(job: Job, progress: Progress, status: str, *, failure: str = "", outcome=None) -> None:
    job.status, job.failure, job.finished_at = status, failure, timezone.now()
    job.progress_done, job.progress_total, job.step = progress.done, progress.total, progress.step[:120]
    if outcome is not None:
        job.result_file, job.result_url = outcome.kept_file, outcome.url
        job.result_message = outcome.message[:500]
    job.save(
        update_fields=[
            "status",
            "failure",
            "finished_at",
            "progress_done",
            "progress_total",
            "step",
            "result_file",
            "result_url",
            "result_message",
        ]
    )


# --- Jobs whose worker died ---------------------------------------------------------------------


def sweep_stale_jobs(*, stale_after: float = STALE_AFTER_SECONDS) -> tuple[int, int]:
    """Queue again the running jobs whose worker stopped beating (killed, machine restarted), or fail
    them after MAX_ATTEMPTS; put queued jobs whose message was lost back on the queue.
    Returns (queued again, failed)."""
    now = time.time()
    requeued = failed = 0
    for job in Job.objects.filter(status=JobStatus.RUNNING).select_related(None):
        state = live_progress(job) or {}
        last_beat = state.get("beat") or (job.started_at.timestamp() if job.started_at else 0)
        if now - last_beat < stale_after:
            continue
        if job.attempts >= MAX_ATTEMPTS:
            failure = (
                "The worker doing this stopped in the middle, several times, so it was given up. Nothing "
                "was changed. Try again; if it stops again, tell whoever looks after CollabTrack."
            )
            if Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.FAILED, failure=failure, finished_at=timezone.now()
            ):
                failed += 1
        elif Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(status=JobStatus.QUEUED):
            requeued += 1
            enqueue(job.pk)
    # A job queued long ago while the queue is empty lost its message (the queue was down when it was
    # asked for): queue it again. A job skipped this way twice runs once (execute_job claims it).
    lost_before = timezone.now() - dt.timedelta(minutes=10)
    waiting = Job.objects.filter(status=JobStatus.QUEUED, created_at__lt=lost_before)
    if waiting.exists() and _store().pending_count() == 0:
        for job_id in waiting.values_list("pk", flat=True):
            enqueue(job_id)
    return requeued, failed
