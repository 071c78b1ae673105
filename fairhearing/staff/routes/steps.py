"""One URL per lifecycle step, taken from the step registry: complaints/<reference>/steps/<step>/,
named staff:step_<step> (hyphens become underscores), e.g. staff:step_extend."""

from django.urls import path

from ..steps import STEPS
from ..views import steps

urlpatterns = [
    path(f"complaints/<str:reference>/steps/{step.name}/", steps.complaint_step,
         {"step_name": step.name}, name=step.url_name)
    for step in STEPS
]
