"""The Huey tasks of the core (found by `manage.py run_huey`, which imports every app's tasks.py).

Each is a thin wrapper around a plain function in collabtrack/jobs.py or collabtrack/kept_files.py,
which the tests call directly; the worker tests run these through a real `run_huey` process.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from collabtrack.jobs import execute_job, sweep_stale_jobs
from collabtrack.kept_files import kept_files_cleanup


@db_task()
def run_job(job_id: str) -> None:
    execute_job(job_id)


@db_periodic_task(crontab(minute="*"))
def sweep_jobs() -> None:
    """Every minute: jobs whose worker was killed are queued again (or failed after three tries)."""
    sweep_stale_jobs()


@db_periodic_task(crontab(minute="17", hour="3"))
def clean_kept_files() -> None:
    """Every night at 03:17 UTC (Huey keeps its clock in UTC): kept files no longer used are removed."""
    kept_files_cleanup()
