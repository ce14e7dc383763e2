from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from collabtrack import mail_views, people_views, views
from collabtrack.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("schools/choose/", views.school_choose, name="choose_school"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("account/notifications/", mail_views.notification_settings, name="notification_settings"),
    path("unsubscribe/<str:token>/", mail_views.unsubscribe, name="unsubscribe"),
    path("units/", include("units.urls")),
    path("reports/", include("reports.urls")),
    path("district/", include("reports.district_urls")),
    path("taxonomy/", include("taxonomy.urls")),
    path("data/", include("reports.imports.urls")),
    path("jobs/", include("collabtrack.job_urls")),
    path("people/", include("collabtrack.people_urls")),
    path("invitations/<str:key>/", people_views.accept, name="invitation_accept"),
    # Before django.contrib.auth's own "login": the same page with the username's length checked.
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("sso/", include("collabtrack.sso_urls")),
    path("admin/", admin.site.urls),
]
