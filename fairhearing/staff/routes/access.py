"""The access page of a complaint and the changes posted from it (restrict, lift, exclude, include)."""

from django.urls import path

from ..views import access

urlpatterns = [
    path("complaints/<str:reference>/access/", access.complaint_access, name="complaint_access"),
    path("complaints/<str:reference>/access/restrict/", access.complaint_access_restrict,
         name="complaint_access_restrict"),
    path("complaints/<str:reference>/access/lift/", access.complaint_access_lift, name="complaint_access_lift"),
    path("complaints/<str:reference>/access/exclude/", access.complaint_access_exclude,
         name="complaint_access_exclude"),
    path("complaints/<str:reference>/access/include/", access.complaint_access_include,
         name="complaint_access_include"),
]
