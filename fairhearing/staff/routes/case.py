from django.urls import path

from ..views import case

urlpatterns = [
    path("complaints/<str:reference>/", case.complaint_detail, name="complaint_detail"),
]
