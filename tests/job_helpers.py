"""Running queued jobs in a test without a worker: what the worker does, as a plain function
(collabtrack.jobs.execute_job). The real worker process is exercised in tests/jobs/."""

from django.urls import reverse

from collabtrack.jobs import execute_job
from collabtrack.kept_files import kept_file_store
from collabtrack.models import Job, JobStatus


def run_queued_jobs() -> list[Job]:
    queued = Job.objects.filter(status=JobStatus.QUEUED).order_by("created_at").values_list("pk", flat=True)
    return [job for job in (execute_job(pk) for pk in list(queued)) if job is not None]


def job_of(response) -> Job:
    """The job a response redirected to (its status page)."""
    assert response.status_code == 302 and response["Location"].startswith("/jobs/"), (
        f"expected a redirect to a job's page, got {response.status_code} {response.get('Location')}"
    )
    return Job.objects.get(pk=response["Location"].split("/")[2])


def finish_job(client, response):
    """After a request that queued a job: run it, then answer the job's page as the person sees it."""
    job_of(response)
    run_queued_jobs()
    return client.get(response["Location"])


def download(client, url: str):
    """A generated file's link: the kept file at once, or (first time) the job that makes it, run here,
    then the file from the job's page."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith("/jobs/"):
        job = job_of(response)
        run_queued_jobs()
        return client.get(reverse("jobs:download", args=[job.pk]))
    return response


def finished_board_pdf_job(school, user) -> Job:
    """A done board PDF job of `user` with its kept file on disk (MEDIA_ROOT must be a test folder)."""
    kept = kept_file_store(
        owner=school,
        exporter="board_pdf",
        parameters="school_year=2025-26",
        data_version=school.data_version,
        filename="board-report-2025-26.pdf",
        mimetype="application/pdf",
        content=b"%PDF-1.7 test",
    )
    return Job.objects.create(
        school=school,
        user=user,
        kind="board_pdf",
        parameters={"school_year": "2025-26"},
        status=JobStatus.DONE,
        result_file=kept,
    )
