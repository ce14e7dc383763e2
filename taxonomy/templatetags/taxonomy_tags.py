from django import template

from taxonomy.selectors import latest_level
from units.levels import LEVELS_BY_NUMBER

register = template.Library()


@register.inclusion_tag("taxonomy/_latest_level.html", takes_context=True)
def latest_taxonomy_level(context):
    """The librarian's latest self-assessment and what the next level asks for (one query)."""
    request = context.get("request")
    membership = getattr(request, "membership", None)
    if not membership or not membership.is_librarian:
        return {"show": False}
    return {"show": True, "latest": latest_level(membership)}


@register.filter
def partnership_name(number) -> str:
    """The name of a level of instructional partnership (1-4)."""
    level = LEVELS_BY_NUMBER.get(number)
    return level.name if level else ""
