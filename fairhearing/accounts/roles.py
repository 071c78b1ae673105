"""The roles people have in a council complaints service.

Each role is a Django group of the same name, created by a data migration. Permission predicates
ask "does this user hold role X", never "is this user in group 'X'" spelt out in a view.
"""

from django.db import models


class Role(models.TextChoices):
    COMPLAINTS_MANAGER = "complaints_manager", "Complaints manager"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    RESPONDING_MANAGER = "responding_manager", "Responding manager"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    INVESTIGATOR = "investigator", "Investigating Officer or Independent Person"
    LEARNING_LEAD = "learning_lead", "Learning lead"
    REPORT_READER = "report_reader", "Report reader"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles that run the procedure for every case: they see and act on all complaints.
COMPLAINTS_TEAM_ROLES = frozenset({Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER})
