from django.urls import path

from ..views import caselist

urlpatterns = [
    path("complaints/", caselist.complaint_list, name="complaint_list"),
]
