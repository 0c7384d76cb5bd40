"""The target-country list read from resources/countries.json."""

import json
import re

import pytest

from companion.core.countries import (
    Country,
    all_countries,
    country_by_code,
    country_name,
    fold,
    is_country_code,
    matches,
    summarise,
)
from companion.core.resources import resource_path


def test_every_officially_assigned_iso_3166_code_is_there_once():
    countries = all_countries()
    codes = [c.code for c in countries]
    assert len(countries) == 249
    assert len(set(codes)) == 249
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    assert all(c.name.strip() == c.name and c.name for c in countries)


def test_the_resource_file_is_code_to_name():
    data = json.loads(resource_path("countries.json").read_text(encoding="utf-8"))
    assert data["countries"]["PT"] == "Portugal"
    assert data["countries"]["GB"] == "United Kingdom"


def test_countries_are_in_alphabetical_order_of_name_ignoring_accents():
    names = [c.name for c in all_countries()]
    assert names[:3] == ["Afghanistan", "Åland Islands", "Albania"]
    assert names == sorted(names, key=fold)


@pytest.mark.parametrize(
    ("code", "name"),
    [("US", "United States"), ("gb", "United Kingdom"), ("KR", "South Korea"), ("XK", "XK")],
)
def test_country_name(code: str, name: str):
    assert country_name(code) == name


def test_lookup_by_code():
    assert country_by_code("pt") == Country("PT", "Portugal")
    assert country_by_code("ZZ") is None
    assert is_country_code("de")
    assert not is_country_code("UK")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", True),
        ("port", True),
        ("PORTUGAL", True),
        ("  portugal ", True),
        ("pt", True),
        ("p", True),
        ("spain", False),
        ("es", False),
    ],
)
def test_search_by_part_of_the_name_or_the_exact_code(query: str, found: bool):
    assert matches(Country("PT", "Portugal"), query) is found


def test_search_ignores_accents_and_case():
    assert matches(country_by_code("TR"), "turk")
    assert matches(country_by_code("CI"), "cote d'ivoire")
    assert matches(country_by_code("AX"), "aland")


def test_summary_keeps_the_order_they_were_chosen_in():
    assert summarise(("US", "GB", "PT")) == "US, GB, PT"
    assert summarise(()) == ""
