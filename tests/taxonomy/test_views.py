"""Reflection pages for every persona: the author reads and writes; the principal reads shared ones only;
everyone else (teacher, district, another librarian of the school, another school) gets a 404."""

import datetime as dt

import pytest
from django.urls import reverse

from collabtrack.models import Role
from taxonomy.models import ActionItem, BenefitsReflection, RoadblocksReflection, TaxonomyReflection
from tests.factories import (
    ActionItemFactory,
    BenefitsReflectionFactory,
    MembershipFactory,
    RoadblockFactory,
    RoadblocksReflectionFactory,
    TaxonomyReflectionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "taxonomy": TaxonomyReflectionFactory,
    "benefits": BenefitsReflectionFactory,
    "roadblocks": RoadblocksReflectionFactory,
}
MODELS = {"taxonomy": TaxonomyReflection, "benefits": BenefitsReflection, "roadblocks": RoadblocksReflection}
KINDS = list(FACTORIES)
OTHERS = ["teacher_client", "district_client", "outsider_client", "colleague_client"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Every persona is a user with a password; the production hasher costs a second per test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def colleague_client(client_for, school):
    """Another librarian of the same school: still not allowed to read Alice's reflections."""
    colleague = UserFactory(username="carl-colleague")
    MembershipFactory(user=colleague, school=school, role=Role.LIBRARIAN)
    return client_for(colleague, school)


def make(kind, school, author, shared=False):
    reflection = FACTORIES[kind](school=school, author=author, shared_with_principal=shared)
    if kind == "roadblocks":
        RoadblockFactory(reflection=reflection)
    return reflection


def url(name, kind, reflection):
    return reverse(f"taxonomy:{name}", args=[kind, reflection.pk])


# --- reading -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("shared", [False, True])
def test_author_reads_own_reflection(librarian_client, librarian, school, kind, shared):
    reflection = make(kind, school, librarian, shared)
    response = librarian_client.get(url("reflection_detail", kind, reflection))
    assert response.status_code == 200
    assert b"Edit" in response.content and b"Delete" in response.content


@pytest.mark.parametrize("kind", KINDS)
def test_principal_reads_a_shared_reflection_read_only(principal_client, librarian, school, kind):
    reflection = make(kind, school, librarian, shared=True)
    response = principal_client.get(url("reflection_detail", kind, reflection))
    assert response.status_code == 200
    assert url("reflection_edit", kind, reflection).encode() not in response.content


@pytest.mark.parametrize("kind", KINDS)
def test_principal_cannot_open_an_unshared_reflection_even_by_url(principal_client, librarian, school, kind):
    reflection = make(kind, school, librarian, shared=False)
    for name in ("reflection_detail", "reflection_edit"):
        assert principal_client.get(url(name, kind, reflection)).status_code == 404
    for name in ("reflection_share", "reflection_delete"):
        assert principal_client.post(url(name, kind, reflection), {"shared": "1"}).status_code == 404
    reflection.refresh_from_db()
    assert not reflection.shared_with_principal


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", OTHERS)
@pytest.mark.parametrize("shared", [False, True])
def test_nobody_else_sees_a_reflection(request, librarian, school, kind, persona, shared):
    client = request.getfixturevalue(persona)
    reflection = make(kind, school, librarian, shared)
    for name in ("reflection_detail", "reflection_edit"):
        assert client.get(url(name, kind, reflection)).status_code == 404
    for name in ("reflection_share", "reflection_delete"):
        assert client.post(url(name, kind, reflection), {"shared": "0"}).status_code == 404
    assert MODELS[kind].objects.filter(pk=reflection.pk, shared_with_principal=shared).exists()


def test_own_reflection_written_for_another_school_is_404_here(librarian_client, librarian, other_school):
    reflection = make("taxonomy", other_school, librarian)
    assert librarian_client.get(url("reflection_detail", "taxonomy", reflection)).status_code == 404


def test_unknown_kind_is_404(librarian_client):
    assert librarian_client.get("/taxonomy/reflections/diary/1/").status_code == 404


# --- writing -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_principal_gets_403_writing_to_a_shared_reflection(principal_client, librarian, school, kind):
    reflection = make(kind, school, librarian, shared=True)
    assert principal_client.get(url("reflection_edit", kind, reflection)).status_code == 403
    assert (
        principal_client.post(url("reflection_share", kind, reflection), {"shared": "0"}).status_code == 403
    )
    assert principal_client.post(url("reflection_delete", kind, reflection)).status_code == 403
    assert MODELS[kind].objects.filter(pk=reflection.pk, shared_with_principal=True).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_share_and_unshare(librarian_client, principal_client, librarian, school, kind):
    reflection = make(kind, school, librarian)
    response = librarian_client.post(url("reflection_share", kind, reflection), {"shared": "1"})
    assert response.status_code == 302
    assert principal_client.get(url("reflection_detail", kind, reflection)).status_code == 200
    librarian_client.post(url("reflection_share", kind, reflection), {"shared": "0"})
    assert principal_client.get(url("reflection_detail", kind, reflection)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_writes_refuse_get(librarian_client, librarian, school, kind):
    reflection = make(kind, school, librarian)
    assert librarian_client.get(url("reflection_share", kind, reflection)).status_code == 405
    assert librarian_client.get(url("reflection_delete", kind, reflection)).status_code == 405


@pytest.mark.parametrize("kind", KINDS)
def test_delete(librarian_client, librarian, school, kind):
    reflection = make(kind, school, librarian)
    response = librarian_client.post(url("reflection_delete", kind, reflection))
    assert response.status_code == 302
    assert not MODELS[kind].objects.exists()


def test_create_taxonomy_reflection(librarian_client, librarian, school):
    response = librarian_client.post(
        reverse("taxonomy:reflection_create", args=["taxonomy"]),
        {
            "reflected_on": "2025-11-10",
            "level": "7",
            "working_well": "Outreach at staff meetings.",
            "greatest_success": "Three new partners.",
            "next_level_needs": "Common planning time.",
        },
    )
    reflection = TaxonomyReflection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("reflection_detail", "taxonomy", reflection)
    assert (reflection.author, reflection.school, reflection.level) == (librarian, school, 7)
    assert not reflection.shared_with_principal


def test_create_shows_errors_next_to_the_fields(librarian_client):
    response = librarian_client.post(reverse("taxonomy:reflection_create", args=["taxonomy"]), {})
    assert response.status_code == 200
    assert b'id="id_level_error"' in response.content  # the rubric widget's error beside the cards
    assert b"This field is required." in response.content
    assert not TaxonomyReflection.objects.exists()


def test_create_benefits_reflection(librarian_client, librarian):
    response = librarian_client.post(
        reverse("taxonomy:reflection_create", args=["benefits"]),
        {
            "reflected_on": "2025-11-10",
            "students": "Two teachers.",
            "seen_administrators": ["administrators-4"],
        },
    )
    assert response.status_code == 302
    assert BenefitsReflection.objects.get().benefits_seen == ["administrators-4"]


def test_create_and_edit_roadblocks_reflection(librarian_client, librarian):
    data = {
        "reflected_on": "2025-11-10",
        "roadblocks-TOTAL_FORMS": "3",
        "roadblocks-INITIAL_FORMS": "0",
        "roadblocks-0-explanation": "Fixed schedule",
        "roadblocks-0-category": "scheduling",
        "roadblocks-1-explanation": "No support",
        "roadblocks-1-category": "admin",
    }
    create = reverse("taxonomy:reflection_create", args=["roadblocks"])
    assert librarian_client.post(create, data).status_code == 302
    reflection = RoadblocksReflection.objects.get()
    assert [r.category for r in reflection.roadblocks.all()] == ["scheduling", "admin"]
    edit_page = librarian_client.get(url("reflection_edit", "roadblocks", reflection))
    assert b"Fixed schedule" in edit_page.content
    data.update({"roadblocks-0-explanation": "", "roadblocks-0-category": ""})
    assert librarian_client.post(url("reflection_edit", "roadblocks", reflection), data).status_code == 302
    assert [r.position for r in reflection.roadblocks.all()] == [1]
    assert reflection.roadblocks.get().category == "admin"


@pytest.mark.parametrize("persona", ["principal_client", "teacher_client", "district_client"])
def test_only_librarians_create(request, persona):
    client = request.getfixturevalue(persona)
    for kind in KINDS:
        assert client.get(reverse("taxonomy:reflection_create", args=[kind])).status_code == 403


# --- action items ----------------------------------------------------------------------------------------
def test_add_action_item_from_the_checklist(librarian_client, librarian, school):
    reflection = make("roadblocks", school, librarian)
    response = librarian_client.post(
        reverse("taxonomy:action_item_create", args=[reflection.pk]),
        {"category": "scheduling", "strategy": "scheduling-4", "due_on": "2025-12-01"},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.text, item.due_on, item.done_on) == (
        "Set aside one planning day a week",
        dt.date(2025, 12, 1),
        None,
    )


def test_invalid_action_item_shows_the_error_beside_the_form(librarian_client, librarian, school):
    reflection = make("roadblocks", school, librarian)
    response = librarian_client.post(
        reverse("taxonomy:action_item_create", args=[reflection.pk]),
        {"category": "scheduling", "strategy": ""},
    )
    assert response.status_code == 400
    assert b'id="id_scheduling_due_on_error"' in response.content
    assert not ActionItem.objects.exists()


def test_tick_and_untick_an_action_item(librarian_client, librarian, school):
    item = ActionItemFactory(reflection=make("roadblocks", school, librarian))
    done_url = reverse("taxonomy:action_item_done", args=[item.pk])
    assert librarian_client.get(done_url).status_code == 405
    assert librarian_client.post(done_url, {"done": "on"}).status_code == 302
    item.refresh_from_db()
    assert item.done_on is not None
    librarian_client.post(done_url, {})
    item.refresh_from_db()
    assert item.done_on is None


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("persona", ["principal_client", *OTHERS])
def test_action_items_are_the_authors_alone(request, librarian, school, persona, shared):
    client = request.getfixturevalue(persona)
    reflection = make("roadblocks", school, librarian, shared)
    item = ActionItemFactory(reflection=reflection)
    expected = 403 if persona == "principal_client" and shared else 404
    create = reverse("taxonomy:action_item_create", args=[reflection.pk])
    payload = {"category": "scheduling", "strategy": "scheduling-4", "due_on": "2025-12-01"}
    assert client.post(create, payload).status_code == expected
    assert (
        client.post(reverse("taxonomy:action_item_done", args=[item.pk]), {"done": "on"}).status_code
        == expected
    )
    item.refresh_from_db()
    assert item.done_on is None and ActionItem.objects.count() == 1


# --- lists -----------------------------------------------------------------------------------------------
def test_reflection_index_lists_own_reflections_with_evidence(librarian_client, librarian, principal, school):
    make("taxonomy", school, librarian)  # dated 2025-11-10, level 5
    make("benefits", school, principal)  # not the librarian's: never listed
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=3)
    response = librarian_client.get(reverse("taxonomy:reflections"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Level 5: Cursory planning" in page
    assert "What the unit log shows from Sep 1, 2025 to Nov 10, 2025" in page
    assert "Who benefits" not in page.split("All reflections")[1].split("Portfolio")[0]
    assert "<svg" in page and 'role="img"' in page


def test_reflection_index_query_budget(librarian_client, librarian, school, django_assert_num_queries):
    for day in (dt.date(2024, 10, 1), dt.date(2025, 3, 1), dt.date(2025, 11, 10)):
        TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=day)
    make("benefits", school, librarian)
    make("roadblocks", school, librarian)
    # session + user + membership (3); self-assessments (1) + their evidence (3 each, reports.unit_activity);
    # the list (3, one per kind); portfolio years (3, one per kind).
    with django_assert_num_queries(3 + 1 + 3 * 3 + 3 + 3):
        assert librarian_client.get(reverse("taxonomy:reflections")).status_code == 200


def test_shared_list_shows_only_shared_reflections(principal_client, librarian, school):
    make("taxonomy", school, librarian, shared=True)
    make("roadblocks", school, librarian, shared=False)
    response = principal_client.get(reverse("taxonomy:shared_reflections"))
    assert response.status_code == 200
    assert b"Level 5: Cursory planning" in response.content
    assert b"Roadblocks to collaboration" not in response.content


def test_shared_list_query_budget(principal_client, librarian, school, django_assert_num_queries):
    for kind in KINDS:
        make(kind, school, librarian, shared=True)
        make(kind, school, librarian, shared=True)
    with django_assert_num_queries(3 + 3):  # session, user, membership; one query per kind of reflection
        assert principal_client.get(reverse("taxonomy:shared_reflections")).status_code == 200


@pytest.mark.parametrize("persona", ["principal_client", "teacher_client", "district_client"])
def test_reflection_index_is_for_librarians(request, persona):
    assert request.getfixturevalue(persona).get(reverse("taxonomy:reflections")).status_code == 403


@pytest.mark.parametrize("persona", ["librarian_client", "teacher_client", "district_client"])
def test_shared_list_is_for_principals(request, persona):
    assert request.getfixturevalue(persona).get(reverse("taxonomy:shared_reflections")).status_code == 403


def test_lists_refuse_post(librarian_client, principal_client):
    assert librarian_client.post(reverse("taxonomy:reflections")).status_code == 405
    assert principal_client.post(reverse("taxonomy:shared_reflections")).status_code == 405


@pytest.mark.parametrize(
    "persona",
    ["librarian_client", "principal_client", "teacher_client", "district_client", "outsider_client"],
)
def test_definitions_page_for_everyone(request, persona):
    response = request.getfixturevalue(persona).get(reverse("taxonomy:definitions"))
    assert response.status_code == 200
    page = response.content.decode()
    for term in (
        "Cooperation",
        "Coordination",
        "Collaboration",
        "Data-driven collaboration",
        "Collaborative planning",
    ):
        assert f">{term}</dt>" in page
    assert page.count('id="taxonomy-level-') == 10


def test_definitions_page_refuses_post(librarian_client):
    assert librarian_client.post(reverse("taxonomy:definitions")).status_code == 405


def test_rubric_page_links_to_the_definitions(librarian_client):
    response = librarian_client.get(reverse("taxonomy:rubric"))
    assert reverse("taxonomy:definitions").encode() in response.content


def test_pages_require_login(client):
    assert client.get(reverse("taxonomy:reflections")).status_code == 302
    assert client.get(reverse("taxonomy:definitions")).status_code == 302


# --- query budgets of the detail pages and the PDF ------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "budget"),
    [
        ("taxonomy", 3 + 1 + 3),  # session, user, membership; the reflection; its evidence (unit_activity)
        ("benefits", 3 + 1),  # the checklists are constants
        ("roadblocks", 3 + 1 + 2),  # the roadblocks and the action items, however many
    ],
)
def test_detail_query_budget(librarian_client, librarian, school, kind, budget, django_assert_num_queries):
    reflection = make(kind, school, librarian)
    if kind == "roadblocks":
        RoadblockFactory(reflection=reflection, position=2, category="culture")
        ActionItemFactory(reflection=reflection)
        ActionItemFactory(reflection=reflection, strategy="scheduling-2")
    with django_assert_num_queries(budget):
        assert librarian_client.get(url("reflection_detail", kind, reflection)).status_code == 200


def test_portfolio_query_budget(librarian_client, librarian, school, django_assert_num_queries):
    for day in (dt.date(2024, 10, 1), dt.date(2025, 10, 1), dt.date(2025, 11, 10)):
        TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=day)
    make("benefits", school, librarian)
    make("roadblocks", school, librarian)
    # session, user, membership (3); portfolio years (3); self-assessments up to the year's end (1) and the
    # evidence of the two in 2025-26 (3 each); benefits (1); roadblocks (1) with roadblocks and items (2).
    with django_assert_num_queries(3 + 3 + 1 + 2 * 3 + 1 + 1 + 2):
        response = librarian_client.get(reverse("taxonomy:portfolio_pdf"), {"year": "2025-26"})
    assert response.status_code == 200
