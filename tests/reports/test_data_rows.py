"""The data_rows filter renders chart data rows as the template loop did: row header, escaped cells,
figures shown as on every page (blank when undefined, averages to one decimal, thousands separated)."""

from decimal import Decimal

from django.template import Context, Template


def test_data_rows_markup_escaping_and_display():
    template = Template("{% load reports_tags %}{{ rows|data_rows }}")
    rows = [["<Sep>", 3, None, Decimal("2.25")], ["Oct & Nov", 0, 1200, Decimal(5) / Decimal(3)]]
    assert template.render(Context({"rows": rows})) == (
        '<tr><th scope="row">&lt;Sep&gt;</th><td class="num">3</td><td class="num"></td>'
        '<td class="num">2.3</td></tr>'
        '<tr><th scope="row">Oct &amp; Nov</th><td class="num">0</td><td class="num">1,200</td>'
        '<td class="num">1.7</td></tr>'
    )


def test_data_rows_of_nothing_is_empty():
    assert Template("{% load reports_tags %}{{ rows|data_rows }}").render(Context({"rows": []})) == ""
