"""Countries a creator can target (ISO 3166-1 alpha-2), read from `resources/countries.json`."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from companion.core.resources import load_json


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@cache
def all_countries() -> tuple[Country, ...]:
    """Every country, in alphabetical order of its name (accents ignored)."""
    names: dict[str, str] = load_json("countries.json")["countries"]
    countries = (Country(code, name) for code, name in names.items())
    return tuple(sorted(countries, key=lambda c: fold(c.name)))


@cache
def _by_code() -> dict[str, Country]:
    return {country.code: country for country in all_countries()}


def country_by_code(code: str) -> Country | None:
    return _by_code().get(code.upper())


def is_country_code(code: str) -> bool:
    return code.upper() in _by_code()


def country_name(code: str) -> str:
    """The country's name, or the code itself when it is not an assigned code."""
    country = country_by_code(code)
    return country.name if country else code


def fold(text: str) -> str:
    """Lower case without accents, so 'turk' finds Türkiye and 'cote' finds Côte d'Ivoire."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(country: Country, query: str) -> bool:
    """Whether a search finds this country: by its exact code or by part of its name."""
    wanted = fold(query.strip())
    return not wanted or wanted == country.code.lower() or wanted in fold(country.name)


def summarise(codes: Iterable[str]) -> str:
    """('US', 'GB', 'PT') → 'US, GB, PT' — the chosen codes in the order they were chosen."""
    return ", ".join(codes)
