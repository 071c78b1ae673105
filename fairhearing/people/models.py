"""People a representation is from or about.

The same person or child can appear on many records (linked records pages list them together).
Equality monitoring data is special category data: it lives in its own table, is optional, is never
used for decisions and is only ever reported in aggregate.
"""

from django.db import models

from .choices import (
    CaseSystem,
    ContactPreference,
    Disability,
    Ethnicity,
    Gender,
    LegalStatus,
    Religion,
)


class Person(models.Model):
    """Someone who makes a representation: a parent, carer, young person, advocate, professional."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_preference = models.CharField(
        max_length=20, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="For advocates and professionals."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class Child(models.Model):
    """A child or young person a representation is about."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    legal_status = models.CharField(
        max_length=30, choices=LegalStatus.choices, default=LegalStatus.OTHER
    )
    case_system = models.CharField(max_length=20, choices=CaseSystem.choices, blank=True)
    case_system_id = models.CharField(
        max_length=50, blank=True,
        help_text="The child's ID in the social care case system, for reference only.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name", "first_name"], name="child_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class ChildMonitoring(models.Model):
    """Equality monitoring for a child: optional, aggregated only, kept apart from the case."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="monitoring")
    gender = models.CharField(max_length=1, choices=Gender.choices, default=Gender.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    disability = models.CharField(max_length=4, choices=Disability.choices, default=Disability.NOBT)
    religion = models.CharField(
        max_length=20, choices=Religion.choices, default=Religion.NOT_ANSWERED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "child monitoring data"
        verbose_name_plural = "child monitoring data"

    def __str__(self) -> str:
        return f"Monitoring data #{self.pk}"
