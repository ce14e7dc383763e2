from django import template

from collabtrack.navigation import nav_items_for

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context):
    request = context.get("request")
    return nav_items_for(getattr(request, "membership", None))
