"""The librarian's latest-level badge on the start pages (taxonomy_tags.latest_taxonomy_level): the latest
self-assessment and what the next level asks for, for librarians only."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from collabtrack.access import resolve_membership
from tests.factories import TaxonomyReflectionFactory

pytestmark = pytest.mark.django_db


def badge_request(client_for, user, school):
    request = RequestFactory().get("/")
    request.user = user
    request.session = client_for(user, school).session
    request.membership = SimpleLazyObject(lambda: resolve_membership(request))  # as the middleware does
    return request


def render_badge(client_for, user, school, request=None):
    request = request or badge_request(client_for, user, school)
    return Template("{% load taxonomy_tags %}{% latest_taxonomy_level %}").render(
        Context({"request": request})
    )


def test_badge_shows_latest_level_and_the_next(client_for, librarian, school, django_assert_num_queries):
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 3, 1), level=4)
    TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=dt.date(2025, 11, 1), level=7)
    request = badge_request(client_for, librarian, school)
    # The session and membership (read once per request anyway) and the latest self-assessment.
    with django_assert_num_queries(3):
        page = render_badge(client_for, librarian, school, request)
    assert "level 7, Evangelistic outreach and advocacy" in page
    assert f"{reverse('taxonomy:definitions')}#taxonomy-level-8" in page


def test_badge_invites_a_first_self_assessment(client_for, librarian, school):
    page = render_badge(client_for, librarian, school)
    assert "You have not placed yourself on the taxonomy yet." in page


def test_badge_at_the_top_level(client_for, librarian, school):
    TaxonomyReflectionFactory(school=school, author=librarian, level=10)
    assert "You are at the top of the taxonomy." in render_badge(client_for, librarian, school)


@pytest.mark.parametrize("persona", ["principal", "teacher", "district"])
def test_badge_is_for_librarians_only(request, client_for, school, persona):
    assert render_badge(client_for, request.getfixturevalue(persona), school).strip() == ""
