"""What the initial feedback page tests share: the pages' addresses."""

from django.urls import reverse

LIST = reverse("staff:concern_list")
NEW = reverse("staff:concern_new")


def url(name: str, concern) -> str:
    return reverse(f"staff:{name}", args=[concern.reference])
