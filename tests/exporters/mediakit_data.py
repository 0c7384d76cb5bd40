"""The demo creator's record and a filled-in kit profile, for media kit tests; and reading a PDF's text."""

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf

from companion.core.mediakit_profile import KitProfile, RateCardItem, Testimonial
from companion.demo import generate_demo
from companion.store.database import open_store
from companion.store.mediakit import save_profile

TODAY = date(2026, 11, 20)

PROFILE = KitProfile(
    name="Nina Ferreira",
    niche="Food & travel",
    location="Lisbon, Portugal",
    bio="I cook my way through markets and kitchens across Europe and Asia.",
    email="hello@ninaeatsabroad.com",
    website="ninaeatsabroad.com",
    rate_card=(
        RateCardItem("Instagram Reel", Decimal(650)),
        RateCardItem("YouTube integration", Decimal(1200), note="60 to 90 seconds"),
    ),
    testimonials=(Testimonial("She knows her audience and it shows.", "Brand manager, Maré"),),
)


def demo_database(folder: Path, profile: KitProfile | None = PROFILE) -> Path:
    """The demo creator on TODAY, with the kit profile saved (unless None)."""
    path = folder / "companion.sqlite"
    with open_store(path) as store:
        generate_demo(store, today=TODAY)
        if profile is not None:
            save_profile(store, profile)
    return path


def pdf_text(data: bytes | Path) -> str:
    """All the PDF's text as a brand would copy it: words separated by single spaces."""
    source = data if isinstance(data, Path) else io.BytesIO(data)
    reader = pypdf.PdfReader(source)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)
