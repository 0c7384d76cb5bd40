"""What a media kit says: every figure it prints, computed from the record and the creator's profile.

Pure data in, pure data out: the PDF exporter only lays this out. Nothing private is
ever put here — no fees, no addresses, no notes, no brand contacts — so nothing private
can reach a kit, whatever its layout does (REFERENCE.md §8).
"""

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from companion.core.accounts import Account, creator_name
from companion.core.audience import Breakdown, Dimension, bucket_label, latest_by_dimension
from companion.core.benchmarks import Benchmark
from companion.core.content import PostEngagement, post_engagement, top_posts
from companion.core.engagement import PeriodEngagement
from companion.core.growth import Change
from companion.core.mediakit_profile import (
    MOST_TOP_POSTS,
    KitChoices,
    KitProfile,
    KitSection,
    RateCardItem,
    Testimonial,
)
from companion.core.platforms import Platform
from companion.core.posts import Post
from companion.core.report import AccountReport
from companion.core.tiers import Tier

GROWTH_DAYS = 90
CHART_DAYS = 365
"""The followers chart shows the last year: long enough for a trend, short enough to read."""
TOP_POSTS_DAYS = 90
MOST_COUNTRIES = 5
CAPTION_MOST = 110
VIEW_PLATFORMS = frozenset({Platform.YOUTUBE, Platform.TIKTOK, Platform.TWITCH})
"""Video platforms count views; elsewhere a post's reach says more."""
ELSEWHERE = "Elsewhere"
AUDIENCE_DIMENSIONS = (Dimension.COUNTRY, Dimension.AGE, Dimension.GENDER)


@dataclass(frozen=True)
class PlatformFigures:
    """One account's line in the kit."""

    account: Account
    followers: int | None
    as_of: date | None
    tier: Tier | None
    engagement: PeriodEngagement
    window_days: int
    benchmark: Benchmark | None
    benchmark_same_platform: bool
    above_benchmark: bool | None
    per_post_label: str
    """'views' or 'reach': what `per_post` averages."""
    per_post: float | None
    growth: Change | None
    """The change over the last 90 days."""
    source_number: int | None
    """The footnote that names the benchmark's source."""


@dataclass(frozen=True)
class AudienceSlice:
    label: str
    share: float


@dataclass(frozen=True)
class AudienceBreakdown:
    """One dimension across the chosen accounts, each account weighted by its followers."""

    dimension: Dimension
    slices: tuple[AudienceSlice, ...]
    read_from: date
    read_to: date
    accounts: int


@dataclass(frozen=True)
class KitPost:
    """A post the kit shows, with only what a brand may see."""

    platform: Platform
    handle: str
    kind: str
    published: date
    caption: str
    engagement_rate: float | None
    views: int | None
    reach: int | None
    image_path: str | None


@dataclass(frozen=True)
class FollowerSeries:
    label: str
    history: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class KeyFigures:
    total_followers: int
    gained_90_days: int | None
    growth_percent: float | None
    engagement_rate: float | None
    """Each account's 30-day ER weighted by its followers."""
    partners: int


@dataclass(frozen=True)
class MediaKit:
    """Everything one kit prints; sections the creator left out are empty."""

    name: str
    profile: KitProfile
    sections: tuple[KitSection, ...]
    as_of: date
    platforms: tuple[PlatformFigures, ...]
    key_figures: KeyFigures
    followers: tuple[FollowerSeries, ...]
    audience: tuple[AudienceBreakdown, ...]
    top_posts: tuple[KitPost, ...]
    partners: tuple[str, ...]
    rate_card: tuple[RateCardItem, ...]
    testimonials: tuple[Testimonial, ...]
    sources: tuple[str, ...]
    """Each quoted benchmark's source, in footnote order."""
    borrowed_benchmarks: tuple[str, ...] = ()
    """Platforms compared with an Instagram figure, the sources publishing none of their own."""

    def shows(self, section: KitSection) -> bool:
        return section in self.sections

    @property
    def handles(self) -> tuple[str, ...]:
        return tuple(p.account.platform_and_handle for p in self.platforms)


@dataclass(frozen=True)
class KitRecord:
    """What the store read for a kit: the chosen accounts' reports, histories, posts and audience."""

    today: date
    reports: Sequence[AccountReport]
    histories: Mapping[int, Sequence[tuple[date, int]]]
    recent_posts: Mapping[int, Sequence[Post]]
    """Each account's posts of the last 90 days (at least), oldest first."""
    chosen_posts: Mapping[int, Post]
    """The posts the creator picked, by id (those still in the record)."""
    breakdowns: Mapping[int, Sequence[Breakdown]]
    partners: Sequence[str]
    """Brand names of deals marked shareable, and nothing else about those deals."""


