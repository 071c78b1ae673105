"""Reports: the form, the report on screen, its downloads, and one page per written part
(staff:report_text_executive_summary, staff:report_text_conclusion). A report's options travel
as GET parameters, so none of these addresses has arguments of its own."""

from django.urls import path

from fairhearing.reports.choices import TextSection

from ..views import reports

urlpatterns = [
    path("reports/", reports.report_choose, name="reports"),
    path("reports/report/", reports.report_show, name="report"),
    path("reports/download/", reports.report_download, name="report_download"),
    *[
        path(f"reports/{section.value.replace('_', '-')}/", reports.report_text_edit, {"section": section.value},
             name=f"report_text_{section.value}")
        for section in TextSection
    ],
]
