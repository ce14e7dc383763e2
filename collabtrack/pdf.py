"""One way to turn a template into a tagged, accessible PDF (WeasyPrint, PDF/UA-1).

Static files (the print stylesheet, fonts, images) are read from disk through the staticfiles finders,
never fetched over HTTP, so rendering works offline and on a server that cannot reach itself.

Inside `pdf_steps(progress)` (a job making a PDF, collabtrack.jobs) `render_pdf` reports its steps, so the
job's page says "Laying out the pages…" and then "104 pages laid out; writing the PDF…" instead of
nothing for the half minute a 200-school district report takes.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"

_steps: ContextVar[Callable[..., None] | None] = ContextVar("collabtrack_pdf_steps", default=None)


@contextmanager
def pdf_steps(progress: Callable[..., None]) -> Iterator[None]:
    """Within the block, render_pdf calls `progress(done, total, step)` as it goes."""
    token = _steps.set(progress)
    try:
        yield
    finally:
        _steps.reset(token)


def _report(done: int, step: str) -> None:
    progress = _steps.get()
    if progress is not None:
        progress(done, None, step)


class _StaticFilesFetcher:
    """Built lazily: importing WeasyPrint costs time that pages other than PDFs should not pay."""

    _class = None

    @classmethod
    def get(cls):
        if cls._class is None:
            from weasyprint.urls import URLFetcher

            class StaticFilesFetcher(URLFetcher):
                def fetch(self, url, headers=None):
                    if url.startswith("data:"):
                        return super().fetch(url, headers)
                    path = unquote(urlparse(url).path)
                    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
                    found = path.startswith(static_prefix) and finders.find(path[len(static_prefix) :])
                    if not found:
                        raise ValueError(f"PDF rendering reads only static files and data URLs, not {url!r}.")
                    return super().fetch(f"file://{found}", headers)

            cls._class = StaticFilesFetcher
        return cls._class(allowed_protocols={"file", "data"})


def render_pdf(template_name: str, context: dict, *, request=None, title: str = "") -> bytes:
    """Render `template_name` to PDF bytes, tagged for accessibility (PDF/UA-1)."""
    from weasyprint import DEFAULT_OPTIONS, HTML

    html = render_to_string(template_name, context, request=request)
    _report(0, "Laying out the pages")
    options = {
        **DEFAULT_OPTIONS,
        "pdf_variant": PDF_VARIANT,
        "pdf_identifier": False,
        "custom_metadata": False,
    }
    # What HTML.write_pdf does, in its two steps, so that the number of pages can be told in between.
    document = HTML(
        string=html, base_url="http://collabtrack.invalid/", url_fetcher=_StaticFilesFetcher.get()
    ).render(**options)
    pages = len(document.pages)
    _report(pages, f"{pages} page{pluralize(pages)} laid out; writing the PDF")
    return document.write_pdf(**options) or b""
