"""Refused and broken requests answer in the site's layout, with the reason and a way on (issue 14)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import UnitFactory

LAYOUT = 'aria-label="Main"'  # the navigation bar of base.html
SKIP_LINK = "Skip to main content"


@pytest.fixture
def other_unit(school):
    """A unit the teacher persona does not partner on."""
    return UnitFactory(school=school, title="Volcanoes")


def test_a_refused_edit_says_why_in_the_site_layout(teacher_client, other_unit):
    response = teacher_client.get(reverse("units:edit", args=[other_unit.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You can read this but not change it." in page
    assert "<h1>You cannot do this here</h1>" in page
    assert LAYOUT in page and SKIP_LINK in page
    assert reverse("home") in page


def test_a_refused_role_gets_the_role_reason(teacher_client):
    response = teacher_client.get(reverse("units:quick_log"))
    assert response.status_code == 403
    assert "Your role in this school does not allow this." in response.content.decode()


def test_not_found_is_in_the_layout_and_names_no_other_school(librarian_client, outsider):
    response = librarian_client.get("/units/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert LAYOUT in page
    assert "belongs to a school you are not a member of" in page


def test_server_error_page_renders_without_a_request_context():
    """Django renders 500.html with no request (the error may be in a context processor)."""
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert SKIP_LINK in page
    assert "Log in" in page  # no user in the context: the way on is the login page


@pytest.mark.django_db
def test_bad_request_is_in_the_layout():
    response = Client().get("/about/", HTTP_HOST="not-our-host.invalid")
    assert response.status_code == 400
    assert "This request could not be read" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_form_says_so_and_saves_nothing():
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This form has expired" in page and "Nothing was saved" in page


@pytest.mark.django_db
def test_favicon_needs_no_login_and_points_at_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert response["Location"] != "/favicon.ico"


def test_every_page_links_its_icon(librarian_client):
    page = librarian_client.get(reverse("units:list")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
