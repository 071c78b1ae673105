"""Letters: the complaints team's templates, and creating a letter on a complaint. Joined in
staff/urls.py before the complaint page pattern."""

from django.urls import path

from ..views import letters

urlpatterns = [
    path("letters/templates/", letters.letter_template_list, name="letter_template_list"),
    path("letters/templates/<int:pk>/edit/", letters.letter_template_edit, name="letter_template_edit"),
    path("complaints/<str:reference>/letters/new/", letters.letter_new, name="letter_new"),
    path("complaints/<str:reference>/letters/preview/", letters.letter_preview, name="letter_preview"),
    path("complaints/<str:reference>/letters/create/", letters.letter_create_page, name="letter_create"),
]
