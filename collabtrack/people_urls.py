from django.urls import path

from collabtrack import people_views

app_name = "people"
urlpatterns = [
    path("", people_views.people, name="index"),
    path("invite/", people_views.invite, name="invite"),
    path("invite/directory/", people_views.invite_directory, name="invite_directory"),
    path("invitations/<int:pk>/resend/", people_views.resend, name="resend"),
    path("invitations/<int:pk>/revoke/", people_views.revoke, name="revoke"),
    path("members/<int:pk>/role/", people_views.change_role, name="change_role"),
    path("members/<int:pk>/remove/", people_views.remove, name="remove"),
]
