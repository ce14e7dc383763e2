"""A long list offers previous, next and the page numbers around the current one (issue 14)."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def links(page) -> list[str]:
    html = render_to_string("_pagination.html", {"page": page, "label": "Pages of units", "query": "level=2"})
    return [re.sub(r"<[^>]+>|\s+", "", item) for item in re.findall(r"<li.*?</li>", html, re.S)]


def test_a_middle_page_offers_both_neighbours_and_elides_the_rest():
    page = Paginator(range(300), 25).page(6)  # 12 pages
    assert links(page) == [
        "Previous", "Page1", "…", "Page4", "Page5", "Page6", "Page7", "Page8", "…", "Page12", "Next",
    ]  # fmt: skip


def test_the_first_page_has_no_previous_and_marks_itself_current():
    html = render_to_string("_pagination.html", {"page": Paginator(range(60), 25).page(1), "query": ""})
    assert "Previous" not in html and "Next" in html
    assert '<li class="page-item active" aria-current="page">' in html
    assert 'href="?page=2"' in html and 'href="?page=3"' in html


def test_page_links_keep_the_filters():
    html = render_to_string(
        "_pagination.html", {"page": Paginator(range(60), 25).page(2), "query": "level=2"}
    )
    assert 'href="?level=2&amp;page=1"' in html and 'href="?level=2&amp;page=3"' in html
