from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/<str:reference>/", views.complaint_detail, name="complaint_detail"),
]
