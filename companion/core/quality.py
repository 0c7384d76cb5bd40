"""Audience health: an explainable follower-quality score from 0 to 100 per account (REFERENCE.md §3).

Six components, each with its value, what it was compared with, the points it earned and
what would improve it. A component that cannot be judged (no posts, no reach, no target
countries) says why and is left out: the others share its points, so missing data never
counts as bad data. Weights and thresholds live in `resources/quality.json`, read through
`companion.core.quality_rules`.
"""

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from companion.core.accounts import Account, Snapshot, day_text
from companion.core.benchmarks import benchmark_for
from companion.core.content import PostEngagement, post_engagement
from companion.core.countries import all_countries, fold, is_country_code
from companion.core.follower_jumps import (
    FollowerJump,
    JumpScan,
    find_jumps,
    match_elsewhere,
)
from companion.core.growth import Period, changes_by_period
from companion.core.posts import Post
from companion.core.quality_rules import (
    Comparison,
    Component,
    ComponentRule,
    Judgement,
    QualityRules,
    cannot_judge,
    judgement,
    percent,
    published_percent,
    quality_rules,
)
from companion.core.tiers import Tier, TierThresholds, tier_for

MAX_SCORE = 100


# --- what the score says ----------------------------------------------------------------------


@dataclass(frozen=True)
class QualityInputs:
    """What the score reads about one account."""

    account: Account
    today: date
    snapshots: Sequence[Snapshot]
    """Oldest first; a day without a snapshot is a gap."""
    posts: Sequence[Post]
    country_shares: Mapping[str, float]
    """The newest country breakdown: bucket (code or name) → share of the audience."""
    breakdown_date: date | None
    target_countries: tuple[str, ...]
    thresholds: TierThresholds


@dataclass(frozen=True)
class QualityReport:
    account: Account
    score: float | None
    """0–100; None when the parts that could be judged carry too little weight."""
    band: str | None
    components: tuple[Judgement, ...]
    jumps: tuple[FollowerJump, ...]
    """Every jump found, matched or not; `flagged_days` are the unmatched ones."""
    judged_weight: float = 0.0
    """The weight the parts that could be judged carry, of 100."""

    @property
    def flagged_days(self) -> tuple[FollowerJump, ...]:
        return tuple(jump for jump in self.jumps if jump.flagged)

    @property
    def left_out(self) -> tuple[Judgement, ...]:
        return tuple(j for j in self.components if not j.judged)


def audience_health(
    inputs: QualityInputs,
    rules: QualityRules | None = None,
    elsewhere: Mapping[date, str] | None = None,
) -> QualityReport:
    """The account's score with its components, from what `inputs` hold.

    `elsewhere`: days of matched jumps on the creator's other accounts (day → account name);
    `creator_health` finds them.
    """
    rules = rules or quality_rules()
    return _health(_Read.of(inputs, rules), rules, elsewhere or {})


def creator_health(
    accounts: Sequence[QualityInputs], rules: QualityRules | None = None
) -> list[QualityReport]:
    """Every account's score. A jump that came in the same days as a jump matched by reach or
    engagement on another of the creator's accounts is matched by it: a viral video on one
    platform brings followers on the others, whose own reach hardly moves."""
    rules = rules or quality_rules()
    read = [_Read.of(inputs, rules) for inputs in accounts]
    matched = [
        {
            jump.day: r.inputs.account.platform_and_handle
            for jump in r.scan.jumps
            if not jump.flagged
        }
        for r in read
    ]
    reports = []
    for index, account in enumerate(read):
        elsewhere = {
            day: name
            for other, days in enumerate(matched)
            if other != index
            for day, name in days.items()
        }
        reports.append(_health(account, rules, elsewhere))
    return reports


@dataclass(frozen=True)
class _Read:
    """An account's inputs as the components read them: its history, rated posts and jumps."""

    inputs: QualityInputs
    history: list[tuple[date, int]]
    rated: list[PostEngagement]
    scan: JumpScan

    @classmethod
    def of(cls, inputs: QualityInputs, rules: QualityRules) -> "_Read":
        history = [(s.date, s.followers) for s in inputs.snapshots]
        rated = [post_engagement(post, history) for post in inputs.posts]
        engagements = [
            (r.post.published_at.date(), e) for r in rated if (e := r.post.engagements) is not None
        ]
        reach = {s.date: s.reach for s in inputs.snapshots if s.reach is not None}
        scan = find_jumps(history, reach, engagements, inputs.today, rules.jump_rules())
        return cls(inputs, history, rated, scan)


