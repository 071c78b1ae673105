"""Emails: the wording of each email the system sends, and the outbox."""

from django.urls import path

from ..views import emails

urlpatterns = [
    path("emails/templates/", emails.email_template_list, name="email_template_list"),
    path("emails/templates/<str:key>/edit/", emails.email_template_edit, name="email_template_edit"),
    path("emails/outbox/", emails.email_outbox, name="email_outbox"),
    path("emails/outbox/<int:pk>/retry/", emails.email_outbox_retry, name="email_outbox_retry"),
]
