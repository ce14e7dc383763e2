from django import template

from collabtrack.charts import ChartSvg, line_chart
from taxonomy.selectors import LevelChart, latest_level
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


@register.simple_tag
def level_chart_svg(chart: LevelChart) -> ChartSvg | None:
    """The taxonomy level over time, drawn by the one chart engine (page and portfolio PDF alike)."""
    return line_chart(
        key="level-chart",
        title="Taxonomy level over time",
        description=chart.description,
        points=chart.points,
        y_range=(1, 10),
        colour="#1d4e6b",
        x_title="Date of the self-assessment",
        y_title="Taxonomy level",
    )
