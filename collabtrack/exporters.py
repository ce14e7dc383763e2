"""Every download behind one interface (pretix's BaseExporter): an identifier, a name, who may run it, the
parameters it takes, and `render(school, ...) -> ExportFile(filename, mimetype, content)`.

The apps above collabtrack register theirs in their AppConfig.ready() (units: the unit PDF; taxonomy: the
reflection portfolio; reports: the reports, the board PDF and the school ZIP), so core never imports
upward. The same exporter runs in a page (views call it, then `export_response`), a job
(collabtrack.jobs.register_export calls `run`) or an e-mail, and /data/ lists the registered exporters a
role may run.

    class AnnualSummaryExporter(Exporter):
        identifier = "annual_summary"
        verbose_name = "Annual summary"
        roles = STAFF_ROLES
        parameters = (SchoolYearParameter(), FormatParameter(formats=("csv", "xlsx")))

        def render(self, school, *, membership=None, school_year, fmt) -> ExportFile: ...
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO, ClassVar, NamedTuple

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from collabtrack.models import District, Membership, School
from collabtrack.schoolyear import SchoolYear, month_label, recent_school_years

# How many school years (the current one and those before it) the data page offers.
YEARS_OFFERED = 5


class ExportFile(NamedTuple):
    """What every exporter returns. A tuple, so `filename, mimetype, content = exporter.run(...)` works.

    `content` is bytes, except for the school ZIP: it carries every attachment, so it is a spooled
    temporary file (open, at position 0) instead of a bytes object in memory; whoever sends it closes it."""

    filename: str
    mimetype: str
    content: bytes | BinaryIO


class ExportRefused(ValueError):
    """A parameter that does not name anything this school has (a junk year, another school's unit)."""


@dataclass(frozen=True, kw_only=True)
class Parameter:
    """One thing an exporter needs besides the school. `clean` turns the text of a URL query or a job's
    stored parameters into the value `render` takes; `choices` is what the data page offers (none: the
    parameter is chosen elsewhere, e.g. a unit on its own page)."""

    name: str
    label: str

    def choices(self, school: School) -> list[tuple[str, str]]:
        return []

    def default(self, school: School) -> str | None:
        return None

    def clean(self, school: School, raw: str):
        return raw


@dataclass(frozen=True, kw_only=True)
class SchoolYearParameter(Parameter):
    name: str = "school_year"
    label: str = "School year"

    def choices(self, school):
        years = recent_school_years(school.current_school_year(), YEARS_OFFERED)
        return [(year.name, str(year)) for year in years]

    def default(self, school):
        return school.current_school_year().name

    def clean(self, school, raw) -> SchoolYear:
        try:
            return school.parse_school_year(raw)
        except ValueError as error:
            raise ExportRefused(str(error)) from error


@dataclass(frozen=True, kw_only=True)
class MonthParameter(Parameter):
    """A calendar month written "2025-10"; cleaned to (year, month)."""

    name: str = "month"
    label: str = "Month"

    def choices(self, school):
        current = school.current_school_year()
        months = [*current.previous().months(), *current.months()]
        return [(f"{y}-{m:02d}", f"{month_label(m)} {y}") for y, m in reversed(months)]

    def default(self, school):
        return f"{timezone.localdate():%Y-%m}"

    def clean(self, school, raw) -> tuple[int, int]:
        try:
            day = dt.datetime.strptime(raw, "%Y-%m").date()
        except ValueError as error:
            raise ExportRefused(f"{raw[:20]!r} is not a month written YYYY-MM.") from error
        if not 1900 <= day.year <= 2200:
            raise ExportRefused("No such month.")
        return day.year, day.month


FORMAT_LABELS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "pdf": "PDF", "svg": "Picture (SVG)"}
# Every download is a file, never a page of this site: nothing in it may run (an SVG keeps its inline
# styles). django-csp leaves a header the response already has.
DOWNLOAD_CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True, kw_only=True)
class FormatParameter(Parameter):
    formats: tuple[str, ...] = ("csv", "xlsx")
    name: str = "fmt"
    label: str = "Format"

    def choices(self, school):
        return [(fmt, FORMAT_LABELS[fmt]) for fmt in self.formats]

    def default(self, school):
        return self.formats[0]

    def clean(self, school, raw) -> str:
        if raw not in self.formats:
            raise ExportRefused(f"This export comes as {', '.join(self.formats)}, not {raw[:20]!r}.")
        return raw