def _health(read: _Read, rules: QualityRules, elsewhere: Mapping[date, str]) -> QualityReport:
    inputs, history, rated = read.inputs, read.history, read.rated
    scan = match_elsewhere(read.scan, elsewhere, rules.jump_rules()) if elsewhere else read.scan
    judges = {
        Component.ENGAGEMENT: lambda rule: judge_engagement(inputs, history, rated, rule),
        Component.FOLLOWER_JUMPS: lambda rule: judge_jumps(scan, history, rule),
        Component.REACH: lambda rule: judge_reach(inputs.today, rated, rule),
        Component.INTERACTIONS: lambda rule: judge_interactions(inputs.today, rated, rule),
        Component.TARGET_COUNTRIES: lambda rule: judge_countries(inputs, rule),
        Component.GROWTH_STEADINESS: lambda rule: judge_steadiness(inputs.today, history, rule),
    }
    parts = [judges[component](rule) for component, rule in rules.components.items()]
    return _scored(inputs.account, parts, scan, rules)


def _scored(
    account: Account, parts: list[Judgement], scan: JumpScan, rules: QualityRules
) -> QualityReport:
    """Share the 100 points among the components that could be judged, by weight."""
    weights = {
        j.component: rules.components[j.component].weight * j.weight_factor
        for j in parts
        if j.judged
    }
    total = sum(weights.values())
    if total <= 0 or total < rules.min_judged_weight:
        return QualityReport(account, None, None, tuple(parts), scan.jumps, total)
    scored = []
    for part in parts:
        if part.sub_score is None or part.component not in weights:
            scored.append(part)
            continue
        most = MAX_SCORE * weights[part.component] / total
        scored.append(replace(part, points=most * part.sub_score, max_points=most))
    score = min(MAX_SCORE, max(0.0, sum(j.points for j in scored if j.points is not None)))
    return QualityReport(account, score, rules.band(score), tuple(scored), scan.jumps, total)


def _recent(today: date, rated: Sequence[PostEngagement], days: int) -> list[PostEngagement]:
    start = today - timedelta(days=days)
    return [r for r in rated if start < r.post.published_at.date() <= today]


