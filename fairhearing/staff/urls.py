"""Staff URLs. Each feature keeps its own patterns in routes/<feature>.py so features can grow
independently; more specific paths (e.g. complaints/new/) come before the complaint page."""

from .routes import (
    access,
    case,
    caselist,
    compliments,
    concerns,
    costs,
    dashboard,
    documents,
    emails,
    enquiries,
    imports,
    intake,
    learning,
    letters,
    ombudsman,
    online,
    people,
    records,
    reports,
    resolutions,
    steps,
)

app_name = "staff"

urlpatterns = [
    *dashboard.urlpatterns,
    *imports.urlpatterns,
    *intake.urlpatterns,
    *caselist.urlpatterns,
    *steps.urlpatterns,
    *documents.urlpatterns,
    *letters.urlpatterns,
    *emails.urlpatterns,
    *access.urlpatterns,
    *reports.urlpatterns,
    *records.urlpatterns,
    *compliments.urlpatterns,
    *enquiries.urlpatterns,
    *concerns.urlpatterns,
    *resolutions.urlpatterns,
    *costs.urlpatterns,
    *ombudsman.urlpatterns,
    *learning.urlpatterns,
    *online.urlpatterns,
    *people.urlpatterns,
    *case.urlpatterns,
]
