"""Ombudsman (LGSCO) cases: the list, logging one, its page and the changes made from it. A case is
addressed by its id (its LGSCO reference has spaces in it); a recommendation or an evidence file by
its id under its case's address, and the view checks it belongs to that case."""

from django.urls import path

from ..views import ombudsman, ombudsman_decisions, ombudsman_handler, ombudsman_recommendations

CASE = "ombudsman/<int:pk>/"
RECOMMENDATION = CASE + "recommendations/<int:recommendation_pk>/"

urlpatterns = [
    path("ombudsman/", ombudsman.ombudsman_case_list, name="ombudsman_case_list"),
    path("ombudsman/new/", ombudsman.ombudsman_case_new, name="ombudsman_case_new"),
    path(CASE, ombudsman.ombudsman_case_detail, name="ombudsman_case_detail"),
    path(CASE + "edit/", ombudsman.ombudsman_case_edit, name="ombudsman_case_edit"),
    path(CASE + "handler/", ombudsman_handler.ombudsman_case_assign_page, name="ombudsman_case_assign"),
    path(CASE + "complaints/link/", ombudsman.ombudsman_case_link_complaint_page,
         name="ombudsman_case_link_complaint"),
    path(CASE + "draft-decision/", ombudsman_decisions.ombudsman_case_draft_decision,
         name="ombudsman_case_draft_decision"),
    path(CASE + "decision/", ombudsman_decisions.ombudsman_case_decision, name="ombudsman_case_decision"),
    path(CASE + "historic-decision/", ombudsman_decisions.ombudsman_case_historic_decision,
         name="ombudsman_case_historic_decision"),
    path(CASE + "recommendations/new/", ombudsman_recommendations.ombudsman_recommendation_add,
         name="ombudsman_recommendation_add"),
    path(RECOMMENDATION + "complied/", ombudsman_recommendations.ombudsman_recommendation_complied,
         name="ombudsman_recommendation_complied"),
    path(RECOMMENDATION + "not-complied/", ombudsman_recommendations.ombudsman_recommendation_not_complied,
         name="ombudsman_recommendation_not_complied"),
    path(RECOMMENDATION + "evidence/new/", ombudsman_recommendations.ombudsman_evidence_upload,
         name="ombudsman_evidence_upload"),
    path(CASE + "evidence/<int:evidence_pk>/download/", ombudsman_recommendations.ombudsman_evidence_download,
         name="ombudsman_evidence_download"),
]
