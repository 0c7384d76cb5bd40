"""Audience health: each component on its own, bought and organic jumps, missing data, the demo creator."""

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.accounts import Account, Snapshot
from companion.core.follower_jumps import MatchedBy
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.core.quality import (
    Component,
    QualityInputs,
    QualityReport,
    audience_health,
    creator_health,
)
from companion.core.quality_rules import ComponentRule, quality_rules
from companion.core.tiers import default_preset
from companion.demo import build_demo

TODAY = date(2026, 11, 20)
INSTAGRAM = Account(1, Platform.INSTAGRAM, "mayaeats")
TIKTOK = Account(2, Platform.TIKTOK, "mayaeats")
THRESHOLDS = default_preset().thresholds


# --- building histories -------------------------------------------------------------------------


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


def snapshots(
    gains: Sequence[int],
    start: int = 20_000,
    reach: Sequence[int | None] | None = None,
    account: Account = INSTAGRAM,
    missing: frozenset[int] = frozenset(),
) -> list[Snapshot]:
    """A snapshot a day ending today: followers grow by `gains` (the first day has none);
    `missing` are indexes of days without a snapshot (gaps, not zeros)."""
    result, followers = [], start
    first = day(len(gains) - 1)
    for index, gain in enumerate(gains):
        followers += gain if index else 0
        if index in missing:
            continue
        reached = reach[index] if reach is not None else None
        result.append(Snapshot(account.id, first + timedelta(days=index), followers, reach=reached))
    return result


def noisy_gains(days: int, per_day: int = 20, seed: int = 4) -> list[int]:
    rng = random.Random(seed)
    return [max(0, round(rng.gauss(per_day, per_day * 0.3))) for _ in range(days)]


def noisy_reach(days: int, level: int = 3_000, seed: int = 5) -> list[int]:
    rng = random.Random(seed)
    return [round(level * rng.lognormvariate(0, 0.15)) for _ in range(days)]


def post(
    days_ago: int,
    likes: int | None,
    comments: int | None = None,
    shares: int | None = None,
    saves: int | None = None,
    reach: int | None = None,
    account: Account = INSTAGRAM,
) -> Post:
    published = datetime.combine(day(days_ago), time(18), UTC)
    return Post(
        account.id,
        published,
        PostKind.POST,
        likes=likes,
        comments=comments,
        shares=shares,
        saves=saves,
        reach=reach,
    )


def regular_posts(days: int, likes: int = 700, every: int = 3, **counts: int) -> list[Post]:
    """A post every few days, each with the same counts."""
    return [post(ago, likes, **counts) for ago in range(1, days, every)]


def inputs(
    history: Sequence[Snapshot],
    posts: Sequence[Post] = (),
    countries: dict[str, float] | None = None,
    targets: tuple[str, ...] = (),
    account: Account = INSTAGRAM,
) -> QualityInputs:
    return QualityInputs(
        account=account,
        today=TODAY,
        snapshots=history,
        posts=posts,
        country_shares=countries or {},
        breakdown_date=day(10) if countries else None,
        target_countries=targets,
        thresholds=THRESHOLDS,
    )


def component(report: QualityReport, which: Component):
    return next(j for j in report.components if j.component is which)


def only(which: Component, rules=None):
    """The rules with every other component weighted 0: a score that is this component's alone."""
    rules = rules or quality_rules()
    weights = {
        c: replace(r, weight=r.weight if c is which else 0.0) for c, r in rules.components.items()
    }
    return replace(rules, components=weights, min_judged_weight=0.0)


# --- the scale ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-1.0, 0.0), (0.0, 0.0), (0.25, 0.0), (0.625, 0.4), (1.0, 0.8), (1.25, 0.9), (9.0, 1.0)],
)
def test_a_scale_joins_its_points_with_straight_lines(value: float, expected: float):
    rule = ComponentRule(25, ((0.0, 0.0), (0.25, 0.0), (1.0, 0.8), (1.5, 1.0)))
    assert rule.sub_score(value) == pytest.approx(expected)


