"""Public URLs: no sign-in. Mounted at the site root by config/urls.py, so the addresses are short
(/complain/, /complain/young-person/, /compliment/). Question pages are named by fixed words
(/complain/what-happened/), never by anything the person typed."""

from django.urls import path

from . import views

app_name = "publicforms"


def _flow_urls(prefix: str, flow_slug: str) -> list:
    kwargs = {"flow_slug": flow_slug}
    return [
        path(f"{prefix}", views.start, kwargs, name=f"{flow_slug}_start"),
        path(f"{prefix}check-your-answers/", views.check, kwargs, name=f"{flow_slug}_check"),
        path(f"{prefix}sent/", views.sent, kwargs, name=f"{flow_slug}_sent"),
        path(f"{prefix}<slug:step>/", views.step, kwargs, name=f"{flow_slug}_step"),
    ]


urlpatterns = [
    # The young person's form first: "young-person" would otherwise be read as a question's name.
    *_flow_urls("complain/young-person/", "young_person"),
    *_flow_urls("complain/", "complaint"),
    *_flow_urls("compliment/", "compliment"),
]
