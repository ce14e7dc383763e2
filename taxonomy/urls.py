from django.urls import path, re_path

from taxonomy import views

app_name = "taxonomy"
KIND = r"(?P<kind>taxonomy|benefits|roadblocks)"
urlpatterns = [
    path("rubric/", views.rubric, name="rubric"),
    path("definitions/", views.definitions, name="definitions"),
    path("reflections/", views.reflection_index, name="reflections"),
    path("reflections/shared/", views.shared_reflections, name="shared_reflections"),
    path("reflections/portfolio/", views.portfolio_pdf, name="portfolio_pdf"),
    re_path(rf"^reflections/{KIND}/new/$", views.reflection_create, name="reflection_create"),
    re_path(rf"^reflections/{KIND}/(?P<pk>[0-9]+)/$", views.reflection_detail, name="reflection_detail"),
    re_path(rf"^reflections/{KIND}/(?P<pk>[0-9]+)/edit/$", views.reflection_edit, name="reflection_edit"),
    re_path(rf"^reflections/{KIND}/(?P<pk>[0-9]+)/share/$", views.reflection_share, name="reflection_share"),
    re_path(
        rf"^reflections/{KIND}/(?P<pk>[0-9]+)/delete/$", views.reflection_delete, name="reflection_delete"
    ),
    path("reflections/roadblocks/<int:pk>/actions/", views.action_item_create, name="action_item_create"),
    path("reflections/actions/<int:pk>/done/", views.action_item_done, name="action_item_done"),
]
