"""A job's page: waiting / running with progress / the file or the result / why it failed and "Try again".

A job belongs to its school and to the person who asked for it: anyone else, a colleague of the same
school included, gets 404. A district's job (the district board PDF) belongs likewise to its district and
to the coordinator who asked for it, while they still coordinate that district; the pages do not need a
school chosen for it. The page refreshes itself through static/js/job-status.js (no inline script:
the CSP stays strict), which polls the JSON twin of the page; without JavaScript a "Refresh" link does.
"""

from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from collabtrack.jobs import export_key, job_queue, job_retry, kind_of, live_progress
from collabtrack.kept_files import kept_file_find, kept_file_response
from collabtrack.models import District, DistrictMembership, Job, JobStatus, School


def get_job_for_user(request, job_id) -> Job:
    """The job, if it is this person's in the school they act in, or in a district they coordinate;
    404 otherwise (a job of another school the person belongs to waits until they act in that school)."""
    coordinated = DistrictMembership.objects.filter(user=request.user).values("district")
    mine = Q(school__isnull=True, district__in=coordinated)
    if request.membership:
        mine |= Q(school=request.membership.school)
    jobs = Job.objects.filter(mine, user=request.user)
    return get_object_or_404(jobs.select_related("result_file"), pk=job_id)


def job_state(job: Job) -> dict:
    """What the page and its JSON say about the job, progress included."""
    done, total, step = job.progress_done, job.progress_total, job.step
    if job.status == JobStatus.RUNNING:
        live = live_progress(job) or {}
        done, total, step = live.get("done", done), live.get("total", total), live.get("step", step)
    kind = kind_of(job)
    state = {
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.finished,
        "title": kind.title if kind else job.kind,
        "done": done,
        "total": total,
        "step": step,
        "message": job.result_message,
        "failure": job.failure,
        "file_url": reverse("jobs:download", args=[job.pk]) if job.result_file_id else "",
        "file_name": job.result_file.filename if job.result_file_id else "",
        "result_url": job.result_url,
    }
    state["summary"] = _summary(state)
    return state


def _summary(state: dict) -> str:
    """One sentence for the live region: what a screen reader announces when it changes."""
    if state["status"] == JobStatus.QUEUED:
        return "Waiting for the worker to start."
    if state["status"] == JobStatus.RUNNING:
        if state["total"]:  # the step names what is counted: "1,200 of 10,000 rows saved."
            return f"{state['done']:,} of {state['total']:,} {state['step'] or 'steps done'}."
        return f"{state['step'] or 'Working'}…"
    if state["status"] == JobStatus.DONE:
        return state["message"] or "Done."
    return f"Failed: {state['failure']}"


@require_GET
def job_status(request, job_id):
    job = get_job_for_user(request, job_id)
    kind = kind_of(job)
    context = {
        "job": job,
        "state": job_state(job),
        "back_url": kind.back_url(job) if kind and kind.back_url else "",
        "back_label": kind.back_label if kind else "Back",
    }
    return render(request, "collabtrack/job_status.html", context)


@require_GET
def job_status_json(request, job_id):
    return JsonResponse(job_state(get_job_for_user(request, job_id)))


@require_GET
def job_download(request, job_id):
    job = get_job_for_user(request, job_id)
    if job.result_file is None:
        raise Http404("This file is no longer kept; ask for it again from its page.")
    return kept_file_response(job.result_file)


@require_POST
def job_retry_view(request, job_id):
    job = get_job_for_user(request, job_id)
    job_retry(job)
    return redirect("jobs:status", job_id=job.pk)


def kept_file_or_job(request, exporter: str, parameters: dict, *, owner: School | District | None = None):
    """A generated file's download: the kept file when its owner's data (the school the person acts in,
    or `owner`) has not changed since it was made (as cheap as a page), else a job that makes it, and the
    job's page. The caller has checked that the person may have the file."""
    owner = owner or request.membership.school
    kept = kept_file_find(owner=owner, exporter=exporter, parameters=export_key(parameters))
    if kept is not None:
        return kept_file_response(kept)
    job = job_queue(owner=owner, user=request.user, kind=exporter, parameters=parameters)
    return redirect("jobs:status", job_id=job.pk)
