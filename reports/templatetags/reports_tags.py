from django import template

from reports.formatting import display

register = template.Library()


@register.filter
def figure(value) -> str:
    """A report figure as every output shows it: blank when undefined, averages to one decimal."""
    return display(value)
