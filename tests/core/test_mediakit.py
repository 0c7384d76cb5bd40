"""What a media kit says, from constructed records with known answers (no Qt, no database)."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from companion.core.accounts import Account
from companion.core.audience import Breakdown, Dimension, Share
from companion.core.mediakit import (
    ELSEWHERE,
    KitRecord,
    build_media_kit,
    compact_count,
    kit_date,
    short_caption,
)
from companion.core.mediakit_profile import (
    ALL_SECTIONS,
    ChosenPost,
    InvalidKit,
    KitChoices,
    KitProfile,
    KitSection,
    RateCardItem,
    default_theme,
    kit_themes,
    money_text,
    parse_sections,
    profile_problems,
    theme_by_id,
)
from companion.core.mediakit_profile import (
    Testimonial as Quote,
)
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.core.report import account_report
from companion.core.tiers import Tier, default_preset

TODAY = date(2026, 11, 20)
INSTAGRAM = Account(1, Platform.INSTAGRAM, "nina.eats", "Nina Ferreira")
YOUTUBE = Account(2, Platform.YOUTUBE, "NinaEats", "Nina Eats")


def history(followers_now: int, per_day: int, days: int = 120) -> list[tuple[date, int]]:
    start = TODAY - timedelta(days=days - 1)
    return [
        (start + timedelta(days=i), followers_now - per_day * (days - 1 - i)) for i in range(days)
    ]


def posts(account: Account, likes: int, count: int = 6, **metrics: int) -> list[Post]:
    return [
        Post(
            account.id,
            datetime.combine(TODAY - timedelta(days=3 * i + 1), datetime.min.time(), UTC),
            PostKind.REEL,
            id=account.id * 100 + i,
            caption=f"Post {i} in Lisbon 🌮 #food #travel",
            likes=likes + i,
            comments=0,
            **metrics,
        )
        for i in range(count)
    ]


def record(**changes: object) -> KitRecord:
    histories = {1: history(24_000, 20), 2: history(8_000, 5)}
    recent = {1: posts(INSTAGRAM, 900, reach=9_000), 2: posts(YOUTUBE, 160, views=4_000)}
    reports = [
        account_report(a, histories[a.id], recent[a.id], default_preset().thresholds, TODAY)
        for a in (INSTAGRAM, YOUTUBE)
    ]
    base = KitRecord(
        today=TODAY,
        reports=reports,
        histories=histories,
        recent_posts=recent,
        chosen_posts={},
        breakdowns={
            1: [Breakdown(Dimension.GENDER, TODAY, (Share("female", 0.7), Share("male", 0.3)))],
            2: [Breakdown(Dimension.GENDER, TODAY, (Share("female", 0.4), Share("male", 0.6)))],
        },
        partners=["Conservas Maré", "Bramble & Oat", "Conservas Maré"],
    )
    return replace(base, **changes)


def test_platform_figures_compare_each_account_with_its_tier_benchmark():
    kit = build_media_kit(record(), KitProfile(), KitChoices())
    instagram, youtube = kit.platforms
    assert instagram.followers == 24_000
    assert instagram.tier is Tier.MICRO
    assert instagram.engagement.mean == pytest.approx(902.5 / 23_830, rel=0.01)
    assert instagram.benchmark.engagement_rate == 0.04
    assert instagram.above_benchmark is False
    assert instagram.per_post_label == "reach" and instagram.per_post == 9_000
    assert youtube.per_post_label == "views" and youtube.per_post == 4_000
    assert youtube.tier is Tier.NANO
    assert instagram.growth.absolute == 20 * 90


def test_sources_are_numbered_once_each_and_borrowed_benchmarks_are_named():
    kit = build_media_kit(record(), KitProfile(), KitChoices())
    assert len(kit.sources) == 2
    assert [p.source_number for p in kit.platforms] == [1, 2]
    assert all("VERB" in source for source in kit.sources)
    assert kit.borrowed_benchmarks == ("YouTube",)


def test_key_figures_add_followers_and_weight_engagement_by_them():
    kit = build_media_kit(record(), KitProfile(), KitChoices())
    figures = kit.key_figures
    assert figures.total_followers == 32_000
    assert figures.gained_90_days == 20 * 90 + 5 * 90
    rates = [(p.followers, p.engagement.mean) for p in kit.platforms]
    assert figures.engagement_rate == pytest.approx(sum(f * r for f, r in rates) / 32_000)
    assert figures.partners == 2


def test_audience_is_weighted_by_followers():
    kit = build_media_kit(record(), KitProfile(), KitChoices())
    (gender,) = kit.audience
    shares = {s.label: s.share for s in gender.slices}
    assert shares["Female"] == pytest.approx((0.7 * 24_000 + 0.4 * 8_000) / 32_000)
    assert gender.accounts == 2


def test_countries_keep_the_largest_five_and_name_the_rest_elsewhere():
    countries = Breakdown(
        Dimension.COUNTRY,
        TODAY,
        tuple(
            Share(c, s)
            for c, s in zip(
                ["US", "GB", "PT", "ES", "CA", "DE", "FR"],
                [0.3, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05],
                strict=True,
            )
        ),
    )
    kit = build_media_kit(record(breakdowns={1: [countries]}), KitProfile(), KitChoices())
    (breakdown,) = kit.audience
    assert [s.label for s in breakdown.slices] == [
        "United States",
        "United Kingdom",
        "Portugal",
        "Spain",
        "Canada",
        ELSEWHERE,
    ]
    assert breakdown.slices[-1].share == pytest.approx(0.2)


def test_partners_are_names_only_once_each_and_only_when_chosen():
    kit = build_media_kit(record(), KitProfile(), KitChoices())
    assert kit.partners == ("Conservas Maré", "Bramble & Oat")
    without = KitChoices(sections=tuple(s for s in ALL_SECTIONS if s is not KitSection.PARTNERS))
    assert build_media_kit(record(), KitProfile(), without).partners == ()


def test_rates_and_testimonials_appear_only_when_their_sections_are_chosen():
    profile = KitProfile(
        rate_card=(RateCardItem("Reel", Decimal(450)),),
        testimonials=(Quote("Great work.", "Brand lead"),),
    )
    assert build_media_kit(record(), profile, KitChoices()).rate_card == profile.rate_card
    chosen = KitChoices(sections=(KitSection.PROFILE,))
    kit = build_media_kit(record(), profile, chosen)
    assert kit.rate_card == () and kit.testimonials == ()


def test_without_chosen_posts_the_best_of_the_last_90_days_are_shown():
    kit = build_media_kit(record(), KitProfile(), KitChoices())
    rates = [p.engagement_rate for p in kit.top_posts]
    assert len(rates) == 3 and rates == sorted(rates, reverse=True)
    assert kit.top_posts[0].caption == "Post 5 in Lisbon"


def test_chosen_posts_keep_the_creators_order_and_images():
    chosen = posts(YOUTUBE, 160, views=4_000)
    picks = (ChosenPost(chosen[2].id, "/photos/a.jpg"), ChosenPost(chosen[0].id))
    kit = build_media_kit(
        record(chosen_posts={p.id: p for p in chosen}), KitProfile(top_posts=picks), KitChoices()
    )
    assert [(p.caption, p.image_path) for p in kit.top_posts] == [
        ("Post 2 in Lisbon", "/photos/a.jpg"),
        ("Post 0 in Lisbon", None),
    ]


def test_the_kit_is_dated_by_its_newest_numbers_not_the_day_it_is_made():
    later = replace(record(), today=TODAY + timedelta(days=5))
    assert build_media_kit(later, KitProfile(), KitChoices()).as_of == TODAY
    assert kit_date(TODAY) == "20 November 2026"


def test_the_name_comes_from_the_profile_else_the_accounts():
    assert build_media_kit(record(), KitProfile(), KitChoices()).name == "Nina Ferreira"
    assert build_media_kit(record(), KitProfile(name=" Nina F. "), KitChoices()).name == "Nina F."


def test_short_caption_keeps_the_first_line_without_hashtags_or_emoji():
    assert short_caption("Pastéis 🥐 at home ☕️ #food\nsecond line") == "Pastéis at home"
    cut = short_caption("word " * 40, most=30)
    assert cut.endswith("…") and len(cut) <= 30


@pytest.mark.parametrize(
    ("value", "text"),
    [(8_134, "8,134"), (24_310, "24.3k"), (61_000, "61k"), (1_250_000, "1.2M")],
)
def test_compact_count(value, text):
    assert compact_count(value) == text


def test_sections_parse_in_kit_order_and_strangers_are_refused():
    assert parse_sections("audience, profile") == (KitSection.PROFILE, KitSection.AUDIENCE)
    with pytest.raises(InvalidKit, match="unknown section 'fees'"):
        parse_sections("profile,fees")
    with pytest.raises(InvalidKit, match="no section"):
        parse_sections(" , ")


def test_themes_come_from_resources_default_first():
    ids = [t.id for t in kit_themes()]
    assert ids[0] == default_theme().id == "fresh"
    assert {"fresh", "editorial", "midnight"} <= set(ids)
    assert theme_by_id("Editorial").display_font == "STIXGeneral"
    with pytest.raises(InvalidKit, match="choose one of fresh"):
        theme_by_id("neon")


def test_profile_problems_name_their_field():
    profile = KitProfile(
        bio="x" * 400,
        email="nina at example",
        rate_card=(RateCardItem("", Decimal(-1), "usd"),),
        testimonials=(Quote("  ", "A"),),
    )
    problems = profile_problems(profile)
    assert [p.split(":")[0] for p in problems] == [
        "Bio",
        "Email",
        "Rate card, row 1",
        "Rate card, row 1",
        "Rate card, row 1",
        "Testimonial 1",
    ]
    assert profile_problems(KitProfile(email="nina@example.com")) == []


def test_money_reads_as_creators_write_it():
    assert money_text(Decimal(1200), "USD") == "$1,200"
    assert money_text(Decimal("99.5"), "EUR") == "€99.50"
    assert money_text(Decimal(1500), "CHF") == "1,500 CHF"
