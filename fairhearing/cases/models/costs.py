"""What the complaints service spent: fees, payments to complainants, publicity (seed 003, 1.8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..kind_choices import CostKind
from .complaint import Complaint


class Cost(models.Model):
    """One item of expenditure, on a complaint (and its stage) or on the service as a whole."""

    kind = models.CharField(max_length=30, choices=CostKind.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2, help_text="In pounds.")
    incurred_on = models.DateField(db_index=True)
    # Kept when a complaint is deleted (for example at the end of its retention period): the
    # year's expenditure must still add up.
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="costs"
    )
    # Named, not imported: the stages app sits above this one.
    stage = models.ForeignKey(
        "stages.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="costs"
    )
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-incurred_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cost_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: £{self.amount:,.2f}"
