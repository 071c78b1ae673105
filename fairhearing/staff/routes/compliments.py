"""Compliments: the list, logging one, and each compliment's page and changes. A compliment's
address carries its reference (e.g. CMP-2022-0001), never a name or its words."""

from django.urls import path

from ..views import compliments

urlpatterns = [
    path("records/compliments/", compliments.compliment_list, name="compliment_list"),
    path("records/compliments/new/", compliments.compliment_new, name="compliment_new"),
    path("records/compliments/<str:reference>/", compliments.compliment_detail, name="compliment_detail"),
    path("records/compliments/<str:reference>/change/", compliments.compliment_edit, name="compliment_edit"),
    path("records/compliments/<str:reference>/quotation/", compliments.compliment_quotation,
         name="compliment_quotation"),
    path("records/compliments/<str:reference>/shared/", compliments.compliment_shared, name="compliment_shared"),
]
