"""Costs pages, under the Records hub. A cost has no reference, so its address carries its id."""

from django.urls import path

from ..views import costs

urlpatterns = [
    path("records/costs/", costs.cost_list, name="cost_list"),
    path("records/costs/new/", costs.cost_new, name="cost_new"),
    path("records/costs/<int:pk>/", costs.cost_detail, name="cost_detail"),
    path("records/costs/<int:pk>/edit/", costs.cost_edit, name="cost_edit"),
    path("records/costs/<int:pk>/delete/", costs.cost_delete_page, name="cost_delete"),
]
