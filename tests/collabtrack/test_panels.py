"""Start-page panels (collabtrack.panels): filled by the apps above collabtrack, rendered by the pages
below them without importing them."""

import pytest
from django.urls import reverse

from collabtrack import panels

pytestmark = pytest.mark.django_db


def test_taxonomy_registers_its_latest_level_panel_once():
    assert [panel.template_name for panel in panels.start_panels()] == ["taxonomy/_latest_level.html"]
    panel = panels.start_panels()[0]
    panels.register_start_panel(panel.template_name, panel.context)  # ready() again, as in some tests
    assert len(panels.start_panels()) == 1


def test_the_librarians_start_page_shows_the_taxonomy_panel(librarian_client):
    page = librarian_client.get(reverse("units:quick_log")).content.decode()
    assert "Your place on the taxonomy" in page
    assert "You have not placed yourself on the taxonomy yet." in page


def test_other_roles_get_no_taxonomy_panel(teacher_client):
    page = teacher_client.get(reverse("units:list")).content.decode()
    assert "Your place on the taxonomy" not in page
