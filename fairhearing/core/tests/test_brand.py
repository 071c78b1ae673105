"""The council's branding: the brand colour check, the logo check and the shared context."""

import pytest

from fairhearing.core.checks import (
    check_brand_colour,
    check_council_logo,
    contrast_ratio,
    is_hex_colour,
)
from fairhearing.core.context_processors import council, council_brand


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#fff", "#000", 21.0),
        ("#1d70b8", "#ffffff", 5.17),  # GOV.UK blue
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA
    ],
)
def test_contrast_ratio_follows_wcag(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("value", ["#0b0c0c", "#FFF", "#1d70B8"])
def test_hex_colours_are_recognised(value):
    assert is_hex_colour(value)


@pytest.mark.parametrize("value", ["", "0b0c0c", "#0b0c0", "#gggggg", "red", "#0b0c0c;x", None])
def test_other_values_are_not_hex_colours(value):
    assert not is_hex_colour(value)


@pytest.mark.parametrize("colour", ["#0b0c0c", "#1d70b8", "#767676", "#00703c"])
def test_dark_enough_colours_pass(settings, colour):
    settings.COUNCIL_BRAND_COLOUR = colour
    assert check_brand_colour() == []


@pytest.mark.parametrize("colour", ["blue", "#12345", "", "url(x)"])
def test_a_colour_that_is_not_hex_warns(settings, colour):
    settings.COUNCIL_BRAND_COLOUR = colour
    [warning] = check_brand_colour()
    assert warning.id == "fairhearing.W001"
    assert "not a hex colour" in warning.msg


@pytest.mark.parametrize("colour", ["#ffdd00", "#777777", "#ffffff", "#5694ca"])
def test_a_colour_too_light_for_white_text_warns(settings, colour):
    settings.COUNCIL_BRAND_COLOUR = colour
    [warning] = check_brand_colour()
    assert warning.id == "fairhearing.W001"
    assert "contrast ratio" in warning.msg


def test_a_missing_static_logo_warns(settings):
    settings.COUNCIL_LOGO = "council/no-such-logo.png"
    [warning] = check_council_logo()
    assert warning.id == "fairhearing.W002"


@pytest.mark.parametrize("logo", ["", "https://example.org/logo.svg", "fairhearing/favicon.svg"])
def test_no_logo_a_full_address_or_a_real_static_file_passes(settings, logo):
    settings.COUNCIL_LOGO = logo
    assert check_council_logo() == []


def test_the_checks_run_with_django_check():
    from django.core.checks import registry

    assert check_brand_colour in registry.registry.get_checks()


def test_brand_context_falls_back_to_black_for_a_bad_colour(settings):
    settings.COUNCIL_BRAND_COLOUR = "red; background: url(evil)"
    assert council_brand()["brand_colour"] == "#0b0c0c"


def test_brand_context_has_names_colour_and_logo(settings):
    settings.COUNCIL_NAME = "Barsetshire County Council"
    settings.COUNCIL_SERVICE_NAME = "Complaints"
    settings.COUNCIL_BRAND_COLOUR = "#1d70b8"
    settings.COUNCIL_LOGO = "council/logo.svg"
    assert council_brand() == {
        "council_name": "Barsetshire County Council",
        "service_name": "Complaints",
        "brand_colour": "#1d70b8",
        "council_logo_url": "/static/council/logo.svg",
    }


def test_a_full_logo_address_is_used_as_it_is(settings):
    settings.COUNCIL_LOGO = "https://cdn.example.org/logo.png"
    assert council_brand()["council_logo_url"] == "https://cdn.example.org/logo.png"


def test_context_processor_passes_a_csp_nonce_when_there_is_one(rf):
    request = rf.get("/")
    assert council(request)["csp_nonce"] == ""
    request.csp_nonce = "abc123"
    assert council(request)["csp_nonce"] == "abc123"