def test_the_weights_share_out_100_points_and_every_component_says_why_its_figures():
    rules = quality_rules()
    assert sum(rule.weight for rule in rules.components.values()) == 100
    assert set(rules.components) == set(Component)
    assert rules.band(85) == "Healthy" and rules.band(39.9) == "Needs attention"


# --- engagement against the tier benchmark -----------------------------------------------------

FLAT = snapshots([0] * 120)  # 20,000 followers every day: Micro, benchmark 4 %


@pytest.mark.parametrize(
    ("likes", "sub_score", "advice"),
    [
        (800, 0.8, "Above the benchmark"),  # 4 % of 20,000 followers
        (1_500, 1.0, "Above the benchmark"),
        (400, 0.267, "About 400 more likes, comments, shares or saves per post"),
        (100, 0.0, "About 700 more likes, comments, shares or saves per post"),
    ],
)
def test_engagement_is_the_median_rate_against_the_tier_benchmark(likes, sub_score, advice):
    report = audience_health(inputs(FLAT, regular_posts(90, likes=likes)))
    judged = component(report, Component.ENGAGEMENT)
    assert judged.sub_score == pytest.approx(sub_score, abs=0.01)
    assert judged.compared_with == "Micro benchmark 4 %"
    assert judged.source.startswith("VERB article")
    assert advice in judged.advice


def test_engagement_below_three_posts_or_below_nano_cannot_be_judged():
    few = component(audience_health(inputs(FLAT, regular_posts(6))), Component.ENGAGEMENT)
    assert not few.judged
    assert few.value_text == "2 posts with an engagement rate in the last 90 days; 3 needed."
    small = snapshots([1] * 60, start=400)
    emerging = component(audience_health(inputs(small, regular_posts(60))), Component.ENGAGEMENT)
    assert not emerging.judged
    assert emerging.value_text == "No published benchmark below the Nano tier (1,000 followers)."


def test_another_platforms_benchmark_counts_at_half_weight():
    tiktok = snapshots([20] * 120, account=TIKTOK)
    posts = [replace(p, account_id=TIKTOK.id) for p in regular_posts(90, likes=800)]
    report = audience_health(inputs(tiktok, posts, account=TIKTOK))
    judged = component(report, Component.ENGAGEMENT)
    assert judged.compared_with == "Micro benchmark 4 % (Instagram's; 50 % weight)"
    assert "no figure for TikTok" in judged.source
    assert judged.weight_factor == 0.5


# --- reach, interactions, countries, steadiness -------------------------------------------------


@pytest.mark.parametrize(
    ("reach", "sub_score"), [(4_000, 0.8), (8_000, 1.0), (2_000, 0.5), (200, 0.0)]
)
def test_reach_per_follower_is_the_median_posts_reach_over_followers(reach, sub_score):
    report = audience_health(inputs(FLAT, regular_posts(90, reach=reach)))
    judged = component(report, Component.REACH)
    assert judged.sub_score == pytest.approx(sub_score, abs=0.02)
    assert judged.compared_with == "20 % of followers per post"
    assert judged.source.startswith("House default")


def test_reach_unknown_is_left_out_of_the_score_not_counted_as_zero():
    report = audience_health(inputs(FLAT, regular_posts(90, likes=800)))
    judged = component(report, Component.REACH)
    assert not judged.judged and judged.points is None
    assert judged.value_text.startswith("0 posts with a known reach")
    assert sum(j.max_points for j in report.components if j.judged) == pytest.approx(100)


@pytest.mark.parametrize(
    ("counts", "sub_score", "text"),
    [
        (
            {"comments": 50, "shares": 25, "saves": 30},
            0.8,
            "15 comments, shares and saves per 100 likes",
        ),
        ({"comments": 70, "shares": 35}, 0.8, "15 comments and shares per 100 likes"),
        ({"comments": 300}, 1.0, "43 comments per 100 likes"),
        ({"comments": 14}, 0.1, "2 comments per 100 likes"),
    ],
)
def test_comments_shares_and_saves_are_weighed_against_likes(counts, sub_score, text):
    report = audience_health(inputs(FLAT, regular_posts(90, likes=700, **counts)))
    judged = component(report, Component.INTERACTIONS)
    assert judged.sub_score == pytest.approx(sub_score, abs=0.02)
    assert judged.value_text.startswith(text)


