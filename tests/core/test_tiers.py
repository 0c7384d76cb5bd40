"""Audience tiers against REFERENCE.md §1, for each preset, and where an account stands."""

from datetime import date

import pytest

from companion.core.accounts import (
    Account,
    AccountStanding,
    Snapshot,
    creator_name,
    standing_of,
    standings,
)
from companion.core.platforms import Platform
from companion.core.tiers import (
    InvalidThresholds,
    Tier,
    TierThresholds,
    default_preset,
    next_tier,
    preset_by_id,
    tier_for,
    tier_presets,
)

STANDARD = preset_by_id("standard").thresholds
BROAD_MICRO = preset_by_id("micro-1k-100k").thresholds
NARROW_MICRO = preset_by_id("micro-10k-80k").thresholds


def test_the_presets_are_the_three_definitions_in_the_reference_default_first():
    assert [p.id for p in tier_presets()] == ["standard", "micro-1k-100k", "micro-10k-80k"]
    assert default_preset().id == "standard"
    assert all(p.source for p in tier_presets())


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, Tier.EMERGING),
        (999, Tier.EMERGING),
        (1_000, Tier.NANO),
        (9_999, Tier.NANO),
        (10_000, Tier.MICRO),
        (99_999, Tier.MICRO),
        (100_000, Tier.MACRO),
        (999_999, Tier.MACRO),
        (1_000_000, Tier.MEGA),
        (250_000_000, Tier.MEGA),
    ],
)
def test_standard_preset(followers: int, tier: Tier):
    assert tier_for(followers, STANDARD) is tier


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (999, Tier.EMERGING),
        (1_000, Tier.MICRO),
        (9_999, Tier.MICRO),
        (10_000, Tier.MICRO),
        (99_999, Tier.MICRO),
        (100_000, Tier.MACRO),
        (1_000_000, Tier.MEGA),
    ],
)
def test_broad_micro_preset_has_no_nano(followers: int, tier: Tier):
    assert tier_for(followers, BROAD_MICRO) is tier
    assert not BROAD_MICRO.exists(Tier.NANO)


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (999, Tier.EMERGING),
        (1_000, Tier.NANO),
        (9_999, Tier.NANO),
        (10_000, Tier.MICRO),
        (79_999, Tier.MICRO),
        (80_000, Tier.MACRO),
        (999_999, Tier.MACRO),
        (1_000_000, Tier.MEGA),
    ],
)
def test_narrow_micro_preset_has_macro_from_80k(followers: int, tier: Tier):
    assert tier_for(followers, NARROW_MICRO) is tier


@pytest.mark.parametrize(
    ("thresholds", "followers", "expected"),
    [
        (STANDARD, 0, (Tier.NANO, 1_000)),
        (STANDARD, 999, (Tier.NANO, 1_000)),
        (STANDARD, 6_588, (Tier.MICRO, 10_000)),
        (STANDARD, 24_000, (Tier.MACRO, 100_000)),
        (STANDARD, 100_000, (Tier.MEGA, 1_000_000)),
        (STANDARD, 1_000_000, None),
        (BROAD_MICRO, 500, (Tier.MICRO, 1_000)),
        (NARROW_MICRO, 61_000, (Tier.MACRO, 80_000)),
    ],
)
def test_next_tier(thresholds: TierThresholds, followers: int, expected):
    assert next_tier(followers, thresholds) == expected


def test_next_tier_skips_a_tier_the_preset_folds_away():
    assert next_tier(999, BROAD_MICRO) == (Tier.MICRO, 1_000)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ((0, 10_000, 100_000, 1_000_000), "Nano must start at 1 follower"),
        ((1_000, 500, 100_000, 1_000_000), "Micro must start at or above Nano"),
        ((1_000, 10_000, 100_000, 50_000), "Mega must start at or above Macro"),
    ],
)
def test_thresholds_that_cannot_describe_tiers_are_refused(values, message: str):
    with pytest.raises(InvalidThresholds, match=message):
        TierThresholds(*values)


def test_equal_thresholds_fold_a_tier_away():
    folded = TierThresholds(1_000, 10_000, 10_000, 1_000_000)
    assert not folded.exists(Tier.MICRO)
    assert tier_for(10_000, folded) is Tier.MACRO


def test_tier_labels_read_as_words():
    assert [t.label for t in Tier] == ["Emerging", "Nano", "Micro", "Macro", "Mega"]


# Where an account stands: its tier and the distance to the next (core/accounts.py)

INSTAGRAM = Account(1, Platform.INSTAGRAM, "mayaeats", "Maya Lopes")
DAY = date(2026, 11, 20)


def test_standing_counts_the_followers_still_needed_for_the_next_tier():
    standing = standing_of(INSTAGRAM, Snapshot(1, DAY, 6_588), STANDARD)
    assert standing == AccountStanding(INSTAGRAM, 6_588, DAY, Tier.NANO, Tier.MICRO, 3_412)


def test_standing_at_the_top_tier_has_no_next_tier():
    standing = standing_of(INSTAGRAM, Snapshot(1, DAY, 1_200_000), STANDARD)
    assert (standing.tier, standing.next_tier, standing.followers_to_next) == (
        Tier.MEGA,
        None,
        None,
    )


def test_standing_follows_the_thresholds_it_is_given():
    snapshot = Snapshot(1, DAY, 85_000)
    assert standing_of(INSTAGRAM, snapshot, STANDARD).tier is Tier.MICRO
    narrow = standing_of(INSTAGRAM, snapshot, NARROW_MICRO)
    assert (narrow.tier, narrow.next_tier, narrow.followers_to_next) == (
        Tier.MACRO,
        Tier.MEGA,
        915_000,
    )
    emerging = standing_of(INSTAGRAM, Snapshot(1, DAY, 640), BROAD_MICRO)
    assert (emerging.tier, emerging.next_tier, emerging.followers_to_next) == (
        Tier.EMERGING,
        Tier.MICRO,
        360,
    )


def test_standings_leave_out_accounts_without_numbers():
    youtube = Account(2, Platform.YOUTUBE, "MayaEatsTheWorld")
    result = standings([INSTAGRAM, youtube], {2: Snapshot(2, DAY, 8_000)}, STANDARD)
    assert [s.account for s in result] == [youtube]


def test_handles_are_shown_the_way_the_platform_shows_them():
    assert INSTAGRAM.shown_handle == "@mayaeats"
    assert Account(2, Platform.TIKTOK, "@mayaeats").shown_handle == "@mayaeats"
    assert Account(3, Platform.NEWSLETTER, "Maya's Table").shown_handle == "Maya's Table"


def test_creator_name_is_the_display_name_most_accounts_share():
    accounts = [
        INSTAGRAM,
        Account(2, Platform.TIKTOK, "mayaeats", "Maya Lopes"),
        Account(3, Platform.YOUTUBE, "MayaEatsTheWorld", "Maya Eats The World"),
        Account(4, Platform.X, "maya", None),
    ]
    assert creator_name(accounts) == "Maya Lopes"
    assert creator_name([Account(4, Platform.X, "maya", "  ")]) is None


def test_creator_name_on_a_tie_is_the_first_accounts():
    accounts = [
        Account(1, Platform.YOUTUBE, "MayaEatsTheWorld", "Maya Eats The World"),
        Account(2, Platform.TIKTOK, "mayaeats", "Maya Lopes"),
    ]
    assert creator_name(accounts) == "Maya Eats The World"
    assert creator_name(reversed(accounts)) == "Maya Lopes"
