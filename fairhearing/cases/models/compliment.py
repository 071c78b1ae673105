"""Compliments: thanks a team received, and the quotation a report may use."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fairhearing.accounts.models import Team
from fairhearing.people.models import Child, Person

from ..choices import Channel
from ..kind_choices import ComplimentSource


class ComplimentQuerySet(models.QuerySet):
    def quotable(self) -> "ComplimentQuerySet":
        """Compliments a report may quote: the giver agreed, and a quotation without names exists."""
        return self.filter(consent_to_quote=True).exclude(quotation="")


class Compliment(models.Model):
    """A compliment about a team or a member of staff, from a family, a child or a professional."""

    reference = models.CharField(max_length=30, unique=True, editable=False)
    received_on = models.DateField(db_index=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="compliments")
    source = models.CharField(max_length=30, choices=ComplimentSource.choices)
    about = models.CharField(
        max_length=200, blank=True, help_text="Who or what it is about, e.g. Social worker."
    )
    words = models.TextField(help_text="What they said. May contain names: never quoted as it is.")
    quotation = models.TextField(
        blank=True, help_text='The words with names replaced by "X": the only version a report shows.'
    )
    consent_to_quote = models.BooleanField(default=False)
    shared_with_team_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComplimentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_with_team_on__isnull=True) | Q(shared_with_team_on__gte=F("received_on")),
                name="compliment_shared_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def quotable(self) -> bool:
        """A report may quote it only with consent and a prepared quotation."""
        return self.consent_to_quote and bool(self.quotation.strip())
