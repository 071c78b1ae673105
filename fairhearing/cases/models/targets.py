"""Local settings for the representations besides complaints: response targets and the counters
that number their references."""

from django.db import models
from django.db.models import Q

from ..kind_choices import DEFAULT_TARGET_DAYS, ReferenceKind, TargetKind


class LocalTarget(models.Model):
    """A council's own response target in working days (no law sets it), editable by an
    administrator. Each record copies the target when it is logged, so a change applies only to
    records logged afterwards."""

    kind = models.CharField(max_length=30, choices=TargetKind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(
        default=DEFAULT_TARGET_DAYS[TargetKind.ENQUIRY_RESPONSE],
        help_text="Working days to respond, counted from the day after the record was received.",
    )
    description = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(condition=Q(working_days__gte=1), name="local_target_at_least_one_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days} working days"


class KindReferenceCounter(models.Model):
    """The last reference number issued for one kind of record in one year; the row is locked
    while a number is taken, so references stay unique when two officers save at once."""

    kind = models.CharField(max_length=20, choices=ReferenceKind.choices)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="kind_reference_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.last_number}"
