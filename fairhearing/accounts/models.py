"""Users and teams."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from .roles import Role


class Team(models.Model):
    """A team or service area that complaints are about and that responds to them."""

    name = models.CharField(max_length=200, unique=True)
    service_area = models.CharField(
        max_length=200, blank=True, help_text="The wider service, e.g. Children in Care."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: council staff, or an external Investigating Officer or Independent Person."""

    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(
        max_length=200, blank=True, help_text="For people outside the council, e.g. an independent investigator's firm."
    )

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: Role | str) -> bool:
        """True if the user holds the role (active users only)."""
        if not self.is_active:
            return False
        return role in self.role_names

    @property
    def role_names(self) -> frozenset[str]:
        # Cached per instance: permission checks ask this many times per request.
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = frozenset(self.groups.values_list("name", flat=True))
            self._role_names = cached
        return cached