def test_likes_alone_say_nothing_about_interactions():
    judged = component(audience_health(inputs(FLAT, regular_posts(90))), Component.INTERACTIONS)
    assert not judged.judged


@pytest.mark.parametrize(
    ("countries", "targets", "sub_score", "text"),
    [
        ({"US": 0.3, "GB": 0.2, "BR": 0.5}, ("US", "GB"), 0.8, "50 % in US, GB"),
        ({"United States": 0.1, "br": 0.9}, ("US",), 0.2, "10 % in US"),
        ({"US": 0.8, "GB": 0.2}, ("US", "GB"), 1.0, "100 % in US, GB"),
    ],
)
def test_the_audience_in_the_target_countries(countries, targets, sub_score, text):
    report = audience_health(inputs(FLAT, countries=countries, targets=targets))
    judged = component(report, Component.TARGET_COUNTRIES)
    assert judged.sub_score == pytest.approx(sub_score, abs=0.01)
    assert judged.value_text.startswith(text)


def test_countries_need_targets_and_a_breakdown():
    no_targets = audience_health(inputs(FLAT, countries={"US": 1.0}))
    assert "Settings ▸ Target countries" in component(no_targets, Component.TARGET_COUNTRIES).advice
    no_breakdown = audience_health(inputs(FLAT, targets=("US",)))
    judged = component(no_breakdown, Component.TARGET_COUNTRIES)
    assert not judged.judged and judged.value_text == "No country breakdown for this account yet."
    far = audience_health(inputs(FLAT, countries={"US": 0.1, "BR": 0.9}, targets=("US",)))
    assert (
        "The biggest group outside your markets is BR (90 %)"
        in component(far, Component.TARGET_COUNTRIES).advice
    )


@pytest.mark.parametrize(
    ("gains", "sub_score", "text"),
    [
        ([20] * 200, 1.0, "Median week +140 followers, typically ± 0 %; 26 of 26 weeks grew"),
        ([0] * 200, 0.3, "Not growing: median week +0 followers (0 of 26 weeks grew)"),
    ],
)
def test_steady_growth_is_the_spread_of_weekly_gains(gains, sub_score, text):
    judged = component(audience_health(inputs(snapshots(gains))), Component.GROWTH_STEADINESS)
    assert judged.sub_score == pytest.approx(sub_score, abs=0.01)
    assert judged.value_text.startswith(text)


def test_uneven_weeks_earn_less_than_steady_ones():
    weekly = [0, 400, 10, 0, 300, 0, 50, 600] * 4
    gains = [gain if weekday == 0 else 0 for gain in weekly for weekday in range(7)]
    judged = component(audience_health(inputs(snapshots(gains))), Component.GROWTH_STEADINESS)
    assert judged.sub_score < 0.4
    assert judged.advice.startswith("Uneven weeks")


def test_a_week_with_a_gap_counts_at_its_daily_rate_not_as_a_week_of_zeros():
    gappy = snapshots([20] * 200, missing=frozenset(range(150, 156)))
    judged = component(audience_health(inputs(gappy)), Component.GROWTH_STEADINESS)
    assert judged.sub_score == pytest.approx(1.0)


# --- follower jumps ------------------------------------------------------------------------------

DAYS = 200
SPIKE = 40  # days ago


def test_a_bought_spike_is_flagged_with_its_numbers():
    """Followers jump by 2,500 in a day; reach and engagement stay as they were."""
    gains = noisy_gains(DAYS)
    gains[DAYS - 1 - SPIKE] += 2_500
    history = snapshots(gains, reach=noisy_reach(DAYS))
    report = audience_health(inputs(history, regular_posts(DAYS, likes=800, comments=40)))
    (jump,) = report.flagged_days
    assert jump.day == day(SPIKE)
    assert jump.change == gains[DAYS - 1 - SPIKE]
    assert 15 <= jump.usual <= 25
    assert jump.robust_z > 50
    assert jump.reach_ratio == pytest.approx(1.0, abs=0.2)
    assert jump.engagement_ratio == pytest.approx(1.0, abs=0.1)
    judged = component(report, Component.FOLLOWER_JUMPS)
    assert judged.sub_score < 0.2
    assert judged.value_text.startswith("1 day with jumps not matched by engagement or reach: +2,")
    assert "Brands will ask about these days" in judged.advice