def _and(names: Sequence[str]) -> str:
    """['comments', 'shares', 'saves'] → 'comments, shares and saves'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _posts(count: int) -> str:
    return f"{count:,} post" + ("" if count == 1 else "s")


# --- the components ---------------------------------------------------------------------------


def judge_engagement(
    inputs: QualityInputs,
    history: Sequence[tuple[date, int]],
    rated: Sequence[PostEngagement],
    rule: ComponentRule,
) -> Judgement:
    """The median ER by followers of the window's posts against the tier's benchmark."""
    component, days, least = Component.ENGAGEMENT, rule["window_days"], rule["min_posts"]
    if not history:
        nothing = Comparison("Your tier's benchmark", "benchmarks.json (REFERENCE.md §2)")
        return cannot_judge(
            component, "No follower numbers yet.", nothing, "Add your daily numbers."
        )
    followers = history[-1][1]
    tier = tier_for(followers, inputs.thresholds)
    match = benchmark_for(tier, inputs.account.platform)
    if match is None:
        start = inputs.thresholds.start_of(Tier.NANO)
        return cannot_judge(
            component,
            f"No published benchmark below the Nano tier ({start:,} followers).",
            Comparison("Your tier's benchmark", "benchmarks.json (REFERENCE.md §2)"),
            f"Judged once the account reaches {start:,} followers.",
        )
    benchmark = match.benchmark
    factor = 1.0 if match.same_platform else rule["other_platform_weight"]
    compared = Comparison(
        f"{tier.label} benchmark {published_percent(benchmark.engagement_rate)}", benchmark.source
    )
    if not match.same_platform:
        compared = Comparison(
            f"{compared.text} (Instagram's; {percent(factor, 0)} weight)",
            f"{benchmark.source}. The sources publish no figure for "
            f"{inputs.account.platform.label}: this is Instagram's, counted at "
            f"{percent(factor, 0)} of the part's weight.",
        )
    rates = [
        r.by_followers for r in _recent(inputs.today, rated, days) if r.by_followers is not None
    ]
    if len(rates) < least:
        return cannot_judge(
            component,
            f"{_posts(len(rates))} with an engagement rate in the last {days} days; {least} needed.",
            compared,
            "Record your posts with their likes, comments, shares and saves.",
        )
    median = statistics.median(rates)
    ratio = median / benchmark.engagement_rate
    if ratio >= 1:
        advice = "Above the benchmark: keep making the posts that get people talking."
    else:
        more = round((benchmark.engagement_rate - median) * followers)
        advice = (
            f"About {more:,} more likes, comments, shares or saves per post would reach the "
            "benchmark: ask a question, answer comments, post when your audience is online."
        )
    text = f"{percent(median)} (median of {_posts(len(rates))}, last {days} days)"
    return replace(judgement(component, rule, ratio, text, compared, advice), weight_factor=factor)


def judge_jumps(
    scan: JumpScan, history: Sequence[tuple[date, int]], rule: ComponentRule
) -> Judgement:
    """Followers gained in jumps that reach and engagement did not follow, as a share of all."""
    component, least = Component.FOLLOWER_JUMPS, rule["min_changes"]
    compared = Comparison(
        f"Each day against the {rule['baseline_days']} known days before it",
        f"A jump is at least {rule['robust_z']:g} × the spread (MAD × 1.4826) of those days' "
        f"changes and at least {rule['min_jump_followers']} followers or "
        f"{percent(rule['min_jump_share'], 0)} of the audience above their median. It is "
        f"matched when, from {rule['match_days_before']} days before to "
        f"{rule['match_days_after']} after, reach reached {rule['reach_match_ratio']:g} × "
        f"or a post's engagements {rule['engagement_match_ratio']:g} × their usual level, "
        "or another of your accounts had a matched jump (REFERENCE.md §3).",
    )
    if scan.changes_read < least:
        return cannot_judge(
            component,
            f"{scan.changes_read} day-to-day changes in the last {rule['window_days']} days; "
            f"{least} needed.",
            compared,
            "Record your followers every day (or import your platform's daily export).",
        )
    flagged = scan.flagged
    matched = len(scan.jumps) - len(flagged)
    followers = history[-1][1]
    unexplained = sum(max(jump.excess, 0.0) for jump in flagged)
    share = unexplained / followers if followers > 0 else 0.0
    explained = f" ({matched} matched)" if matched else ""
    if not flagged:
        text = f"None unmatched in {rule['window_days']} days{explained}"
        advice = "Nothing to explain: growth that comes with reach reads as organic."
    else:
        days = "day" if len(flagged) == 1 else "days"
        text = (
            f"{len(flagged)} {days} with jumps not matched by engagement or reach: "
            f"{unexplained:+,.0f} followers above usual ({percent(share)} of the audience)"
            f"{explained}"
        )
        advice = (
            "Brands will ask about these days. If you know the cause (a feature, a shout-out), "
            "keep a note of it; if followers were bought, removing them restores trust."
        )
    return judgement(component, rule, share, text, compared, advice)


def judge_reach(today: date, rated: Sequence[PostEngagement], rule: ComponentRule) -> Judgement:
    """The median share of followers a post reaches."""
    component, days, least = Component.REACH, rule["window_days"], rule["min_posts"]
    compared = Comparison(
        f"{percent(rule['reference'], 0)} of followers per post",
        "House default: the sources publish no figure. Shopping Links: follower count does "
        "not always represent the number of people who will actually see a post.",
    )
    rates = [
        r.post.reach / r.followers
        for r in _recent(today, rated, days)
        if r.post.reach is not None and r.followers
    ]
    if len(rates) < least:
        return cannot_judge(
            component,
            f"{_posts(len(rates))} with a known reach in the last {days} days; {least} needed.",
            compared,
            "Import or enter each post's reach (Instagram and TikTok report it).",
        )
    median = statistics.median(rates)
    if median >= rule["reference"]:
        advice = "Your posts reach a good part of your followers: keep posting regularly."
    else:
        advice = (
            "Few followers see your posts: post when they are online, try reels or carousels, "
            "and clear out inactive followers."
        )
    text = f"{percent(median)} of followers (median of {_posts(len(rates))}, last {days} days)"
    return judgement(component, rule, median, text, compared, advice)


def judge_interactions(
    today: date, rated: Sequence[PostEngagement], rule: ComponentRule
) -> Judgement:
    """Comments, shares and saves per like, over the window's posts that report likes."""
    component, days, least = Component.INTERACTIONS, rule["window_days"], rule["min_posts"]
    reference = rule["reference"]
    compared = Comparison(
        f"{reference * 100:g} per 100 likes",
        "House default: the sources publish no figure. GRIN: comments, shares and saves "
        "are better quality engagement than mere likes.",
    )
    posts = [r.post for r in _recent(today, rated, days) if r.post.likes is not None]
    likes = sum(post.likes or 0 for post in posts)
    counted = [
        name
        for name in ("comments", "shares", "saves")
        if any(getattr(p, name) is not None for p in posts)
    ]
    if len(posts) < least or likes <= 0 or not counted:
        return cannot_judge(
            component,
            f"{_posts(len(posts))} with likes and comments, shares or saves in the last "
            f"{days} days; {least} needed.",
            compared,
            "Record each post's comments, shares and saves along with its likes.",
        )
    others = sum(getattr(p, name) or 0 for p in posts for name in counted)
    ratio = others / likes
    if ratio >= reference:
        advice = "People do more than like: keep giving them things to say, save and send on."
    else:
        advice = (
            "Give people a reason to comment, save or share: ask a question, make it worth "
            "keeping (a recipe, a list), invite them to send it to a friend."
        )
    text = (
        f"{ratio * 100:.0f} {_and(counted)} per 100 likes ({_posts(len(posts))}, last {days} days)"
    )
    return judgement(component, rule, ratio, text, compared, advice)


