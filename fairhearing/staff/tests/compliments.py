"""What the compliment page tests share: the pages' addresses."""

from django.urls import reverse

LIST = reverse("staff:compliment_list")
NEW = reverse("staff:compliment_new")


def detail(compliment) -> str:
    return reverse("staff:compliment_detail", args=[compliment.reference])


def url(name: str, compliment) -> str:
    return reverse(f"staff:{name}", args=[compliment.reference])
