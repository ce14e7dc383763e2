from django import template

from collabtrack.formatting import display
from collabtrack.navigation import nav_items_for, nav_links_for
from collabtrack.panels import render_start_panels
from collabtrack.people import display_name

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context):
    request = context.get("request")
    return nav_items_for(getattr(request, "membership", None))


@register.simple_tag(takes_context=True)
def nav_links(context):
    request = context.get("request")
    return nav_links_for(getattr(request, "membership", None))


@register.filter
def figure(value) -> str:
    """A report figure as every output shows it: blank when undefined, averages to one decimal."""
    return display(value)


register.filter("display_name", display_name)


@register.simple_tag(takes_context=True)
def start_panels(context):
    """The panels the apps above collabtrack put on the start pages (collabtrack.panels)."""
    return render_start_panels(context.get("request"))


@register.simple_tag
def page_numbers(page) -> list:
    """The page numbers to offer around `page`: the first and last, two either side of the current one,
    and Paginator.ELLIPSIS where a run is left out (so 40 pages never make 40 links)."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