def test_an_organic_viral_week_is_not_flagged():
    """Followers, reach and a post's engagements rise together for a week."""
    gains = noisy_gains(DAYS)
    reach = noisy_reach(DAYS)
    viral = (300, 1_500, 1_800, 1_200, 700, 400, 200)
    for offset, extra in enumerate(viral):
        index = DAYS - 1 - SPIKE + offset
        gains[index] += extra
        reach[index] *= 6 - offset * 0.6
    posts = regular_posts(DAYS, likes=800, comments=40)
    posts.append(post(SPIKE, likes=25_000, comments=1_900))
    report = audience_health(inputs(snapshots(gains, reach=reach), posts))
    assert report.flagged_days == ()
    assert len(report.jumps) >= 4
    assert {jump.matched_by for jump in report.jumps} == {MatchedBy.REACH}
    judged = component(report, Component.FOLLOWER_JUMPS)
    assert judged.sub_score == 1.0
    assert judged.value_text.startswith("None unmatched in 365 days (")


def test_a_viral_post_matches_a_jump_where_reach_is_unknown():
    gains = noisy_gains(DAYS)
    gains[DAYS - 1 - SPIKE] += 2_000
    posts = regular_posts(DAYS, likes=800)
    posts.append(post(SPIKE + 1, likes=30_000))
    report = audience_health(inputs(snapshots(gains), posts))
    (jump,) = report.jumps
    assert jump.matched_by is MatchedBy.ENGAGEMENT and not jump.flagged


def test_a_jump_with_nothing_known_around_it_is_flagged():
    gains = noisy_gains(DAYS)
    gains[DAYS - 1 - SPIKE] += 2_000
    (jump,) = audience_health(inputs(snapshots(gains))).flagged_days
    assert jump.reach is None and jump.engagements is None


def test_the_change_across_a_gap_is_not_a_jump():
    """Five days without numbers, then the followers of all five at once: a gap, not a spike."""
    gains = [20] * DAYS
    gains[DAYS - 1 - SPIKE] = 20 * 6
    history = snapshots(gains, missing=frozenset(range(DAYS - 6 - SPIKE, DAYS - 1 - SPIKE)))
    assert audience_health(inputs(history)).jumps == ()


def test_jumps_need_a_month_of_day_to_day_numbers():
    judged = component(audience_health(inputs(snapshots([20] * 20))), Component.FOLLOWER_JUMPS)
    assert not judged.judged
    assert judged.value_text == "19 day-to-day changes in the last 365 days; 30 needed."


def test_a_jump_that_follows_a_viral_week_on_another_account_is_matched_by_it():
    """A TikTok goes viral (reach ×6); Instagram gains followers the same days, its own reach flat."""
    gains, reach = noisy_gains(DAYS, per_day=90), noisy_reach(DAYS, level=20_000)
    for offset in range(4):
        gains[DAYS - 1 - SPIKE + offset] += 2_000
        reach[DAYS - 1 - SPIKE + offset] *= 6
    tiktok = inputs(snapshots(gains, 60_000, reach, account=TIKTOK), account=TIKTOK)
    spill = noisy_gains(DAYS)
    spill[DAYS - SPIKE] += 600
    instagram = inputs(snapshots(spill, reach=noisy_reach(DAYS)))
    alone = audience_health(instagram)
    assert len(alone.flagged_days) == 1
    _, together = creator_health([tiktok, instagram])
    (jump,) = together.jumps
    assert jump.matched_by is MatchedBy.ELSEWHERE
    assert jump.matched_elsewhere == "TikTok @mayaeats"


# --- the demo creator ----------------------------------------------------------------------------


