"""The media kit's profile and last choices in the database, and what a kit reads from the record."""

from dataclasses import replace
from decimal import Decimal

import pytest

from companion.core.mediakit_profile import (
    ChosenPost,
    KitChoices,
    KitProfile,
    KitSection,
    Paper,
    RateCardItem,
    profile_problems,
)
from companion.core.mediakit_profile import Testimonial as Quote
from companion.store.database import open_store
from companion.store.errors import DatabaseReadOnly
from companion.store.mediakit import (
    CHOICES_KEY,
    PROFILE_KEY,
    chosen_accounts,
    demo_profile_row,
    load_choices,
    load_profile,
    save_choices,
    save_profile,
    shareable_partners,
)
from companion.store.settings import load_settings

PROFILE = KitProfile(
    name="Nina",
    photo_path="/photos/nina.jpg",
    niche="Food",
    location="Lisbon",
    bio="Markets and kitchens.",
    email="nina@example.com",
    website="nina.example",
    rate_card=(RateCardItem("Reel", Decimal("450.50"), "EUR", "one round of edits"),),
    testimonials=(Quote("Lovely to work with.", "Brand lead"),),
    top_posts=(ChosenPost(7, "/photos/post.jpg"), ChosenPost(9)),
)


@pytest.fixture
def store(db_path):
    opened = open_store(db_path)
    yield opened
    opened.close()


def test_a_new_record_has_an_empty_profile_and_default_choices(store):
    assert load_profile(store) == KitProfile()
    assert load_choices(store) == KitChoices()


def test_the_profile_comes_back_as_saved(store, db_path):
    save_profile(store, PROFILE)
    store.close()
    with open_store(db_path) as reopened:
        assert load_profile(reopened) == PROFILE


def test_the_last_choices_are_remembered(store):
    choices = KitChoices(
        accounts=(2, 3),
        sections=(KitSection.PROFILE, KitSection.AUDIENCE),
        theme="midnight",
        paper=Paper.LETTER,
    )
    save_choices(store, choices)
    assert load_choices(store) == choices


def test_unreadable_or_stale_values_fall_back_to_defaults(store):
    with store.transaction():
        store.db["setting"].upsert_all(
            [
                {"key": PROFILE_KEY, "value": "{not json"},
                {
                    "key": CHOICES_KEY,
                    "value": '{"theme": "gone", "paper": "a3", "sections": ["fees"]}',
                },
            ],
            pk="key",
        )
    assert load_profile(store) == KitProfile()
    assert load_choices(store) == KitChoices()


def test_a_rate_with_an_unreadable_price_is_left_out(store):
    save_profile(store, PROFILE)
    store.conn.execute(
        "UPDATE setting SET value = replace(value, '450.50', 'lots') WHERE key = ?", (PROFILE_KEY,)
    )
    assert load_profile(store).rate_card == ()
    assert load_profile(store).testimonials == PROFILE.testimonials


def test_kit_settings_do_not_disturb_the_app_settings(store):
    before = load_settings(store)
    save_profile(store, PROFILE)
    save_choices(store, KitChoices(theme="editorial"))
    assert load_settings(store) == before


def test_a_read_only_database_refuses_and_keeps_its_profile(store, db_path):
    save_profile(store, PROFILE)
    store.close()
    with open_store(db_path, read_only=True) as reader:
        with pytest.raises(DatabaseReadOnly):
            save_profile(reader, replace(PROFILE, name="Changed"))
        assert load_profile(reader) == PROFILE


def test_partners_are_brands_of_shareable_deals_only(store):
    with store.transaction():
        for brand_id, name in ((1, "Shown"), (2, "Hidden"), (3, "Also shown")):
            store.db["brand"].insert({"id": brand_id, "name": name, "contact": "Private Person"})
        for brand_id, shareable, updated in (
            (1, 1, "2026-10"),
            (2, 0, "2026-11"),
            (3, 1, "2026-11"),
            (1, 1, "2026-01"),
        ):
            store.db["deal"].insert(
                {
                    "brand_id": brand_id,
                    "title": "t",
                    "kind": "gifted",
                    "stage": "paid",
                    "currency": "USD",
                    "shareable": shareable,
                    "created": updated,
                    "updated": updated,
                }
            )
    assert shareable_partners(store) == ["Also shown", "Shown"]


def test_chosen_accounts_are_those_still_in_the_record(store):
    with store.transaction():
        for handle in ("a", "b"):
            store.db["account"].insert(
                {"platform": "instagram", "handle": handle, "created": "2026-01-01"}
            )
    assert [a.handle for a in chosen_accounts(store, KitChoices())] == ["a", "b"]
    assert [a.handle for a in chosen_accounts(store, KitChoices(accounts=(2, 99)))] == ["b"]


def test_the_demo_profile_fills_every_part_a_creator_types(store):
    with store.transaction():
        store.db["setting"].upsert(demo_profile_row(), pk="key")
    profile = load_profile(store)
    assert profile.name and profile.bio and profile.niche and profile.location
    assert profile.email and profile.rate_card and profile.testimonials
    assert profile_problems(profile) == []
