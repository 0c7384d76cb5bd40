"""What the creator tells a media kit: profile, rate card, testimonials, chosen posts, and the kit's look.

The record supplies the numbers; this is everything the creator types or picks, checked
here so a kit never shows a half-typed email or an empty rate.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache

from companion.core.resources import load_json

THEMES_FILE = "mediakit/themes.json"
BIO_MOST = 320
"""A kit's bio is read in seconds: about three lines under the name."""
QUOTE_MOST = 240
MOST_TOP_POSTS = 3
MOST_RATES = 6
MOST_TESTIMONIALS = 2
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$", "BRL": "R$"}


class KitSection(StrEnum):
    """The parts of a kit, in the order they are laid out."""

    PROFILE = "profile"
    KEY_FIGURES = "key_figures"
    PLATFORMS = "platforms"
    FOLLOWERS_CHART = "followers_chart"
    ENGAGEMENT_CHART = "engagement_chart"
    AUDIENCE = "audience"
    TOP_POSTS = "top_posts"
    PARTNERS = "partners"
    RATE_CARD = "rate_card"
    TESTIMONIALS = "testimonials"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    KitSection.PROFILE: "Name, photo, bio and contact",
    KitSection.KEY_FIGURES: "Key figures",
    KitSection.PLATFORMS: "Platforms: followers, tier, engagement, growth",
    KitSection.FOLLOWERS_CHART: "Followers over time (chart)",
    KitSection.ENGAGEMENT_CHART: "Engagement against the benchmark (chart)",
    KitSection.AUDIENCE: "Audience: countries, age, gender",
    KitSection.TOP_POSTS: "Top posts",
    KitSection.PARTNERS: "Past partners",
    KitSection.RATE_CARD: "Rate card",
    KitSection.TESTIMONIALS: "Testimonials",
}
ALL_SECTIONS = tuple(KitSection)


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return "A4" if self is Paper.A4 else "US Letter"


class InvalidKit(ValueError):
    """A choice or a typed value a kit cannot use; the message names the field."""


@dataclass(frozen=True)
class RateCardItem:
    """One thing the creator offers and what it costs, e.g. "Instagram Reel" from $450."""

    deliverable: str
    price: Decimal
    currency: str = "USD"
    note: str = ""

    @property
    def price_text(self) -> str:
        return money_text(self.price, self.currency)


@dataclass(frozen=True)
class Testimonial:
    quote: str
    attribution: str
    """As the creator wants it printed: "Marketing lead, Ferro & Fumo"."""


@dataclass(frozen=True)
class ChosenPost:
    """A post the creator picked for the kit, with a picture of it if they added one."""

    post_id: int
    image_path: str | None = None


@dataclass(frozen=True)
class KitProfile:
    """Everything about the creator a kit shows that is not in the record's numbers."""

    name: str = ""
    photo_path: str | None = None
    niche: str = ""
    location: str = ""
    bio: str = ""
    email: str = ""
    website: str = ""
    rate_card: tuple[RateCardItem, ...] = ()
    testimonials: tuple[Testimonial, ...] = ()
    top_posts: tuple[ChosenPost, ...] = ()
    """Empty: the kit picks the best posts of the last 90 days."""


@dataclass(frozen=True)
class KitTheme:
    """A kit's look: two fonts and a handful of colours (hex), from `resources/mediakit/themes.json`."""

    id: str
    name: str
    display_font: str
    display_bold: bool
    body_font: str
    band: str
    band_text: str
    band_muted: str
    accent: str
    accent_soft: str
    ink: str
    muted: str
    rule: str
    paper: str
    above: str
    below: str
    series: tuple[str, ...]


@dataclass(frozen=True)
class KitChoices:
    """What goes into the kit and how it looks; the last choices are remembered."""

    accounts: tuple[int, ...] | None = None
    """Account ids; None for every account."""
    sections: tuple[KitSection, ...] = ALL_SECTIONS
    theme: str = field(default_factory=lambda: default_theme().id)
    paper: Paper = Paper.A4


@cache
def kit_themes() -> tuple[KitTheme, ...]:
    """The themes offered, the default first."""
    data = load_json(THEMES_FILE)
    themes = tuple(KitTheme(**{**row, "series": tuple(row["series"])}) for row in data["themes"])
    return tuple(sorted(themes, key=lambda t: t.id != data["default"]))


def default_theme() -> KitTheme:
    return kit_themes()[0]


def theme_by_id(theme_id: str) -> KitTheme:
    """The theme with this id; raises InvalidKit naming the themes there are."""
    for theme in kit_themes():
        if theme.id == theme_id.strip().casefold():
            return theme
    known = ", ".join(t.id for t in kit_themes())
    raise InvalidKit(f"Theme: there is no theme {theme_id!r}; choose one of {known}.")


def parse_sections(text: str) -> tuple[KitSection, ...]:
    """'profile, platforms,audience' → the sections in kit order; raises InvalidKit for a stranger."""
    wanted = [name.strip().casefold().replace("-", "_") for name in text.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in {s.value for s in KitSection}]
    if unknown or not wanted:
        known = ", ".join(s.value for s in KitSection)
        what = f"unknown section {', '.join(map(repr, unknown))}" if unknown else "no section"
        raise InvalidKit(f"Sections: {what}; choose from {known}.")
    return tuple(section for section in KitSection if section.value in wanted)


def profile_problems(profile: KitProfile) -> list[str]:
    """What a kit cannot print as typed, each naming its field; empty when all is well."""
    problems = []
    if len(profile.bio) > BIO_MOST:
        problems.append(
            f"Bio: {len(profile.bio)} characters; a kit has room for {BIO_MOST} at most."
        )
    if profile.email and not _EMAIL.match(profile.email.strip()):
        problems.append(
            f"Email: {profile.email.strip()!r} is not an address such as nina@example.com."
        )
    for number, item in enumerate(profile.rate_card, start=1):
        if not item.deliverable.strip():
            problems.append(f"Rate card, row {number}: say what the rate is for.")
        if item.price < 0:
            problems.append(f"Rate card, row {number}: a price cannot be negative.")
        if not _CURRENCY.match(item.currency):
            problems.append(
                f"Rate card, row {number}: expected a currency code such as USD, "
                f"got {item.currency!r}."
            )
    for number, testimonial in enumerate(profile.testimonials, start=1):
        if not testimonial.quote.strip():
            problems.append(f"Testimonial {number}: the quote is empty.")
        elif len(testimonial.quote) > QUOTE_MOST:
            problems.append(
                f"Testimonial {number}: {len(testimonial.quote)} characters; "
                f"{QUOTE_MOST} at most fit."
            )
    return problems


def money_text(amount: Decimal, currency: str) -> str:
    """'$450', '€1,200', '1,500 CHF': whole amounts without cents, others with them."""
    places = 0 if amount == amount.to_integral_value() else 2
    number = f"{amount:,.{places}f}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"
