"""Finding a child or family: a name, a date of birth or the child's case-system ID.

The form is posted, never sent with GET: its words are usually a child's or a parent's name, and
a name must not reach a URL, a browser history or a server log (docs/adr/0006). The view keeps
what was asked in the user's session and puts only a random key in the results page's address.
"""

from typing import Any

from django import forms

from fairhearing.core.forms import GovukDateField
from fairhearing.people.selectors import SEARCH_MAX_LENGTH


class PeopleSearchForm(forms.Form):
    """Who to look for. At least one of the two boxes must be filled in."""

    words = forms.CharField(
        label="Name or case-system ID", required=False, max_length=SEARCH_MAX_LENGTH,
        help_text="A child's or a family member's first name, last name or both, or the child's ID "
                  "in the social care case system",
        error_messages={"max_length": f"Name or case-system ID must be {SEARCH_MAX_LENGTH} characters or fewer"},
    )
    born_on = GovukDateField(
        label="Date of birth", required=False,
        help_text="Finds children only. For example, 27 3 2012",
    )

    def clean_words(self) -> str:
        return " ".join(self.cleaned_data.get("words", "").split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("words") and not cleaned.get("born_on") and not self.errors:
            self.add_error("words", "Enter a name, a case-system ID or a date of birth")
        return cleaned
