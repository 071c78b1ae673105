"""Initial feedback (concerns): the list, logging one, and each concern's page and steps. A
concern's address carries its reference (e.g. CON-2022-0001), never a name."""

from django.urls import path

from ..views import concerns

urlpatterns = [
    path("records/initial-feedback/", concerns.concern_list, name="concern_list"),
    path("records/initial-feedback/new/", concerns.concern_new, name="concern_new"),
    path("records/initial-feedback/<str:reference>/", concerns.concern_detail, name="concern_detail"),
    path("records/initial-feedback/<str:reference>/change/", concerns.concern_edit, name="concern_edit"),
    path("records/initial-feedback/<str:reference>/send/", concerns.concern_send, name="concern_send"),
    path("records/initial-feedback/<str:reference>/resolved/", concerns.concern_resolve_page,
         name="concern_resolve"),
    path("records/initial-feedback/<str:reference>/close/", concerns.concern_close_page, name="concern_close"),
    path("records/initial-feedback/<str:reference>/complaint/", concerns.concern_convert, name="concern_convert"),
]
