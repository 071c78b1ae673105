"""Members' enquiries: the list, logging one, and each enquiry's page and changes. An enquiry's
address carries its reference (e.g. ENQ-2022-0001), never a name."""

from django.urls import path

from ..views import enquiries

urlpatterns = [
    path("records/enquiries/", enquiries.enquiry_list, name="enquiry_list"),
    path("records/enquiries/new/", enquiries.enquiry_new, name="enquiry_new"),
    path("records/enquiries/<str:reference>/", enquiries.enquiry_detail, name="enquiry_detail"),
    path("records/enquiries/<str:reference>/change/", enquiries.enquiry_edit, name="enquiry_edit"),
    path("records/enquiries/<str:reference>/response/", enquiries.enquiry_respond_page, name="enquiry_respond"),
    path("records/enquiries/<str:reference>/complaint/", enquiries.enquiry_link, name="enquiry_link"),
]
