from django.urls import path

from ..views import intake

urlpatterns = [
    path("complaints/new/", intake.complaint_new, name="complaint_new"),
]
