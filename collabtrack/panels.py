"""Panels on the start pages, filled by the apps above collabtrack.

The home page (collabtrack) and the librarian's start page, the quick log (units), show the librarian's
latest place on the taxonomy, which taxonomy computes. Neither collabtrack nor units may import taxonomy
(each app imports only the apps below it), so taxonomy registers its panel from its AppConfig.ready()
and the pages render whatever is registered with `{% start_panels %}` (collabtrack_tags).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class StartPanel:
    template_name: str
    # The template's context for this request; a panel with nothing to show says so in its context
    # (the template then renders nothing).
    context: Callable[[object], dict]


_PANELS: list[StartPanel] = []


def register_start_panel(template_name: str, context: Callable[[object], dict]) -> None:
    """Add a panel to the start pages, once (ready() may run more than once in tests)."""
    panel = StartPanel(template_name, context)
    if panel not in _PANELS:
        _PANELS.append(panel)


def start_panels() -> list[StartPanel]:
    return list(_PANELS)


def render_start_panels(request) -> SafeString:
    """Every registered panel rendered for `request`, in the order registered. A plain context, as an
    inclusion tag gets: no context processors run a second time."""
    html = "".join(render_to_string(panel.template_name, panel.context(request)) for panel in _PANELS)
    return mark_safe(html)  # noqa: S308 - the panels' templates escape what they show
