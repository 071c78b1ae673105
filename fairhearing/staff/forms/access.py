"""Forms of the access page: restrict a complaint to named people, exclude people, include them again.

Each form picks people from a list the view supplies (``cases.access.access_candidates``), so a
posted id that is not on the list (someone already excluded, an inactive account, the user
themselves) is refused as an invalid choice rather than reaching the service.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet


class PeopleField(forms.ModelMultipleChoiceField):
    """Checkboxes of people, each labelled with their name and job title or organisation."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        detail = obj.job_title or obj.organisation
        return f"{obj} ({detail})" if detail else str(obj)


class _PeopleForm(forms.Form):
    """A list of people to tick; subclasses give the label, hint and messages."""

    label = ""
    help_text = ""
    required = True
    required_message = ""

    def __init__(self, *args: Any, people: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"] = PeopleField(
            queryset=people, required=self.required, label=self.label, help_text=self.help_text,
            error_messages={
                "required": self.required_message,
                "invalid_choice": "Choose people from the list",
                "invalid_pk_value": "Choose people from the list",
            },
        )


class RestrictForm(_PeopleForm):
    """Who may see the complaint (the person saving is always included)."""

    prefix = "restrict"
    label = "Who else may see this complaint"
    help_text = (
        "You will always be included. Naming someone does not give them more than their role allows: "
        "a responding manager still sees only their own teams' complaints."
    )
    required = False


class ExcludeForm(_PeopleForm):
    """People to exclude, e.g. staff the complaint is about."""

    prefix = "exclude"
    label = "Who to exclude"
    help_text = "Select everyone who must not see this complaint, such as staff it is about."
    required_message = "Select at least one person to exclude"


class IncludeForm(_PeopleForm):
    """Excluded people to let back in."""

    prefix = "include"
    label = "Who to include again"
    help_text = "Their role will decide again whether they can see this complaint."
    required_message = "Select at least one person to include again"
