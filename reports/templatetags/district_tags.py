"""The roll-up table's body, rendered in one pass (200 schools × 12 figures × this year, last year and
the change would be thousands of template nodes); every cell escaped (the standard library's escape:
Django's wraps it for lazy strings, which costs more than the rest of a cell)."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from collabtrack.formatting import display

register = template.Library()
PK_MARK = 987654321  # the drill-down URLs are reversed once per page, then given each school's id


@register.filter
def signed(value) -> str:
    """A change as "+3", "−1.2" or "0"; blank when undefined."""
    text = display(value)
    if not text or text.strip("0.") == "":
        return text
    return text.replace("-", "−") if text.startswith("-") else f"+{text}"


def _cells(row, columns) -> str:
    cells = []
    for column in columns:
        this, last = display(column.value(row.this)), display(column.value(row.last))
        change = signed(column.delta(row))
        beside = f"last year {last or 'blank'}" + (f", {change}" if change else "")
        cells.append(
            f'<td class="num">{escape(this)}'
            f'<span class="rollup-last d-block small">{escape(beside)}</span></td>'
        )
    return "".join(cells)


@register.simple_tag
def rollup_body(rows, columns, school_year) -> SafeString:
    html = []
    dashboard_url = escape(reverse("district:open_school", args=[PK_MARK, "dashboard", school_year.name]))
    annual_url = escape(reverse("district:open_school", args=[PK_MARK, "annual", school_year.name]))
    for row in rows:
        url = dashboard_url.replace(str(PK_MARK), str(row.school.pk))
        annual = annual_url.replace(str(PK_MARK), str(row.school.pk))
        html.append(
            f'<tr><th scope="row"><a href="{url}">{escape(row.school.name)}</a>'
            f'<span class="d-block small"><a href="{annual}">Annual summary'
            f'<span class="visually-hidden"> of {escape(row.school.name)}</span></a></span></th>'
            f"{_cells(row, columns)}</tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 — every cell is escaped above


@register.simple_tag
def rollup_plain_rows(rows, columns) -> SafeString:
    """The same rows without links (the PDF)."""
    html = [f'<tr><th scope="row">{escape(row.school.name)}</th>{_cells(row, columns)}</tr>' for row in rows]
    return mark_safe("".join(html))  # noqa: S308 — every cell is escaped in _cells


@register.simple_tag
def figure_list(row, columns) -> SafeString:
    """One school's (or the district's) figures as table rows: figure, this year, last year, change."""
    html = []
    for column in columns:
        this, last = display(column.value(row.this)), display(column.value(row.last))
        html.append(
            f'<tr><th scope="row">{escape(column.label)}</th><td class="num">{escape(this)}</td>'
            f'<td class="num">{escape(last)}</td>'
            f'<td class="num">{escape(signed(column.delta(row)))}</td></tr>'
        )
    return mark_safe("".join(html))  # noqa: S308 — every cell is escaped above


@register.simple_tag
def rollup_total(total, columns, count) -> SafeString:
    label = f"District TOTAL ({count} schools)"
    row = f'<tr class="rollup-total"><th scope="row">{escape(label)}</th>{_cells(total, columns)}</tr>'
    return mark_safe(row)  # noqa: S308 — every cell is escaped
