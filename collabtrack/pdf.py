"""One way to turn a template into a tagged, accessible PDF (WeasyPrint, PDF/UA-1).

Static files (the print stylesheet, fonts, images) are read from disk through the staticfiles finders,
never fetched over HTTP, so rendering works offline and on a server that cannot reach itself.
"""

from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


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
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(
        string=html, base_url="http://collabtrack.invalid/", url_fetcher=_StaticFilesFetcher.get()
    )
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=False, custom_metadata=False) or b""
