"""Nothing private reaches a media kit: fees, addresses, notes and brands' contact people are planted
in the record, and the kit's text (as pypdf extracts it) is searched for each of them."""

import io

import pytest

from companion.core.mediakit_profile import ALL_SECTIONS, KitChoices, theme_by_id
from companion.exporters.mediakit_pdf import export_media_kit
from companion.store.database import open_store
from companion.store.mediakit import load_media_kit
from tests.exporters.mediakit_data import TODAY, demo_database, pdf_text

PRIVATE_BRAND = {
    "contact": "Prudence Whitlock",
    "email": "prudence.whitlock@secret-brand.example",
    "notes": "Ship to: 17 Hidden Lane, Flat 4B, Porto 4000-001",
    "website": "https://private-portal.secret-brand.example",
}
PRIVATE_DEAL = {
    "fee": "48731",
    "product_value": "9917",
    "discount_code": "NINAQUIET77",
    "affiliate_url": "https://aff.example/nina-private-link",
    "usage_rights": "Paid usage until 2031 in DACH only",
    "invoice_no": "NF-PRIVATE-0042",
    "notes": "Agreed over the phone: half up front, never mention the budget",
    "title": "Confidential spring relaunch",
}
HIDDEN_BRAND = "Quietly Unshareable Ltd"


@pytest.fixture(scope="module")
def kit_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = demo_database(tmp_path_factory.mktemp("private"))
    with open_store(path) as store:
        shareable = store.query(
            "SELECT brand_id FROM deal WHERE shareable = 1 ORDER BY id LIMIT 1"
        )[0]["brand_id"]
        with store.transaction():
            store.db["brand"].update(shareable, PRIVATE_BRAND)
            store.db["deal"].insert(
                {
                    **PRIVATE_DEAL,
                    "brand_id": shareable,
                    "kind": "sponsored_post",
                    "stage": "paid",
                    "currency": "USD",
                    "shareable": 1,
                    "created": "2026-10-01T10:00:00+00:00",
                    "updated": "2026-10-02T10:00:00+00:00",
                }
            )
            hidden = store.db["brand"].insert({"name": HIDDEN_BRAND}).last_pk
            store.db["deal"].insert(
                {
                    "brand_id": hidden,
                    "title": "Not to be shown",
                    "kind": "gifted",
                    "stage": "paid",
                    "currency": "USD",
                    "shareable": 0,
                    "created": "2026-10-01T10:00:00+00:00",
                    "updated": "2026-11-01T10:00:00+00:00",
                }
            )
        kit = load_media_kit(store, KitChoices(sections=ALL_SECTIONS), TODAY)
        partners = kit.partners
    buffer = io.BytesIO()
    export_media_kit(kit, theme_by_id("fresh"), KitChoices().paper, buffer)
    assert partners, "the kit shows partners, so the private fields had every chance to leak"
    return pdf_text(buffer.getvalue())


@pytest.mark.parametrize("field", sorted(PRIVATE_BRAND))
def test_no_brand_contact_detail_appears(kit_text, field):
    assert PRIVATE_BRAND[field].casefold() not in kit_text.casefold()


@pytest.mark.parametrize("field", sorted(PRIVATE_DEAL))
def test_no_deal_detail_appears(kit_text, field):
    value = PRIVATE_DEAL[field]
    assert value.casefold() not in kit_text.casefold()
    if value.isdigit():
        assert f"{int(value):,}" not in kit_text


def test_brands_of_unshareable_deals_are_not_named(kit_text):
    assert HIDDEN_BRAND not in kit_text


def test_no_address_or_email_from_the_demo_brands_appears(kit_text):
    for private in ("Rua da Rosa", "@conservasmare.pt", "Joana Figueiredo", "WhatsApp", "PO 4471"):
        assert private not in kit_text


def test_shareable_brands_are_named(kit_text):
    assert "Nomada Stays" in kit_text and "Conservas Maré" in kit_text