def build_media_kit(record: KitRecord, profile: KitProfile, choices: KitChoices) -> MediaKit:
    """The kit for the chosen accounts and sections."""
    reports = [r for r in record.reports if r.standing is not None]
    accounts = [r.account for r in record.reports]
    as_of = max((r.standing.as_of for r in reports if r.standing), default=record.today)
    sources: list[str] = []
    platforms = tuple(_platform_figures(r, record, sources) for r in record.reports)
    sections = choices.sections
    partners = tuple(dict.fromkeys(record.partners)) if KitSection.PARTNERS in sections else ()
    return MediaKit(
        name=profile.name.strip() or creator_name(accounts) or "",
        profile=profile,
        sections=sections,
        as_of=as_of,
        platforms=platforms,
        key_figures=_key_figures(platforms, len(partners)),
        followers=tuple(
            FollowerSeries(
                r.account.platform_and_handle,
                tuple(
                    p
                    for p in record.histories.get(r.account.id, ())
                    if (as_of - p[0]).days < CHART_DAYS
                ),
            )
            for r in reports
        ),
        audience=audience_breakdowns(record, platforms),
        top_posts=_kit_posts(record, profile),
        partners=partners,
        rate_card=profile.rate_card if KitSection.RATE_CARD in sections else (),
        testimonials=profile.testimonials if KitSection.TESTIMONIALS in sections else (),
        sources=tuple(sources),
        borrowed_benchmarks=tuple(
            dict.fromkeys(
                p.account.platform.label
                for p in platforms
                if p.benchmark is not None and not p.benchmark_same_platform
            )
        ),
    )


def _platform_figures(
    report: AccountReport, record: KitRecord, sources: list[str]
) -> PlatformFigures:
    engagement = report.engagement
    match = engagement.benchmark
    number = None
    if match is not None:
        if match.benchmark.source not in sources:
            sources.append(match.benchmark.source)
        number = sources.index(match.benchmark.source) + 1
    label = "views" if report.account.platform in VIEW_PLATFORMS else "reach"
    window_start = report.today - timedelta(days=engagement.window_days)
    window = [
        post
        for post in record.recent_posts.get(report.account.id, ())
        if window_start < post.published_at.date() <= report.today
    ]
    per_post = average_per_post(window, label)
    if per_post is None and label == "reach":
        label, per_post = "views", average_per_post(window, "views")
    standing = report.standing
    return PlatformFigures(
        account=report.account,
        followers=standing.followers if standing else None,
        as_of=standing.as_of if standing else None,
        tier=standing.tier if standing else None,
        engagement=engagement.by_followers,
        window_days=engagement.window_days,
        benchmark=match.benchmark if match else None,
        benchmark_same_platform=match.same_platform if match else False,
        above_benchmark=engagement.above_benchmark,
        per_post_label=label,
        per_post=per_post,
        growth=report.changes.get(GROWTH_DAYS),
        source_number=number,
    )


def average_per_post(posts: Sequence[Post], metric: str) -> float | None:
    """The mean views (or reach) of the posts that report it; None when none does."""
    values = [value for post in posts if (value := getattr(post, metric)) is not None]
    return fmean(values) if values else None


def _key_figures(platforms: Sequence[PlatformFigures], partners: int) -> KeyFigures:
    counted = [p for p in platforms if p.followers is not None]
    total = sum(p.followers or 0 for p in counted)
    changes = [p.growth for p in counted if p.growth is not None]
    gained = sum(c.absolute for c in changes) if changes else None
    before = sum(c.followers_before for c in changes)
    rated = [
        (p.followers or 0, p.engagement.mean) for p in counted if p.engagement.mean is not None
    ]
    weight = sum(f for f, _ in rated)
    return KeyFigures(
        total_followers=total,
        gained_90_days=gained,
        growth_percent=gained / before * 100 if gained is not None and before > 0 else None,
        engagement_rate=sum(f * er for f, er in rated) / weight if weight else None,
        partners=partners,
    )


