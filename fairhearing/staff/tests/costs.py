"""What the costs page tests share: the pages' addresses, what the record and change pages post,
and a cost as it is stored."""

from django.urls import reverse

from fairhearing.cases.models import Cost

from .test_resolutions import dated

LIST, NEW = reverse("staff:cost_list"), reverse("staff:cost_new")


def cost_post(**overrides) -> dict[str, str]:
    data = {"kind": "publicity", "amount": "250", "incurred_on_day": "4", "incurred_on_month": "4",
            "incurred_on_year": "2022", "complaint": "", "stage_number": "", "description": "Leaflets for schools"}
    data.update(overrides)
    return data


def delete_url(cost: Cost) -> str:
    return reverse("staff:cost_delete", args=[cost.pk])


def detail_url(cost: Cost) -> str:
    return reverse("staff:cost_detail", args=[cost.pk])


def edit_url(cost: Cost) -> str:
    return reverse("staff:cost_edit", args=[cost.pk])


def edit_post(cost: Cost, **overrides) -> dict[str, str]:
    """The change page as it is first shown (what was recorded), with ``overrides`` typed over it."""
    data = {"kind": cost.kind, "amount": f"{cost.amount:.2f}", **dated("incurred_on", cost.incurred_on),
            "complaint": cost.complaint.reference if cost.complaint else "",
            "stage_number": str(cost.stage.number) if cost.stage else "", "description": cost.description}
    data.update(overrides)
    return data


def stored(cost: Cost) -> tuple:
    cost = Cost.objects.get(pk=cost.pk)
    return (cost.kind, cost.amount, cost.incurred_on, cost.complaint_id, cost.stage_id, cost.description)
