"""Staff URLs. Each feature keeps its own patterns in routes/<feature>.py so features can grow
independently; more specific paths (e.g. complaints/new/) come before the complaint page."""

from .routes import (
    access,
    case,
    caselist,
    dashboard,
    documents,
    intake,
    letters,
    people,
    records,
    reports,
    steps,
)

app_name = "staff"

urlpatterns = [
    *dashboard.urlpatterns,
    *intake.urlpatterns,
    *caselist.urlpatterns,
    *steps.urlpatterns,
    *documents.urlpatterns,
    *letters.urlpatterns,
    *access.urlpatterns,
    *reports.urlpatterns,
    *records.urlpatterns,
    *people.urlpatterns,
    *case.urlpatterns,
]