def audience_breakdowns(
    record: KitRecord, platforms: Sequence[PlatformFigures]
) -> tuple[AudienceBreakdown, ...]:
    """Countries, age and gender across the accounts, each account weighted by its followers."""
    followers = {p.account.id: p.followers or 0 for p in platforms}
    latest = {
        account_id: latest_by_dimension(found)
        for account_id, found in record.breakdowns.items()
        if account_id in followers
    }
    result = []
    for dimension in AUDIENCE_DIMENSIONS:
        parts = [
            (followers[account_id], by_dimension[dimension])
            for account_id, by_dimension in latest.items()
            if dimension in by_dimension and followers[account_id] > 0
        ]
        if parts:
            result.append(_combined(dimension, parts))
    return tuple(result)


def _combined(dimension: Dimension, parts: Sequence[tuple[int, Breakdown]]) -> AudienceBreakdown:
    weight = sum(followers for followers, _ in parts)
    shares: dict[str, float] = {}
    for followers, breakdown in parts:
        for share in breakdown.shares:
            shares[share.bucket] = shares.get(share.bucket, 0.0) + share.share * followers / weight
    fixed = dimension.fixed_buckets
    if fixed:
        ordered = [b for b in fixed if b in shares] + [b for b in shares if b not in fixed]
        slices = [AudienceSlice(bucket_label(dimension, b), shares[b]) for b in ordered]
    else:
        ranked = sorted(shares.items(), key=lambda item: -item[1])
        slices = [AudienceSlice(bucket_label(dimension, b), s) for b, s in ranked[:MOST_COUNTRIES]]
        rest = 1.0 - sum(s.share for s in slices)
        if rest > 0.005:
            slices.append(AudienceSlice(ELSEWHERE, rest))
    days = [breakdown.read_on for _, breakdown in parts]
    return AudienceBreakdown(dimension, tuple(slices), min(days), max(days), len(parts))


def _kit_posts(record: KitRecord, profile: KitProfile) -> tuple[KitPost, ...]:
    accounts = {r.account.id: r.account for r in record.reports}
    if profile.top_posts:
        chosen = [
            (post_engagement(post, record.histories.get(post.account_id, ())), pick.image_path)
            for pick in profile.top_posts
            if (post := record.chosen_posts.get(pick.post_id)) is not None
            and post.account_id in accounts
        ]
        return tuple(_kit_post(rated, accounts, image) for rated, image in chosen[:MOST_TOP_POSTS])
    start = record.today - timedelta(days=TOP_POSTS_DAYS)
    rated = [
        post_engagement(post, record.histories.get(account_id, ()))
        for account_id, posts in record.recent_posts.items()
        if account_id in accounts
        for post in posts
        if start < post.published_at.date() <= record.today
    ]
    best = top_posts(rated, key=lambda item: item.by_followers, count=MOST_TOP_POSTS)
    return tuple(_kit_post(item, accounts, None) for item in best)


def _kit_post(rated: PostEngagement, accounts: Mapping[int, Account], image: str | None) -> KitPost:
    post = rated.post
    account = accounts[post.account_id]
    return KitPost(
        platform=account.platform,
        handle=account.shown_handle,
        kind=post.kind.label,
        published=post.published_at.date(),
        caption=short_caption(post.caption or ""),
        engagement_rate=rated.by_followers,
        views=post.views,
        reach=post.reach,
        image_path=image,
    )


def short_caption(caption: str, most: int = CAPTION_MOST) -> str:
    """The caption's first line, without its hashtags, cut at a word with an ellipsis."""
    first = next((line.strip() for line in caption.splitlines() if line.strip()), "")
    words = [
        kept for word in first.split() if not word.startswith("#") and (kept := _printable(word))
    ]
    text = " ".join(words)
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0].rstrip(",.;:—-") + "…"


def _printable(word: str) -> str:
    """The word without emoji and other pictographs: the kit's fonts have none to print."""
    return "".join(
        ch for ch in word if unicodedata.category(ch) not in _PICTOGRAPHS and ch not in _JOINERS
    )


_PICTOGRAPHS = {"So", "Sk", "Cs", "Co"}
_JOINERS = {"\u200d", "\ufe0f", "\ufe0e"}


def compact_count(value: float) -> str:
    """24,310 → '24.3k'; 1,204,000 → '1.2M'; below 10,000 the whole number."""
    for limit, unit, suffix in ((1_000_000, 1_000_000, "M"), (10_000, 1_000, "k")):
        if abs(value) >= limit:
            return f"{value / unit:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{round(value):,}"


def percent_text(rate: float | None, digits: int = 1) -> str:
    return "—" if rate is None else f"{rate * 100:.{digits}f} %"


def kit_date(day: date) -> str:
    """'25 November 2026': how a kit dates its figures."""
    return f"{day.day} {day:%B %Y}"
