"""The creator's settings: what is refused, and the round trip through the database."""

import json
from pathlib import Path

import pytest

from companion.core.settings import (
    CUSTOM_PRESET,
    InvalidSetting,
    Settings,
    parse_country_list,
)
from companion.core.tiers import TierThresholds, default_preset, preset_by_id
from companion.store.database import open_store
from companion.store.settings import load_settings, save_settings

CUSTOM = TierThresholds(500, 5_000, 50_000, 500_000)


def test_defaults_are_the_standard_tiers_in_us_dollars_with_no_markets():
    settings = Settings()
    assert settings.tier_preset == default_preset().id
    assert settings.thresholds == default_preset().thresholds
    assert settings.currency == "USD"
    assert settings.target_countries == ()


@pytest.mark.parametrize("currency", ["usd", "US", "EURO", "", "U$D", "12A"])
def test_a_currency_that_is_not_an_iso_4217_code_is_refused(currency: str):
    with pytest.raises(InvalidSetting, match="Currency: expected a three-letter ISO 4217 code"):
        Settings(currency=currency)


@pytest.mark.parametrize("countries", [("us",), ("USA",), ("GB", "U"), ("",), ("G1",)])
def test_a_country_that_is_not_a_two_letter_code_is_refused(countries: tuple[str, ...]):
    with pytest.raises(InvalidSetting, match="Target countries: expected two-letter ISO 3166"):
        Settings(target_countries=countries)


def test_an_unknown_tier_preset_is_refused():
    with pytest.raises(InvalidSetting, match="Tier preset: unknown preset 'tiny'"):
        Settings(tier_preset="tiny")


def test_with_changes_validates_the_new_value():
    with pytest.raises(InvalidSetting):
        Settings().with_changes(currency="eu")
    assert Settings().with_changes(currency="EUR").currency == "EUR"


def test_thresholds_in_force_follow_the_preset_or_the_custom_values():
    narrow = Settings(tier_preset="micro-10k-80k", custom_thresholds=CUSTOM)
    assert narrow.thresholds == preset_by_id("micro-10k-80k").thresholds
    assert narrow.with_changes(tier_preset=CUSTOM_PRESET).thresholds == CUSTOM


def test_parse_country_list_upper_cases_and_drops_duplicates_keeping_order():
    assert parse_country_list(" us, de GB;us ") == ("US", "DE", "GB")
    assert parse_country_list("") == ()


def test_settings_survive_a_save_and_a_reopen(db_path: Path):
    chosen = Settings(
        tier_preset=CUSTOM_PRESET,
        custom_thresholds=CUSTOM,
        currency="EUR",
        target_countries=("US", "GB", "PT"),
    )
    with open_store(db_path) as store:
        assert load_settings(store) == Settings()
        save_settings(store, chosen)
    with open_store(db_path) as store:
        assert load_settings(store) == chosen


@pytest.mark.parametrize(
    ("key", "stored"),
    [
        ("currency", "{not json"),
        ("currency", json.dumps(42)),
        ("target_countries", json.dumps("US")),
        ("tier_preset", json.dumps(["standard"])),
        ("custom_thresholds", json.dumps([1, 2, 3, 4])),
    ],
)
def test_an_unreadable_value_falls_back_to_its_default(db_path: Path, key: str, stored: str):
    with open_store(db_path) as store:
        save_settings(store, Settings(currency="GBP", target_countries=("PT",)))
        with store.transaction():
            store.db["setting"].upsert({"key": key, "value": stored}, pk="key")
        loaded = load_settings(store)
    assert getattr(loaded, key) == getattr(Settings(), key)
    untouched = {"currency", "target_countries"} - {key}
    for other in untouched:
        assert getattr(loaded, other) == getattr(
            Settings(currency="GBP", target_countries=("PT",)), other
        )


def test_values_that_no_longer_validate_fall_back_to_their_defaults(db_path: Path):
    with open_store(db_path) as store:
        with store.transaction():
            store.db["setting"].upsert_all(
                [
                    {"key": "currency", "value": json.dumps("euro")},
                    {"key": "tier_preset", "value": json.dumps("gone-preset")},
                ],
                pk="key",
            )
        loaded = load_settings(store)
    assert loaded.currency == "USD"
    assert loaded.tier_preset == default_preset().id