def demo_inputs(today: date, targets: tuple[str, ...]) -> list[QualityInputs]:
    """The demo creator's accounts as the score reads them, straight from the demo's rows."""
    record = build_demo(today=today)
    result = []
    for row in record.tables["account"]:
        account = Account(row["id"], Platform(row["platform"]), row["handle"])
        mine = [r for r in record.tables["snapshot"] if r["account_id"] == account.id]
        countries = [
            r
            for r in record.tables["audience"]
            if r["account_id"] == account.id and r["dimension"] == "country"
        ]
        newest = max(r["date"] for r in countries)
        result.append(
            QualityInputs(
                account=account,
                today=today,
                snapshots=[
                    Snapshot(
                        account.id, date.fromisoformat(r["date"]), r["followers"], reach=r["reach"]
                    )
                    for r in mine
                ],
                posts=[
                    Post(
                        account.id,
                        datetime.fromisoformat(r["published_at"]),
                        PostKind(r["kind"]),
                        **{
                            k: r[k]
                            for k in ("likes", "comments", "shares", "saves", "views", "reach")
                        },
                    )
                    for r in record.tables["post"]
                    if r["account_id"] == account.id
                ],
                country_shares={r["bucket"]: r["share"] for r in countries if r["date"] == newest},
                breakdown_date=date.fromisoformat(newest),
                target_countries=targets,
                thresholds=THRESHOLDS,
            )
        )
    return result


# --- the score as a whole ----------------------------------------------------------------------


def test_with_nothing_known_there_is_no_score_and_every_component_says_why():
    report = audience_health(inputs([]))
    assert report.score is None and report.band is None
    assert len(report.left_out) == len(Component)
    assert all(j.value_text and j.advice for j in report.components)


def test_the_points_add_up_to_the_score_and_only_judged_components_share_them():
    report = audience_health(
        inputs(FLAT, regular_posts(90, likes=800, comments=60), {"US": 0.6}, ("US",))
    )
    judged = [j for j in report.components if j.judged]
    assert {j.component for j in report.left_out} == {Component.REACH}
    assert sum(j.points for j in judged) == pytest.approx(report.score)
    assert sum(j.max_points for j in judged) == pytest.approx(100)
    for j in judged:
        assert j.points_lost == pytest.approx(j.max_points * (1 - j.sub_score))


def test_follower_numbers_alone_give_the_parts_but_no_score():
    """Jumps and steadiness carry 35 of the 100 points: too little for a score to mean much."""
    report = audience_health(inputs(snapshots(noisy_gains(200))))
    judged = {j.component for j in report.components if j.judged}
    assert judged == {Component.FOLLOWER_JUMPS, Component.GROWTH_STEADINESS}
    assert report.judged_weight == pytest.approx(35)
    assert report.score is None and report.band is None
    assert all(j.points is None for j in report.components)


def test_a_component_weighted_alone_is_the_whole_score():
    report = audience_health(inputs(FLAT, regular_posts(90, likes=400)), only(Component.ENGAGEMENT))
    assert report.score == pytest.approx(100 * component(report, Component.ENGAGEMENT).sub_score)


def test_the_demo_creator_is_healthy_and_its_viral_week_is_not_flagged():
    reports = creator_health(demo_inputs(TODAY, targets=("US", "GB")))
    assert [r.account.platform for r in reports] == [
        Platform.INSTAGRAM,
        Platform.TIKTOK,
        Platform.YOUTUBE,
    ]
    for report in reports:
        assert report.flagged_days == ()
        assert 60 <= report.score <= 95
    tiktok = reports[1]
    assert len(tiktok.jumps) >= 4  # the viral week's days, each matched by reach
    assert all(j.matched_by is MatchedBy.REACH for j in tiktok.jumps)


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    gains=st.lists(st.integers(min_value=-500, max_value=5_000), min_size=0, max_size=120),
    likes=st.lists(st.integers(min_value=0, max_value=50_000), max_size=12),
    reach=st.integers(min_value=0, max_value=100_000),
    share=st.floats(min_value=0, max_value=1),
)
def test_the_score_is_always_between_0_and_100(gains, likes, reach, share):
    history = snapshots(gains, start=5_000 + 500 * len(gains))
    posts = [post(3 * i + 1, n, comments=n // 20, reach=reach) for i, n in enumerate(likes)]
    report = audience_health(inputs(history, posts, {"US": share}, ("US",)))
    assert report.score is None or 0 <= report.score <= 100
    for judged in report.components:
        assert judged.sub_score is None or 0 <= judged.sub_score <= 1