class Exporter:
    """Subclass, set the class attributes, implement `render`, and `register()` an instance."""

    identifier: ClassVar[str]
    verbose_name: ClassVar[str]
    description: ClassVar[str] = ""
    roles: ClassVar[tuple[str, ...]]
    parameters: ClassVar[Sequence[Parameter]] = ()
    # Slow files (the board PDF, the school ZIP) are made by a job and kept; the page waits for the job.
    runs_as_job: ClassVar[bool] = False
    # The download button's words on the data page; "{school}" is the school's name.
    button_label: ClassVar[str] = ""
    # Where the data page lists it (smallest first), whatever order the apps registered in.
    position: ClassVar[int] = 100

    def button_text(self, school: School) -> str:
        return (
            self.button_label.format(school=school.name)
            if self.button_label
            else f"Download: {self.verbose_name}"
        )

    def may_run(self, role: str) -> bool:
        return role in self.roles

    def clean(self, school: School, raw: Mapping[str, str]) -> dict:
        """The parameters `render` takes, from text (a URL query, a job's stored parameters); a missing
        one takes its default. Raises ExportRefused on anything the school does not have."""
        cleaned = {}
        for parameter in self.parameters:
            text = raw.get(parameter.name) or parameter.default(school)
            if text is None:
                raise ExportRefused(f"Choose the {parameter.label.lower()}.")
            cleaned[parameter.name] = parameter.clean(school, str(text))
        return cleaned

    def raw_parameters(self, school: School, raw: Mapping[str, str]) -> dict[str, str]:
        """The text of this exporter's parameters (nothing else of `raw`), defaults filled in: what a job
        stores. Not checked: `clean` does that."""
        texts = {p.name: raw.get(p.name) or p.default(school) for p in self.parameters}
        return {name: str(text) for name, text in texts.items() if text is not None}

    def kept_parameters(self, school: School, raw: dict[str, str]) -> dict[str, str]:
        """What a file made by a job is kept under (with its owner's data version): its text parameters,
        plus anything else the file depends on (the board report: the day its figures are drawn)."""
        return raw

    def job_owner(self, school: School) -> School | District:
        """Whose data a file made by a job shows, so whose job it is and whom it is kept for: the school,
        or its district for a district file. Raises ExportRefused when there is none."""
        return school

    def render(self, school: School, *, membership: Membership | None = None, **parameters) -> ExportFile:
        raise NotImplementedError

    def run(self, school: School, raw: Mapping[str, str], *, membership: Membership | None = None):
        """Clean the text parameters and render: how a job or an e-mail runs an exporter."""
        return self.render(school, membership=membership, **self.clean(school, raw))


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add an exporter (from an AppConfig.ready()); registering the same identifier again replaces it."""
    _REGISTRY[exporter.identifier] = exporter
    return exporter


def get(identifier: str) -> Exporter:
    """The exporter registered under `identifier`; KeyError when there is none."""
    return _REGISTRY[identifier]


def registered() -> list[Exporter]:
    return sorted(_REGISTRY.values(), key=lambda exporter: exporter.position)


def available_to(role: str) -> list[Exporter]:
    return [exporter for exporter in registered() if exporter.may_run(role)]


def export_response(export: ExportFile) -> HttpResponse:
    """The one way a file goes to the browser: always a download, never shown inline."""
    filename, mimetype, content = export
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=mimetype)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(content, as_attachment=True, filename=filename, content_type=mimetype)
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def download(request, identifier: str, **parameters) -> HttpResponse:
    """A view's whole download: the exporter, the role check (403), render, the response.
    `parameters` are already cleaned (the view parsed its URL)."""
    exporter = get(identifier)
    membership = request.membership
    if not exporter.may_run(membership.role):
        raise PermissionDenied("Your role may read this but not export it.")
    if membership.user_id == request.user.pk:
        membership.user = request.user  # already loaded: an exporter naming the person costs no query
    return export_response(exporter.render(membership.school, membership=membership, **parameters))
