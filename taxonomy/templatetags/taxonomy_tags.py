from django import template

from collabtrack.charts import ChartSvg, line_chart
from taxonomy.panels import LATEST_LEVEL_TEMPLATE, latest_level_context
from taxonomy.selectors import LevelChart
from units.levels import level_name

register = template.Library()


@register.inclusion_tag(LATEST_LEVEL_TEMPLATE, takes_context=True)
def latest_taxonomy_level(context):
    """The start pages' taxonomy panel on a taxonomy page (the start pages get it through
    collabtrack.panels)."""
    return latest_level_context(context.get("request"))


@register.filter
def partnership_name(number) -> str:
    """The name of a level of instructional partnership (1-4)."""
    return level_name(number)


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
