"""Code lists for online submissions."""

from django.db import models


class SubmissionKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    COMPLIMENT = "compliment", "Compliment"


class FormVersion(models.TextChoices):
    """Which public form was used: the wording differs, the answers are the same."""

    ADULT = "adult", "Adult's form"
    YOUNG_PERSON = "young_person", "Young person's form"


class SubmissionStatus(models.TextChoices):
    """Where a submission is in the complaints team's queue."""

    NEW = "new", "New"
    LOGGED = "logged", "Logged"
    CLOSED = "closed", "Closed without logging"


class AdvocateWish(models.TextChoices):
    """Whether the child or young person would like an advocate (s26A Children Act 1989)."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class ContactMethod(models.TextChoices):
    """How the person would like to be contacted. The values are people.ContactPreference's."""

    EMAIL = "email", "Email"
    TELEPHONE = "telephone", "Phone"
    LETTER = "letter", "Post"


class CloseReason(models.TextChoices):
    """Why a submission was closed without being logged as a complaint or a compliment."""

    SPAM = "spam", "Spam or nonsense"
    DUPLICATE = "duplicate", "Duplicate of another submission or record"
    TEST = "test", "A test, not a real submission"
    LOGGED_ANOTHER_WAY = "logged_another_way", "Logged another way, for example as a Member's enquiry"
    OTHER = "other", "Another reason"


class ThrottledAction(models.TextChoices):
    """What the throttle counts per client address."""

    SUBMISSION = "submission", "Form sent"
    UPLOAD = "upload", "File uploaded"