def judge_countries(inputs: QualityInputs, rule: ComponentRule) -> Judgement:
    """The share of the audience in the creator's target countries."""
    component, targets = Component.TARGET_COUNTRIES, inputs.target_countries
    compared = Comparison(
        f"{percent(rule['reference'], 0)} of the audience in your markets",
        "House default: the sources publish no figure. Shopping Links, Built In: brands "
        "look at where an audience lives.",
    )
    if not targets:
        return cannot_judge(
            component,
            "No target countries chosen.",
            compared,
            "Choose the countries your brands sell in: Settings ▸ Target countries.",
        )
    shares = _shares_by_code(inputs.country_shares)
    if not shares:
        return cannot_judge(
            component,
            "No country breakdown for this account yet.",
            compared,
            "Import your platform's audience insights (they list followers by country).",
        )
    share = min(1.0, sum(shares.get(code, 0.0) for code in targets))
    outside = sorted(((s, c) for c, s in shares.items() if c not in targets), reverse=True)
    when = f" (breakdown of {day_text(inputs.breakdown_date)})" if inputs.breakdown_date else ""
    text = f"{percent(share, 0)} in {', '.join(targets)}{when}"
    if share >= rule["reference"] or not outside:
        advice = "Your audience lives where your target brands sell."
    else:
        top_share, top = outside[0]
        advice = (
            f"The biggest group outside your markets is {top} ({percent(top_share, 0)}). Posts "
            "in your markets' language, at their hours, about their places bring more of them."
        )
    return judgement(component, rule, share, text, compared, advice)


def judge_steadiness(
    today: date, history: Sequence[tuple[date, int]], rule: ComponentRule
) -> Judgement:
    """How much weekly gains swing around their median, over the last weeks."""
    component, weeks, least = Component.GROWTH_STEADINESS, rule["weeks"], rule["min_weeks"]
    start = today - timedelta(weeks=weeks)
    recent = [c for c in changes_by_period(history, Period.WEEK) if start < c.end <= today]
    # A week with missing days counts at its per-day rate: a gap is not a week of zeros.
    gains = [change.per_day * 7 for change in recent[-weeks:] if change.per_day is not None]
    compared = Comparison(
        "A spread of 50 % or less is steady",
        f"Spread: how far the last {weeks} weeks' gains stray from their median (MAD × "
        "1.4826 ÷ median). VERB lists audience growth rate as a KPI; the 50 % is a house "
        "default.",
    )
    if len(gains) < least:
        return cannot_judge(
            component,
            f"{len(gains)} weeks of numbers in the last {weeks}; {least} needed.",
            compared,
            "Keep recording your followers; steadiness shows after a couple of months.",
        )
    median = statistics.median(gains)
    growing = sum(gain > 0 for gain in gains)
    if median <= 0:
        rule = replace(rule, scale=((0.0, rule["not_growing_score"]),))
        text = f"Not growing: median week {median:+,.0f} followers ({growing} of {len(gains)} weeks grew)"
        advice = "Post on a regular schedule and try formats that reach new people (reels, collaborations)."
        return judgement(component, rule, 0.0, text, compared, advice)
    spread = 1.4826 * statistics.median(abs(g - median) for g in gains) / median
    text = (
        f"Median week {median:+,.0f} followers, typically ± {spread * 100:.0f} %; "
        f"{growing} of {len(gains)} weeks grew"
    )
    if spread <= 0.5:
        advice = "Steady: the kind of growth brands trust."
    else:
        advice = "Uneven weeks: a regular posting schedule evens out growth."
    return judgement(component, rule, spread, text, compared, advice)


def _shares_by_code(shares: Mapping[str, float]) -> dict[str, float]:
    """Breakdown buckets as ISO codes: 'US' stays, 'United States' becomes 'US'."""
    by_name = {fold(country.name): country.code for country in all_countries()}
    result: dict[str, float] = {}
    for bucket, share in shares.items():
        name = bucket.strip()
        code = name.upper() if is_country_code(name) else by_name.get(fold(name))
        if code is not None:
            result[code] = result.get(code, 0.0) + share
    return result
