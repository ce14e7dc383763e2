from django.urls import path

from taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("rubric/", views.rubric, name="rubric"),
]
