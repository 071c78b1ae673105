"""Top-level URL map."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Fair Hearing administration"
admin.site.site_title = "Fair Hearing"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # The public complaint and compliment forms (/complain/, /complain/young-person/, /compliment/):
    # the only pages open without signing in, besides the sign-in page. Every staff view signs in.
    path("", include("fairhearing.publicforms.urls")),
    path("", include("fairhearing.staff.urls")),
]
