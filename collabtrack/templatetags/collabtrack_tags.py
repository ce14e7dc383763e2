from django import template

from collabtrack.navigation import nav_items_for, nav_links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context):
    request = context.get("request")
    return nav_items_for(getattr(request, "membership", None))


@register.simple_tag(takes_context=True)
def nav_links(context):
    request = context.get("request")
    return nav_links_for(getattr(request, "membership", None))
