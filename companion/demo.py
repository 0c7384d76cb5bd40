"""The demo creator: a seeded, deterministic record of a food-and-travel micro influencer.

Nina Ferreira (fictional) cooks and travels from Lisbon: Instagram ≈ 24k, TikTok ≈ 61k and
YouTube ≈ 8k followers. The demo holds daily snapshots that end at `today` (smooth growth,
weekend bumps, noise, one viral TikTok week about five months ago and one gap of a few days
the creator forgot to record), posts with per-post metrics, audience breakdowns at two dates,
brands with private contact details, deals in every stage with their deliverables, caption
drafts, and one WebVTT subtitle file. The first start offers it, `companion demo` writes it
headless, and tests and benchmarks build on it: the same seed and the same `today` always
give byte-identical rows.

Scale N (`companion demo --scale N`) makes a bigger record for benchmarks:

- posts: 400 × N;
- history: min(2 × N, 10) years of daily snapshots (365 days a year), ending at `today`;
- accounts: 3 for N = 1; 6 for N ≥ 2 (adds Pinterest ≈ 14k, Facebook ≈ 4.7k, X ≈ 3k).

So `--scale 50` gives 6 accounts × 10 years of daily snapshots and 20,000 posts. Brands,
deals, captions and the subtitle file are the same at every scale.

All rows are written in one transaction, so a failure leaves the database empty. The
subtitle file is written to a `demo-files` folder next to the database file.
"""

import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from companion.core.captions import CaptionStatus
from companion.core.deals import DealKind, DealStage, DeliverableStatus
from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.store.database import Store
from companion.store.errors import StoreError
from companion.store.records import has_records

DEMO_SEED = 2024_06_11
SOURCE = "demo"

POSTS_PER_SCALE = 400
YEARS_PER_SCALE = 2
MAX_YEARS = 10
DAYS_PER_YEAR = 365
INSERT_BATCH = 1000

CREATOR_NAME = "Nina Ferreira"
NICHE = "Food & travel"
VIRAL_DAYS_AGO = 150
GAP_DAYS_AGO = 400
GAP_LENGTH = 5
AUDIENCE_DAYS_AGO = (182, 14)
SUBTITLE_REEL_DAYS_AGO = 20
SUBTITLE_FOLDER = "demo-files"
SUBTITLE_FILENAME = "pasteis-de-nata-reel.en.vtt"

Row = dict[str, Any]
PostMetrics = dict[str, int | None]


# --- What the demo amounts to -------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo wrote."""

    accounts: int
    snapshots: int
    posts: int
    audience_rows: int
    brands: int
    deals: int
    deliverables: int
    captions: int
    subtitle_files: int

    def describe(self) -> str:
        """One line for the status bar or the terminal."""
        return ", ".join(
            [
                _count(self.accounts, "account"),
                _count(self.snapshots, "daily snapshot"),
                _count(self.posts, "post"),
                _count(self.brands, "brand"),
                _count(self.deals, "deal"),
                _count(self.captions, "caption draft"),
                _count(self.subtitle_files, "subtitle file"),
            ]
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


# --- The creator's accounts ---------------------------------------------------------------


@dataclass(frozen=True)
class DailyMetrics:
    """The account-wide numbers a platform reports per day, as rates of followers."""

    reach_rate: float
    reports_reach: bool
    impressions_per_reach: float | None
    profile_views_per_reach: float | None


@dataclass(frozen=True)
class AccountPlan:
    platform: Platform
    handle: str
    display_name: str
    followers_now: int
    two_year_growth: float
    """Followers now ÷ followers two years ago, leaving the viral week aside."""
    viral_gain: int
    """Followers the viral TikTok week brings to this account (spill-over elsewhere)."""
    viral_lift: float
    """How much the viral week lifts this account's daily reach at its peak."""
    following: tuple[int, int] | None
    """Accounts followed at the start of the history and now; None where it is not reported."""
    posts_before: int
    """Posts on the profile before the history starts, so the profile's post count is honest."""
    post_weight: int
    kinds: tuple[tuple[PostKind, float], ...]
    daily: DailyMetrics


CORE_ACCOUNTS = (
    AccountPlan(
        platform=Platform.INSTAGRAM,
        handle="nina.eats.abroad",
        display_name=CREATOR_NAME,
        followers_now=24_310,
        two_year_growth=2.4,
        viral_gain=650,
        viral_lift=2.0,
        following=(610, 842),
        posts_before=212,
        post_weight=17,
        kinds=(
            (PostKind.POST, 0.30),
            (PostKind.CAROUSEL, 0.25),
            (PostKind.REEL, 0.30),
            (PostKind.STORY, 0.15),
        ),
        daily=DailyMetrics(0.13, True, 1.8, 0.035),
    ),
    AccountPlan(
        platform=Platform.TIKTOK,
        handle="ninaeatsabroad",
        display_name=CREATOR_NAME,
        followers_now=61_045,
        two_year_growth=7.5,
        viral_gain=9_400,
        viral_lift=25.0,
        following=(188, 301),
        posts_before=64,
        post_weight=15,
        kinds=((PostKind.VIDEO, 0.72), (PostKind.REEL, 0.24), (PostKind.LIVE, 0.04)),
        daily=DailyMetrics(0.35, True, None, 0.02),
    ),
    AccountPlan(
        platform=Platform.YOUTUBE,
        handle="NinaEatsAbroad",
        display_name="Nina Eats Abroad",
        followers_now=8_134,
        two_year_growth=3.1,
        viral_gain=240,
        viral_lift=1.0,
        following=None,
        posts_before=37,
        post_weight=8,
        kinds=((PostKind.VIDEO, 0.60), (PostKind.REEL, 0.37), (PostKind.LIVE, 0.03)),
        daily=DailyMetrics(0.12, True, 9.0, None),
    ),
)

EXTRA_ACCOUNTS = (
    AccountPlan(
        platform=Platform.PINTEREST,
        handle="ninaeatsabroad",
        display_name=CREATOR_NAME,
        followers_now=14_220,
        two_year_growth=1.8,
        viral_gain=0,
        viral_lift=0.0,
        following=(402, 515),
        posts_before=340,
        post_weight=9,
        kinds=((PostKind.POST, 0.8), (PostKind.VIDEO, 0.2)),
        daily=DailyMetrics(0.9, True, 3.2, None),
    ),
    AccountPlan(
        platform=Platform.FACEBOOK,
        handle="NinaEatsAbroad",
        display_name="Nina Eats Abroad",
        followers_now=4_655,
        two_year_growth=1.25,
        viral_gain=0,
        viral_lift=0.0,
        following=None,
        posts_before=180,
        post_weight=5,
        kinds=((PostKind.POST, 0.5), (PostKind.VIDEO, 0.25), (PostKind.REEL, 0.25)),
        daily=DailyMetrics(0.08, True, 1.3, 0.01),
    ),
    AccountPlan(
        platform=Platform.X,
        handle="ninaeatsabroad",
        display_name=CREATOR_NAME,
        followers_now=3_081,
        two_year_growth=1.15,
        viral_gain=0,
        viral_lift=0.0,
        following=(720, 790),
        posts_before=1_240,
        post_weight=6,
        kinds=((PostKind.POST, 0.9), (PostKind.VIDEO, 0.1)),
        daily=DailyMetrics(0.25, False, 1.6, 0.012),
    ),
)


@dataclass(frozen=True)
class DemoScale:
    """How big the demo is: see the module docstring for what N means."""

    factor: int
    posts: int
    years: int
    accounts: tuple[AccountPlan, ...]

    @classmethod
    def of(cls, factor: int) -> "DemoScale":
        if factor < 1:
            raise ValueError(f"The demo scale must be 1 or more, not {factor}.")
        accounts = CORE_ACCOUNTS if factor == 1 else CORE_ACCOUNTS + EXTRA_ACCOUNTS
        years = min(YEARS_PER_SCALE * factor, MAX_YEARS)
        return cls(factor, POSTS_PER_SCALE * factor, years, accounts)

    @property
    def days(self) -> int:
        return self.years * DAYS_PER_YEAR


# --- Time: the history, the gap, the rhythm of a week --------------------------------------


@dataclass(frozen=True)
class Timeline:
    days: tuple[date, ...]
    """Every day of the history, oldest first, ending today."""
    gap: frozenset[date]
    """Days the creator forgot to record: no snapshot on any account."""

    @property
    def today(self) -> date:
        return self.days[-1]

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)


def _timeline(today: date, days: int) -> Timeline:
    history = tuple(today - timedelta(days=days - 1 - index) for index in range(days))
    gap_start = today - timedelta(days=GAP_DAYS_AGO)
    gap = frozenset(gap_start + timedelta(days=offset) for offset in range(GAP_LENGTH))
    return Timeline(history, gap)


# Monday first. People follow more at weekends, when they have time to scroll.
WEEKEND_FOLLOWS = (0.88, 0.86, 0.9, 0.95, 1.05, 1.3, 1.25)
# The creator posts most on Tuesday, Thursday and Sunday, mostly in the evening (Lisbon,
# where local time is UTC or UTC+1, so UTC hours read as local hours).
POSTING_WEEKDAYS = (0.7, 1.3, 0.8, 1.5, 0.7, 0.8, 1.4)
POSTING_HOURS = (7, 8, 9, 12, 13, 17, 18, 19, 20, 21)
POSTING_HOUR_WEIGHTS = (0.03, 0.05, 0.04, 0.07, 0.09, 0.08, 0.16, 0.22, 0.17, 0.09)
# Her audience engages most on Thursday and Sunday evenings: what a best-time analysis finds.
ENGAGEMENT_WEEKDAYS = (0.9, 1.0, 0.95, 1.12, 0.92, 0.97, 1.1)
EVENING_HOURS = range(18, 21)

# Share of the viral week's follower gain that lands on each day after the viral post.
VIRAL_SHAPE = (0.06, 0.22, 0.24, 0.17, 0.11, 0.08, 0.05, 0.03, 0.02, 0.02)
VIRAL_POST_LIFT = 45.0


def _timing_factor(published: datetime) -> float:
    hour = published.hour
    if hour in EVENING_HOURS:
        by_hour = 1.18
    elif hour < 11:
        by_hour = 0.85
    else:
        by_hour = 0.97
    return by_hour * ENGAGEMENT_WEEKDAYS[published.weekday()]


def _viral_day(day: date, viral_start: date, delay: int = 0) -> int | None:
    """Which day of the viral week `day` is (0 = the viral post), or None outside it."""
    offset = (day - viral_start).days - delay
    return offset if 0 <= offset < len(VIRAL_SHAPE) else None


def _viral_factor(account: AccountPlan, day: date, viral_start: date) -> float:
    delay = 0 if account.platform is Platform.TIKTOK else 1
    offset = _viral_day(day, viral_start, delay)
    return 1.0 if offset is None else 1.0 + account.viral_lift * VIRAL_SHAPE[offset]


# --- Randomness ---------------------------------------------------------------------------


def _rng(seed: int, *parts: object) -> random.Random:
    """A generator of its own for each part of the demo, so changing one part leaves the rest.

    String seeds are hashed with SHA-512 by `random`, so this is stable across runs and
    machines (unlike `hash()`).
    """
    return random.Random(":".join([str(seed), *map(str, parts)]))


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """`total` shared out by weight, whole numbers that add up exactly (largest remainder)."""
    scale = total / sum(weights)
    exact = [weight * scale for weight in weights]
    parts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _shares(weights: dict[str, float]) -> dict[str, float]:
    """Weights as shares rounded to 4 places that sum to exactly 1 (the biggest takes the rest)."""
    total = sum(weights.values())
    units = {bucket: round(weight / total * 10_000) for bucket, weight in weights.items()}
    biggest = max(units, key=lambda bucket: (units[bucket], bucket))
    units[biggest] += 10_000 - sum(units.values())
    return {bucket: unit / 10_000 for bucket, unit in units.items()}


# --- Posts: when, what kind, what they say -------------------------------------------------


@dataclass
class PlannedPost:
    """A post before it becomes a row: scheduled first, some then pinned to a deal or a role."""

    account: AccountPlan
    published: datetime
    kind: PostKind
    caption: str | None = None
    lift: float = 1.0
    id: int | None = None


def _posting_schedule(
    seed: int, account: AccountPlan, count: int, timeline: Timeline
) -> list[PlannedPost]:
    """`count` posts spread evenly over the history (never today), on her favourite days and hours."""
    rng = _rng(seed, "schedule", account.platform)
    first = timeline.days[0]
    span = len(timeline.days) - 1
    kinds, kind_weights = zip(*account.kinds, strict=True)
    posts = []
    for slot in range(count):
        start = math.floor(span * slot / count)
        end = max(start + 1, math.floor(span * (slot + 1) / count))
        candidates = [first + timedelta(days=offset) for offset in range(start, end)]
        weights = [POSTING_WEEKDAYS[day.weekday()] for day in candidates]
        day = rng.choices(candidates, weights)[0]
        hour = rng.choices(POSTING_HOURS, POSTING_HOUR_WEIGHTS)[0]
        published = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=UTC)
        posts.append(PlannedPost(account, published, rng.choices(kinds, kind_weights)[0]))
    posts.sort(key=lambda post: post.published)
    return posts


@dataclass(frozen=True)
class Place:
    city: str
    foods: tuple[str, ...]

    @property
    def hashtag(self) -> str:
        return "#" + self.city.lower().replace(" ", "")


PLACES = (
    Place("Lisbon", ("pastel de nata", "bifana", "grilled sardines", "ginjinha")),
    Place("Porto", ("francesinha", "bolinhos de bacalhau", "port tonic")),
    Place("Seville", ("tapas", "salmorejo", "churros con chocolate")),
    Place("Naples", ("pizza fritta", "sfogliatella", "margherita")),
    Place("Bologna", ("tortellini", "mortadella", "tagliatelle al ragù")),
    Place("Tokyo", ("ramen", "tamagoyaki", "konbini snacks")),
    Place("Oaxaca", ("tlayudas", "mole negro", "tejate")),
    Place("Mexico City", ("tacos al pastor", "tamales", "esquites")),
    Place("Istanbul", ("simit", "balık ekmek", "künefe")),
    Place("Marrakech", ("msemen", "tagine", "mint tea")),
    Place("Hanoi", ("phở", "bún chả", "egg coffee")),
    Place("Copenhagen", ("smørrebrød", "cardamom buns", "hot dogs")),
)

HEADLINES = (
    "{Food} crawl in {city}: {n} spots, one winner",
    "48 hours in {city} and everything I ate",
    "Making {food} at home after {city} (easier than you think)",
    "Is the most famous {food} in {city} worth the queue?",
    "Eating {city} on €{budget} a day",
    "Market morning in {city}: what to buy, what to skip",
    "Where locals actually eat {food} in {city}",
    "First time trying {food} in {city}",
    "Rainy day in {city} = {food} and a very long lunch",
    "The {food} I still think about from {city}",
)
YOUTUBE_TITLES = (
    "I Ate Only {Food} for 24 Hours in {city}",
    "{city} Food Guide: {n} Things You Have to Eat",
    "Honest Review: The Most Famous {Food} in {city}",
    "How to Make {Food} at Home (after a week in {city})",
    "{city} on a Budget: Eating Well for €{budget} a Day",
)
INSTAGRAM_CLOSERS = (
    "Which one would you order first?",
    "Save this for your next trip and tag who's coming with you.",
    "Full list of spots in my highlights.",
    "Tell me your favourite and I'll try it next time.",
    "Worth the flight? Honestly, yes.",
)
STORY_LINES = (
    "Poll: {food} or croissant for breakfast?",
    "Ask me anything about eating in {city}",
    "Behind the scenes: shooting in {city}",
    "Grocery haul, {city} edition",
)
FOOD_EMOJI = ("🥐", "🍜", "🌮", "🍕", "🥘", "🍣", "🫒", "☕️", "🍩", "🌶️", "🐟", "🍋")
TOPIC_TAGS = (
    "#foodtravel",
    "#foodie",
    "#eatlikealocal",
    "#travelgram",
    "#wheretoeat",
    "#foodguide",
    "#streetfood",
    "#homecooking",
    "#cityguide",
    "#eeeeeats",
)


def _post_caption(rng: random.Random, platform: Platform, kind: PostKind) -> str:
    place = rng.choice(PLACES)
    food = rng.choice(place.foods)
    words = {
        "food": food,
        "Food": food[0].upper() + food[1:],
        "city": place.city,
        "n": rng.randint(3, 7),
        "budget": rng.choice((15, 20, 25, 30)),
    }
    emoji = rng.choice(FOOD_EMOJI)
    if kind is PostKind.STORY:
        return rng.choice(STORY_LINES).format(**words)
    if kind is PostKind.LIVE:
        return f"LIVE: cooking {food} from {place.city}, come hang out {emoji}"
    if platform is Platform.YOUTUBE:
        title = rng.choice(YOUTUBE_TITLES).format(**words)
        return f"{title} #shorts" if kind is PostKind.REEL else title
    headline = rng.choice(HEADLINES).format(**words)
    if platform is Platform.INSTAGRAM:
        tags = _hashtags(rng, place, rng.randint(4, 9))
        return f"{headline} {emoji}\n\n{rng.choice(INSTAGRAM_CLOSERS)}\n\n{tags}"
    if platform is Platform.TIKTOK:
        return f"{headline} {emoji} {_hashtags(rng, place, rng.randint(3, 5))} #foodtok"
    if platform is Platform.PINTEREST:
        return f"{headline} | Save it for your {place.city} trip"
    if platform is Platform.X:
        return f"{headline} {emoji} {_hashtags(rng, place, 1)}"
    return f"{headline} {emoji}"


def _hashtags(rng: random.Random, place: Place, count: int) -> str:
    return " ".join([place.hashtag, *rng.sample(TOPIC_TAGS, count - 1)])


# Instagram-style post ids (shortcodes) and YouTube video ids use this alphabet.
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _platform_post_id(rng: random.Random, platform: Platform) -> str:
    if platform in (Platform.INSTAGRAM, Platform.YOUTUBE):
        return "".join(rng.choices(ID_ALPHABET, k=11))
    if platform is Platform.FACEBOOK:
        return f"{rng.randrange(10**15, 10**16)}"
    return f"{rng.randrange(7 * 10**18, 8 * 10**18)}"


def _post_url(account: AccountPlan, kind: PostKind, post_id: str) -> str | None:
    """Where the post lives; stories expire and lives are not kept, so they have none."""
    if kind in (PostKind.STORY, PostKind.LIVE):
        return None
    handle = account.handle
    match account.platform:
        case Platform.INSTAGRAM:
            path = "reel" if kind is PostKind.REEL else "p"
            return f"https://www.instagram.com/{path}/{post_id}/"
        case Platform.TIKTOK:
            return f"https://www.tiktok.com/@{handle}/video/{post_id}"
        case Platform.YOUTUBE if kind is PostKind.REEL:
            return f"https://www.youtube.com/shorts/{post_id}"
        case Platform.YOUTUBE:
            return f"https://www.youtube.com/watch?v={post_id}"
        case Platform.PINTEREST:
            return f"https://www.pinterest.com/pin/{post_id}/"
        case Platform.FACEBOOK:
            return f"https://www.facebook.com/{handle}/posts/{post_id}"
        case _:
            return f"https://x.com/{handle}/status/{post_id}"


# --- Per-post metrics, one function per platform (each reports a different subset) ----------


def _metrics(**values: float | None) -> PostMetrics:
    names = ("likes", "comments", "shares", "saves", "views", "reach", "impressions")
    return {
        name: None if values.get(name) is None else max(0, round(values[name])) for name in names
    }


def _instagram_outlier(rng: random.Random) -> float:
    """A few posts take off (shared into stories) or flop, as on any real account."""
    roll = rng.random()
    if roll < 0.03:
        return rng.uniform(2.2, 3.2)
    if roll < 0.06:
        return rng.uniform(0.35, 0.55)
    return 1.0


# (engagement, reach) relative to a single-image post: carousels get saved, reels travel.
INSTAGRAM_KIND_LIFT = {
    PostKind.POST: (1.0, 1.0),
    PostKind.CAROUSEL: (1.1, 1.1),
    PostKind.REEL: (1.1, 1.9),
}


def _instagram_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    if kind is PostKind.STORY:
        views = followers * rng.uniform(0.05, 0.09) * lift
        reach = views * rng.uniform(0.88, 0.96)
        return _metrics(
            likes=reach * rng.uniform(0.01, 0.03),
            shares=reach * rng.uniform(0.002, 0.006),
            views=views,
            reach=reach,
            impressions=views,
        )
    engagement_lift, reach_lift = INSTAGRAM_KIND_LIFT[kind]
    # REFERENCE.md §2: micro accounts average about 4 % engagement by followers; the evening lift adds a little.
    rate = rng.lognormvariate(math.log(0.035), 0.28) * engagement_lift * _instagram_outlier(rng)
    engagements = followers * rate * lift
    likes = engagements * rng.uniform(0.80, 0.88)
    comments = engagements * rng.uniform(0.025, 0.05)
    shares = engagements * rng.uniform(0.03, 0.06)
    reach = followers * rng.uniform(0.22, 0.38) * reach_lift * lift
    return _metrics(
        likes=likes,
        comments=comments,
        shares=shares,
        saves=engagements - likes - comments - shares,
        views=reach * rng.uniform(1.3, 2.2) if kind is PostKind.REEL else None,
        reach=reach,
        impressions=reach * rng.uniform(1.25, 1.7),
    )


def _tiktok_metrics(rng: random.Random, kind: PostKind, followers: int, lift: float) -> PostMetrics:
    if kind is PostKind.LIVE:
        views = followers * rng.uniform(0.01, 0.03)
        return _metrics(
            likes=views * rng.uniform(2.0, 6.0),  # viewers tap hearts many times in a live
            comments=views * rng.uniform(0.1, 0.3),
            shares=views * rng.uniform(0.005, 0.02),
            views=views,
            reach=views,
        )
    views = followers * rng.lognormvariate(math.log(0.45), 0.6) * lift
    return _metrics(
        likes=views * rng.lognormvariate(math.log(0.065), 0.25),
        comments=views * rng.uniform(0.0015, 0.004),
        shares=views * rng.uniform(0.002, 0.006),
        saves=views * rng.uniform(0.003, 0.009),
        views=views,
        reach=views * rng.uniform(0.78, 0.9),
    )


def _youtube_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    if kind is PostKind.REEL:
        views = followers * rng.lognormvariate(math.log(0.9), 0.8) * lift
        impressions = views * rng.uniform(1.1, 1.6)
    elif kind is PostKind.LIVE:
        views = followers * rng.uniform(0.04, 0.08)
        impressions = views * rng.uniform(6, 10)
    else:
        views = followers * rng.lognormvariate(math.log(0.35), 0.5) * lift
        impressions = views * rng.uniform(8, 15)  # a click-through rate of 7–12 %
    # YouTube has no saves to report.
    return _metrics(
        likes=views * rng.uniform(0.03, 0.05),
        comments=views * rng.uniform(0.003, 0.008),
        shares=views * rng.uniform(0.002, 0.005),
        views=views,
        impressions=impressions,
    )


def _pinterest_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    impressions = followers * rng.lognormvariate(math.log(1.2), 0.7) * lift
    return _metrics(
        likes=impressions * rng.uniform(0.002, 0.005),
        comments=impressions * rng.uniform(0.0001, 0.0004),
        saves=impressions * rng.uniform(0.01, 0.025),
        views=impressions * rng.uniform(0.3, 0.5) if kind is PostKind.VIDEO else None,
        impressions=impressions,
    )


def _facebook_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    reach = followers * rng.uniform(0.06, 0.16) * (2.0 if kind is PostKind.REEL else 1.0) * lift
    return _metrics(
        likes=reach * rng.uniform(0.03, 0.06),
        comments=reach * rng.uniform(0.003, 0.008),
        shares=reach * rng.uniform(0.002, 0.006),
        views=reach * rng.uniform(0.8, 1.4) if kind is not PostKind.POST else None,
        reach=reach,
        impressions=reach * rng.uniform(1.2, 1.5),
    )


def _x_metrics(rng: random.Random, kind: PostKind, followers: int, lift: float) -> PostMetrics:
    impressions = followers * rng.lognormvariate(math.log(0.4), 0.7) * lift
    return _metrics(
        likes=impressions * rng.uniform(0.008, 0.02),
        comments=impressions * rng.uniform(0.0008, 0.002),
        shares=impressions * rng.uniform(0.001, 0.003),
        saves=impressions * rng.uniform(0.0005, 0.0015),
        views=impressions,  # X calls its impressions "views"
        impressions=impressions,
    )


MetricsFor = Callable[[random.Random, PostKind, int, float], PostMetrics]
METRICS_BY_PLATFORM: dict[Platform, MetricsFor] = {
    Platform.INSTAGRAM: _instagram_metrics,
    Platform.TIKTOK: _tiktok_metrics,
    Platform.YOUTUBE: _youtube_metrics,
    Platform.PINTEREST: _pinterest_metrics,
    Platform.FACEBOOK: _facebook_metrics,
    Platform.X: _x_metrics,
}


# --- Followers and daily snapshots ----------------------------------------------------------

MIN_START_FOLLOWERS = 25
# Below 1, growth in log space is front-loaded: fast early on, settling into steady growth.
CURVE_BEND = 0.85


def _follower_curve(
    seed: int, account: AccountPlan, timeline: Timeline, viral_start: date
) -> list[int]:
    """Followers on every day of the history: a smooth trend, weekend bumps, noise, the viral week.

    Daily gains are drawn around the trend and then scaled so the account ends at its
    size today; the viral week adds its own gains on top.
    """
    rng = _rng(seed, "followers", account.platform)
    days = len(timeline.days)
    organic_end = account.followers_now - account.viral_gain
    growth = account.two_year_growth ** (days / DAYS_PER_YEAR / YEARS_PER_SCALE)
    start = max(MIN_START_FOLLOWERS, organic_end / growth)
    trend = [start * (organic_end / start) ** ((i / (days - 1)) ** CURVE_BEND) for i in range(days)]
    gains = [0.0] + [
        (trend[i] - trend[i - 1]) * WEEKEND_FOLLOWS[day.weekday()] * rng.gauss(1.0, 0.5)
        for i, day in enumerate(timeline.days[1:], start=1)
    ]
    to_target = (organic_end - start) / sum(gains)
    delay = 0 if account.platform is Platform.TIKTOK else 1
    followers = []
    total = start
    for gain, day in zip(gains, timeline.days, strict=True):
        viral_offset = _viral_day(day, viral_start, delay)
        viral_gain = 0.0 if viral_offset is None else account.viral_gain * VIRAL_SHAPE[viral_offset]
        total = max(0.0, total + gain * to_target + viral_gain)
        followers.append(round(total))
    return followers


def _snapshot_rows(
    seed: int,
    account_id: int,
    account: AccountPlan,
    timeline: Timeline,
    followers: list[int],
    posts: list[PlannedPost],
    viral_start: date,
) -> list[Row]:
    rng = _rng(seed, "snapshots", account.platform)
    post_days = [post.published.date() for post in posts]
    posted_on = set(post_days)
    posts_so_far = account.posts_before
    next_post = 0
    rows = []
    for index, (day, count) in enumerate(zip(timeline.days, followers, strict=True)):
        while next_post < len(post_days) and post_days[next_post] <= day:
            posts_so_far += 1
            next_post += 1
        if day in timeline.gap:
            continue
        reach, impressions, profile_views = _daily_metrics(
            rng, account, count, day in posted_on, _viral_factor(account, day, viral_start)
        )
        rows.append(
            {
                "account_id": account_id,
                "date": day.isoformat(),
                "followers": count,
                "following": _following(rng, account, index / (len(timeline.days) - 1)),
                "posts": posts_so_far,
                "reach": reach,
                "impressions": impressions,
                "profile_views": profile_views,
                "source": SOURCE,
            }
        )
    return rows


def _following(rng: random.Random, account: AccountPlan, progress: float) -> int | None:
    if account.following is None:
        return None
    then, now = account.following
    # Following drifts by a follow or an unfollow now and then, not by handfuls a day.
    return round(then + (now - then) * progress) + rng.choice((-1, 0, 0, 0, 1))


def _daily_metrics(
    rng: random.Random, account: AccountPlan, followers: int, posted: bool, viral: float
) -> tuple[int | None, int | None, int | None]:
    """Reach, impressions and profile views of one day; None for what the platform doesn't report."""
    daily = account.daily
    post_lift = 1.6 if posted else 1.0
    reach = followers * daily.reach_rate * rng.lognormvariate(0.0, 0.18) * post_lift * viral
    impressions = (
        None
        if daily.impressions_per_reach is None
        else round(reach * daily.impressions_per_reach * rng.uniform(0.9, 1.15))
    )
    profile_views = (
        None
        if daily.profile_views_per_reach is None
        else round(reach * daily.profile_views_per_reach * rng.uniform(0.8, 1.25))
    )
    return (round(reach) if daily.reports_reach else None), impressions, profile_views


# --- Audience breakdowns -------------------------------------------------------------------

AUDIENCE = {
    "country": {
        "US": 0.27,
        "GB": 0.16,
        "PT": 0.14,
        "ES": 0.07,
        "CA": 0.06,
        "DE": 0.05,
        "FR": 0.05,
        "IT": 0.04,
        "AU": 0.04,
        "BR": 0.05,
        "NL": 0.02,
        "IE": 0.02,
        "MX": 0.03,
    },
    "age": {
        "13-17": 0.03,
        "18-24": 0.22,
        "25-34": 0.41,
        "35-44": 0.20,
        "45-54": 0.08,
        "55-64": 0.04,
        "65+": 0.02,
    },
    "gender": {"female": 0.64, "male": 0.34, "other": 0.02},
    "city": {
        "London": 0.19,
        "Lisbon": 0.16,
        "New York": 0.13,
        "Porto": 0.08,
        "Los Angeles": 0.08,
        "Madrid": 0.07,
        "Toronto": 0.07,
        "Paris": 0.06,
        "Manchester": 0.05,
        "Berlin": 0.04,
        "Sydney": 0.04,
        "São Paulo": 0.03,
    },
}
# How each platform's audience leans away from the shared profile above.
AUDIENCE_TILT: dict[Platform, dict[str, dict[str, float]]] = {
    Platform.TIKTOK: {
        "age": {"13-17": 2.2, "18-24": 1.7, "35-44": 0.7, "45-54": 0.5, "55-64": 0.4, "65+": 0.3},
        "country": {"US": 1.3, "PT": 0.8},
    },
    Platform.YOUTUBE: {
        "gender": {"male": 1.45, "female": 0.8},
        "age": {"13-17": 0.6, "35-44": 1.3, "45-54": 1.4},
        "country": {"US": 1.4, "CA": 1.3, "PT": 0.6},
        "city": {"New York": 1.4, "Toronto": 1.3, "Lisbon": 0.6},
    },
    Platform.PINTEREST: {"gender": {"female": 1.4, "male": 0.6}, "country": {"US": 1.6}},
    Platform.FACEBOOK: {"age": {"45-54": 2.0, "55-64": 2.5, "65+": 3.0, "18-24": 0.6}},
    Platform.X: {"gender": {"male": 1.3}, "country": {"GB": 1.4}},
}


def _audience_rows(
    seed: int, account_id: int, account: AccountPlan, timeline: Timeline
) -> list[Row]:
    rng = _rng(seed, "audience", account.platform)
    tilt = AUDIENCE_TILT.get(account.platform, {})
    rows = []
    for days_ago in AUDIENCE_DAYS_AGO:
        day = timeline.ago(days_ago).isoformat()
        for dimension, base in AUDIENCE.items():
            leaning = tilt.get(dimension, {})
            weights = {
                bucket: weight * leaning.get(bucket, 1.0) * rng.lognormvariate(0.0, 0.08)
                for bucket, weight in base.items()
            }
            rows.extend(
                {
                    "account_id": account_id,
                    "date": day,
                    "dimension": dimension,
                    "bucket": bucket,
                    "share": share,
                }
                for bucket, share in _shares(weights).items()
            )
    return rows


# --- Brands, deals, deliverables -----------------------------------------------------------


@dataclass(frozen=True)
class BrandPlan:
    name: str
    website: str
    contact: str
    email: str
    notes: str
    currency: str = "USD"


# Fictional brands. Contacts, emails and notes are the private fields a media kit must never show.
BRANDS = (
    BrandPlan(
        "Conservas Maré",
        "https://www.conservasmare.pt",
        "Joana Figueiredo",
        "joana.figueiredo@conservasmare.pt",
        "Family cannery in Matosinhos. Joana answers fastest on WhatsApp (+351 912 408 733). "
        "Samples go to the studio, never to the flat.",
        currency="EUR",
    ),
    BrandPlan(
        "Ferro & Fumo Cookware",
        "https://www.ferroefumo.com",
        "Marcus Bell",
        "marcus.bell@ferroefumo.com",
        "Ambassador contact, pays on time. Don't show their non-stick line next to the cast iron.",
    ),
    BrandPlan(
        "Wayfarer Trunk Co.",
        "https://www.wayfarertrunk.co",
        "Priya Raman",
        "priya.raman@wayfarertrunk.co",
        "Sent the 55 cm carry-on in sage (retail 380). Wants honest reviews, fine with cons.",
    ),
    BrandPlan(
        "Golden Hour Olive Oil",
        "https://www.goldenhourolive.com",
        "Elena Marchetti",
        "elena@goldenhourolive.com",
        "Gifting so far. Ship to: Rua da Rosa 112, 2º Esq., 1200-389 Lisboa. "
        "Harvest trip in October possible, ask again in July.",
    ),
    BrandPlan(
        "Atlas Rail Passes",
        "https://www.atlasrailpasses.com",
        "Tom Whitaker",
        "t.whitaker@atlasrailpasses.com",
        "Accounts payable: ap@atlasrailpasses.com, quote PO 4471-NF on every invoice.",
    ),
    BrandPlan(
        "Nomada Stays",
        "https://www.nomadastays.com",
        "Lucía Romero",
        "lucia.romero@nomadastays.com",
        "Licensing for paid ads only, they cut their own edits. My rate to them: 750 per bundle.",
    ),
    BrandPlan(
        "Bramble & Oat",
        "https://www.brambleandoat.com",
        "Sam Okafor",
        "sam.okafor@brambleandoat.com",
        "Granola deal went well; the protein bar brief did not fit. Keep the door open.",
    ),
    BrandPlan(
        "Kettle & Kiln",
        "https://www.kettleandkiln.com",
        "Hannah Cho",
        "hannah@kettleandkiln.com",
        "Bowls in the Tide glaze. Hannah needs drafts 5 working days before posting.",
    ),
    BrandPlan(
        "Ember & Ash Hot Sauce",
        "https://www.emberandash.co",
        "Diego Alvarez",
        "diego@emberandash.co",
        "Affiliate portal login is in the password manager. 15 % on every bottle, paid monthly.",
    ),
)


@dataclass(frozen=True)
class DeliverablePlan:
    platform: Platform
    format: PostKind
    due_in_days: int
    """Days from today: negative is in the past."""
    status: DeliverableStatus
    post_caption: str | None = None
    """For a published deliverable: the sponsored post's caption, disclosure first."""


@dataclass(frozen=True)
class DealPlan:
    key: str
    brand: str
    title: str
    kind: DealKind
    stage: DealStage
    created_days_ago: int
    updated_days_ago: int
    fee: str | None = None
    product_value: str | None = None
    commission_pct: float | None = None
    discount_code: str | None = None
    affiliate_url: str | None = None
    usage_rights: str | None = None
    exclusivity_category: str | None = None
    exclusivity_in_days: int | None = None
    payment_terms_days: int | None = None
    invoiced_days_ago: int | None = None
    paid_days_ago: int | None = None
    shareable: bool = False
    notes: str | None = None
    deliverables: tuple[DeliverablePlan, ...] = ()


PUBLISHED = DeliverableStatus.PUBLISHED
PLANNED = DeliverableStatus.PLANNED

# At least one deal in every stage; dates are relative to today so the pipeline is always current.
DEALS = (
    DealPlan(
        "mare-picnic",
        "Conservas Maré",
        "Tinned fish picnic reel",
        DealKind.SPONSORED_POST,
        DealStage.PAID,
        created_days_ago=430,
        updated_days_ago=352,
        fee="650.00",
        usage_rights="Brand may repost on its own Instagram and website for 30 days; no paid ads.",
        payment_terms_days=30,
        invoiced_days_ago=381,
        paid_days_ago=352,
        shareable=True,
        notes="Brief: three tins, outdoors, no cooking. Approved in one round.",
        deliverables=(
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.REEL,
                -385,
                PUBLISHED,
                "#ad Tinned fish picnic by the Tagus with @conservasmare 🐟 Three tins, one "
                "baguette, zero cooking. The sardines in lemon oil won.\n\n"
                "#tinnedfish #lisbon #picnic",
            ),
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.STORY,
                -384,
                PUBLISHED,
                "#ad Picnic haul from @conservasmare, swipe up for the tins",
            ),
        ),
    ),
    DealPlan(
        "ferro-ambassador",
        "Ferro & Fumo Cookware",
        "Cast-iron ambassador, autumn to winter",
        DealKind.AMBASSADOR,
        DealStage.PAID,
        created_days_ago=320,
        updated_days_ago=80,
        fee="2400.00",
        commission_pct=10.0,
        discount_code="NINA15",
        affiliate_url="https://www.ferroefumo.com/?ref=ninaeatsabroad",
        usage_rights="Organic reposts on brand channels for 6 months; paid usage needs a new deal.",
        exclusivity_category="cookware",
        exclusivity_in_days=20,
        payment_terms_days=45,
        invoiced_days_ago=118,
        paid_days_ago=80,
        shareable=True,
        notes="Four pieces across three platforms; code NINA15 for 15 % off.",
        deliverables=(
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.REEL,
                -270,
                PUBLISHED,
                "#ad Francesinha in one pan: my @ferroefumo skillet does the whole thing 🍳 "
                "Code NINA15 for 15 % off.\n\n#porto #castiron #homecooking",
            ),
            DeliverablePlan(
                Platform.TIKTOK,
                PostKind.VIDEO,
                -220,
                PUBLISHED,
                "#ad Seasoning cast iron the lazy way with @ferroefumo 🔥 #castiron #foodtok",
            ),
            DeliverablePlan(
                Platform.YOUTUBE,
                PostKind.VIDEO,
                -160,
                PUBLISHED,
                "#ad One Skillet, Five Cities: Cooking My Travels with Ferro & Fumo",
            ),
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.CAROUSEL,
                -125,
                PUBLISHED,
                "#ad Winter stew season with @ferroefumo 🥘 Swipe for the recipe card.\n\n"
                "#stew #castiron #wintercooking",
            ),
        ),
    ),
    DealPlan(
        "wayfarer-review",
        "Wayfarer Trunk Co.",
        "Carry-on review after three trips",
        DealKind.REVIEW,
        DealStage.PAID,
        created_days_ago=290,
        updated_days_ago=176,
        fee="900.00",
        product_value="380.00",
        usage_rights="Quotes from the review may appear on the product page.",
        payment_terms_days=30,
        invoiced_days_ago=205,
        paid_days_ago=176,
        shareable=True,
        deliverables=(
            DeliverablePlan(
                Platform.YOUTUBE,
                PostKind.VIDEO,
                -210,
                PUBLISHED,
                "#ad Honest Review: Three Food Trips with One Wayfarer Carry-On",
            ),
        ),
    ),
    DealPlan(
        "golden-gifted",
        "Golden Hour Olive Oil",
        "New harvest olive oil (gifted)",
        DealKind.GIFTED,
        DealStage.DELIVERED,
        created_days_ago=60,
        updated_days_ago=41,
        product_value="85.00",
        shareable=True,
        notes="No obligation to post; posted anyway because it is very good.",
        deliverables=(
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.STORY,
                -45,
                PUBLISHED,
                "#gifted Unboxing the new harvest from @goldenhourolive",
            ),
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.POST,
                -42,
                PUBLISHED,
                "#gifted New harvest oil from @goldenhourolive on everything this week 🫒 "
                "Bread, tomatoes, salt. That's the recipe.\n\n#oliveoil #simplefood",
            ),
        ),
    ),
    DealPlan(
        "atlas-event",
        "Atlas Rail Passes",
        "Night train launch, Lisbon to Madrid",
        DealKind.EVENT,
        DealStage.INVOICED,
        created_days_ago=110,
        updated_days_ago=30,
        fee="1200.00",
        payment_terms_days=30,
        invoiced_days_ago=48,
        notes="Overdue. Chased on day 35; Tom says it is with finance.",
        deliverables=(
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.STORY,
                -62,
                PUBLISHED,
                "#ad On the @atlasrailpasses night train to Madrid, dinner car tour",
            ),
            DeliverablePlan(
                Platform.TIKTOK,
                PostKind.VIDEO,
                -58,
                PUBLISHED,
                "#ad What you eat on a night train from Lisbon to Madrid 🚆 "
                "@atlasrailpasses #nighttrain #traveltok",
            ),
        ),
    ),
    DealPlan(
        "nomada-ugc",
        "Nomada Stays",
        "Three guesthouse clips for paid ads",
        DealKind.UGC_LICENSE,
        DealStage.INVOICED,
        created_days_ago=70,
        updated_days_ago=9,
        fee="750.00",
        usage_rights="Paid ads on Meta and TikTok, EU and UK, 6 months from delivery; "
        "no changes to the voice-over.",
        payment_terms_days=14,
        invoiced_days_ago=9,
        shareable=True,
        deliverables=(
            # Licensed clips run in the brand's ads, not on her own feed: approved is the end.
            DeliverablePlan(Platform.OTHER, PostKind.VIDEO, -16, DeliverableStatus.APPROVED),
            DeliverablePlan(Platform.OTHER, PostKind.VIDEO, -16, DeliverableStatus.APPROVED),
        ),
    ),
    DealPlan(
        "bramble-code",
        "Bramble & Oat",
        "Granola breakfast with a discount code",
        DealKind.DISCOUNT_CODE,
        DealStage.PAID,
        created_days_ago=300,
        updated_days_ago=228,
        fee="350.00",
        discount_code="NINA20",
        payment_terms_days=30,
        invoiced_days_ago=250,
        paid_days_ago=228,
        shareable=True,
        deliverables=(
            DeliverablePlan(
                Platform.TIKTOK,
                PostKind.VIDEO,
                -262,
                PUBLISHED,
                "#ad Hotel room breakfast upgrade with @brambleandoat 🥣 "
                "code NINA20 #breakfast #traveltok",
            ),
            DeliverablePlan(
                Platform.INSTAGRAM,
                PostKind.STORY,
                -260,
                PUBLISHED,
                "#ad Code NINA20 for 20 % off @brambleandoat",
            ),
        ),
    ),
    DealPlan(
        "kettle-bowls",
        "Kettle & Kiln",
        "Ramen night in the Tide bowls",
        DealKind.SPONSORED_POST,
        DealStage.IN_PRODUCTION,
        created_days_ago=34,
        updated_days_ago=2,
        fee="800.00",
        usage_rights="Brand may repost on Instagram for 60 days.",
        exclusivity_category="tableware",
        exclusivity_in_days=45,
        payment_terms_days=30,
        deliverables=(
            DeliverablePlan(Platform.INSTAGRAM, PostKind.CAROUSEL, 6, DeliverableStatus.SUBMITTED),
            DeliverablePlan(Platform.TIKTOK, PostKind.VIDEO, 12, DeliverableStatus.DRAFTED),
        ),
    ),
    DealPlan(
        "ember-affiliate",
        "Ember & Ash Hot Sauce",
        "Hot sauce tier list (affiliate)",
        DealKind.AFFILIATE,
        DealStage.IN_PRODUCTION,
        created_days_ago=21,
        updated_days_ago=5,
        commission_pct=15.0,
        affiliate_url="https://www.emberandash.co/ref/ninaeatsabroad",
        deliverables=(
            DeliverablePlan(Platform.TIKTOK, PostKind.VIDEO, 3, DeliverableStatus.DRAFTED),
            DeliverablePlan(Platform.INSTAGRAM, PostKind.STORY, 4, PLANNED),
        ),
    ),
    DealPlan(
        "atlas-ambassador",
        "Atlas Rail Passes",
        "Year-long rail ambassador",
        DealKind.AMBASSADOR,
        DealStage.NEGOTIATING,
        created_days_ago=20,
        updated_days_ago=3,
        fee="2400.00",
        exclusivity_category="rail and coach travel",
        exclusivity_in_days=365,
        payment_terms_days=45,
        notes="They offered 2,400 for four trips; I asked 3,200 without paid usage.",
        deliverables=(
            DeliverablePlan(Platform.INSTAGRAM, PostKind.REEL, 45, PLANNED),
            DeliverablePlan(Platform.YOUTUBE, PostKind.VIDEO, 60, PLANNED),
        ),
    ),
    DealPlan(
        "mare-summer",
        "Conservas Maré",
        "Summer tins series (three reels)",
        DealKind.SPONSORED_POST,
        DealStage.CONTRACTED,
        created_days_ago=40,
        updated_days_ago=12,
        fee="1500.00",
        usage_rights="Brand may repost on its own channels for 90 days.",
        exclusivity_category="tinned fish",
        exclusivity_in_days=120,
        payment_terms_days=30,
        notes="Contract signed. Shoot all three in one weekend in Matosinhos.",
        deliverables=(
            DeliverablePlan(Platform.INSTAGRAM, PostKind.REEL, 20, PLANNED),
            DeliverablePlan(Platform.INSTAGRAM, PostKind.REEL, 34, PLANNED),
            DeliverablePlan(Platform.INSTAGRAM, PostKind.REEL, 48, PLANNED),
        ),
    ),
    DealPlan(
        "golden-harvest",
        "Golden Hour Olive Oil",
        "Harvest trip to the groves",
        DealKind.EVENT,
        DealStage.PITCHED,
        created_days_ago=8,
        updated_days_ago=8,
        fee="1500.00",
        notes="Pitched three days in the Alentejo: one YouTube video and two reels. No answer yet.",
        deliverables=(
            DeliverablePlan(Platform.YOUTUBE, PostKind.VIDEO, 90, PLANNED),
            DeliverablePlan(Platform.INSTAGRAM, PostKind.REEL, 92, PLANNED),
        ),
    ),
    DealPlan(
        "wayfarer-series",
        "Wayfarer Trunk Co.",
        "Carry-on packing series",
        DealKind.SPONSORED_POST,
        DealStage.NEGOTIATING,
        created_days_ago=15,
        updated_days_ago=6,
        fee="1800.00",
        usage_rights="Under discussion: they want 12 months of paid usage.",
        payment_terms_days=60,
        deliverables=(
            DeliverablePlan(Platform.TIKTOK, PostKind.VIDEO, 30, PLANNED),
            DeliverablePlan(Platform.TIKTOK, PostKind.VIDEO, 44, PLANNED),
        ),
    ),
    DealPlan(
        "bramble-bars",
        "Bramble & Oat",
        "Protein bar launch",
        DealKind.SPONSORED_POST,
        DealStage.DECLINED,
        created_days_ago=95,
        updated_days_ago=90,
        fee="200.00",
        notes="Declined: not a fit for the channel, and 200 for a reel and three stories "
        "is far below my rate.",
    ),
)

INVOICE_PREFIX = "NF"
FIRST_INVOICE_NUMBER = 14


def _invoice_numbers(today: date) -> dict[str, str]:
    """Invoice numbers in the order the invoices went out, as a creator numbers them."""
    invoiced = sorted(
        (deal for deal in DEALS if deal.invoiced_days_ago is not None),
        key=lambda deal: -(deal.invoiced_days_ago or 0),
    )
    numbers = {}
    for number, deal in enumerate(invoiced, start=FIRST_INVOICE_NUMBER):
        year = (today - timedelta(days=deal.invoiced_days_ago or 0)).year
        numbers[deal.key] = f"{INVOICE_PREFIX}-{year}-{number:03d}"
    return numbers


def _moment(today: date, days_ago: int, hour: int, minute: int) -> str:
    """An ISO 8601 date-time with offset, `days_ago` before today."""
    day = today - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, minute), tzinfo=UTC).isoformat()


def _day(today: date, days_from_today: int | None) -> str | None:
    if days_from_today is None:
        return None
    return (today + timedelta(days=days_from_today)).isoformat()


def _brand_rows() -> list[Row]:
    return [
        {
            "id": brand_id,
            "name": brand.name,
            "website": brand.website,
            "contact": brand.contact,
            "email": brand.email,
            "notes": brand.notes,
        }
        for brand_id, brand in enumerate(BRANDS, start=1)
    ]


def _deal_rows(today: date) -> list[Row]:
    brand_ids = {brand.name: brand_id for brand_id, brand in enumerate(BRANDS, start=1)}
    currencies = {brand.name: brand.currency for brand in BRANDS}
    invoice_numbers = _invoice_numbers(today)
    rows = []
    for deal_id, deal in enumerate(DEALS, start=1):
        invoiced = None if deal.invoiced_days_ago is None else -deal.invoiced_days_ago
        paid = None if deal.paid_days_ago is None else -deal.paid_days_ago
        rows.append(
            {
                "id": deal_id,
                "brand_id": brand_ids[deal.brand],
                "title": deal.title,
                "kind": deal.kind.value,
                "stage": deal.stage.value,
                "fee": deal.fee,
                "currency": currencies[deal.brand],
                "product_value": deal.product_value,
                "commission_pct": deal.commission_pct,
                "discount_code": deal.discount_code,
                "affiliate_url": deal.affiliate_url,
                "usage_rights": deal.usage_rights,
                "exclusivity_category": deal.exclusivity_category,
                "exclusivity_until": _day(today, deal.exclusivity_in_days),
                "payment_terms_days": deal.payment_terms_days,
                "invoice_no": invoice_numbers.get(deal.key),
                "invoiced_on": _day(today, invoiced),
                "paid_on": _day(today, paid),
                "shareable": int(deal.shareable),
                "notes": deal.notes,
                "created": _moment(today, deal.created_days_ago, 10, 15),
                "updated": _moment(today, deal.updated_days_ago, 17, 40),
            }
        )
    return rows


def _deliverable_rows(today: date, linked_posts: dict[tuple[str, int], int]) -> list[Row]:
    rows = []
    for deal_id, deal in enumerate(DEALS, start=1):
        for index, deliverable in enumerate(deal.deliverables):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "deal_id": deal_id,
                    "platform": deliverable.platform.value,
                    "format": deliverable.format.value,
                    "due_on": _day(today, deliverable.due_in_days),
                    "status": deliverable.status.value,
                    "post_id": linked_posts.get((deal.key, index)),
                }
            )
    return rows


# --- Pinning posts to the story: the viral post, sponsored posts, the subtitled reel --------

VIRAL_CAPTION = (
    "I tried every pastel de nata in Lisbon so you don't have to 🥧 "
    "#lisbon #pasteldenata #foodtok #foodtravel"
)
SUBTITLED_REEL_CAPTION = (
    "Pastéis de nata at home: crisp, blistered, and easier than you think 🥧 "
    "Turn on captions for the whole method, recipe pinned in the comments.\n\n"
    "#pasteisdenata #lisbon #baking #portuguesefood"
)
SUBTITLED_REEL_TITLE = "Pastéis de nata at home (recipe reel)"


class PostPinner:
    """Gives a scheduled post a role, re-dating it where a deal says when it went out."""

    def __init__(self, schedules: dict[Platform, list[PlannedPost]]) -> None:
        self._schedules = schedules
        self._taken: set[int] = set()

    def pin(
        self,
        platform: Platform,
        on: date,
        kind: PostKind,
        caption: str,
        *,
        move: bool = True,
    ) -> PlannedPost:
        """The free post nearest to `on` (the same kind if one is close), now of `kind`."""

        def distance(numbered: tuple[int, PlannedPost]) -> tuple[int, int]:
            number, post = numbered
            days = abs((post.published.date() - on).days)
            # A post of the right kind a few days off beats the wrong kind on the day.
            return (days if post.kind is kind else days + 7, number)

        free = [
            (number, post)
            for number, post in enumerate(self._schedules[platform])
            if id(post) not in self._taken
        ]
        _, post = min(free, key=distance)
        self._taken.add(id(post))
        post.kind = kind
        post.caption = caption
        if move:
            post.published = datetime.combine(on, post.published.timetz())
        return post


def _pin_posts(
    schedules: dict[Platform, list[PlannedPost]], timeline: Timeline
) -> tuple[PlannedPost, PlannedPost, dict[tuple[str, int], PlannedPost]]:
    """Pin the viral TikTok, every published deliverable and the subtitled reel to posts."""
    pinner = PostPinner(schedules)
    viral = pinner.pin(
        Platform.TIKTOK, timeline.ago(VIRAL_DAYS_AGO), PostKind.VIDEO, VIRAL_CAPTION, move=False
    )
    viral.lift = VIRAL_POST_LIFT
    sponsored = {}
    for deal in DEALS:
        for index, deliverable in enumerate(deal.deliverables):
            if deliverable.status is PUBLISHED and deliverable.post_caption:
                sponsored[(deal.key, index)] = pinner.pin(
                    deliverable.platform,
                    timeline.ago(-deliverable.due_in_days),
                    deliverable.format,
                    deliverable.post_caption,
                )
    subtitled = pinner.pin(
        Platform.INSTAGRAM,
        timeline.ago(SUBTITLE_REEL_DAYS_AGO),
        PostKind.REEL,
        SUBTITLED_REEL_CAPTION,
    )
    for posts in schedules.values():
        posts.sort(key=lambda post: post.published)
    return viral, subtitled, sponsored


def _post_rows(
    seed: int,
    account_ids: dict[Platform, int],
    schedules: dict[Platform, list[PlannedPost]],
    followers: dict[Platform, dict[date, int]],
    viral_start: date,
) -> list[Row]:
    """Every post as a row, numbered in publishing order (as an import would number them)."""
    everything = sorted(
        (post for posts in schedules.values() for post in posts),
        key=lambda post: (post.published, account_ids[post.account.platform]),
    )
    rows = []
    used_ids: dict[Platform, set[str]] = {platform: set() for platform in schedules}
    for number, post in enumerate(everything, start=1):
        post.id = number
        rows.append(_post_row(seed, post, account_ids, followers, used_ids, viral_start))
    return rows


def _post_row(
    seed: int,
    post: PlannedPost,
    account_ids: dict[Platform, int],
    followers: dict[Platform, dict[date, int]],
    used_ids: dict[Platform, set[str]],
    viral_start: date,
) -> Row:
    account = post.account
    platform = account.platform
    rng = _rng(seed, "post", platform, post.published.isoformat(), post.id)
    platform_post_id = _platform_post_id(rng, platform)
    while platform_post_id in used_ids[platform]:
        platform_post_id = _platform_post_id(rng, platform)
    used_ids[platform].add(platform_post_id)
    day = post.published.date()
    # Posts in the viral week ride the wave too, though less than the account's daily reach.
    viral_lift = _viral_factor(account, day, viral_start) ** 0.5
    lift = post.lift * _timing_factor(post.published) * viral_lift
    metrics = METRICS_BY_PLATFORM[platform](rng, post.kind, followers[platform][day], lift)
    return {
        "id": post.id,
        "account_id": account_ids[platform],
        "platform_post_id": platform_post_id,
        "published_at": post.published.isoformat(),
        "kind": post.kind.value,
        "caption": post.caption or _post_caption(rng, platform, post.kind),
        "url": _post_url(account, post.kind, platform_post_id),
        **metrics,
        "source": SOURCE,
    }


# --- Caption drafts ------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptionPlan:
    title: str
    body: str
    platforms: tuple[Platform, ...]
    status: CaptionStatus
    planned_in_days: int | None
    updated_days_ago: int
    deal_key: str | None = None


# 32 hashtags, two over Instagram's limit (REFERENCE.md §7): the caption checker should say so.
MOLE_HASHTAGS = (
    "#oaxaca #mole #molenegro #mexicanfood #foodtravel #foodie #chocolate #chiles "
    "#recipe #homecooking #eatlikealocal #travelgram #wheretoeat #foodguide #cooking "
    "#slowfood #mexico #mexicocity #streetfood #market #comida #sauce #spices "
    "#foodblogger #instafood #foodphotography #yum #dinner #lunch #weekend "
    "#sundaycooking #traveleats"
)

CAPTIONS = (
    CaptionPlan(
        "Bologna tortellini series",
        "Three parts?\n1) the sfogline at the market 👵\n2) learning the fold\n"
        "3) my kitchen attempt 😅\n#bologna #tortellini",
        (Platform.YOUTUBE,),
        CaptionStatus.IDEA,
        None,
        12,
    ),
    CaptionPlan(
        "Copenhagen cardamom buns",
        "Cardamom buns at 8 am in Copenhagen, still warm ☕️🥐\n"
        "I ranked the four bakeries everyone sends you to, and number one surprised me.\n\n"
        "#copenhagen #cardamombuns #foodtravel #bakery",
        (Platform.INSTAGRAM, Platform.TIKTOK),
        CaptionStatus.DRAFT,
        9,
        1,
    ),
    CaptionPlan(
        "Ramen night in the Tide bowls",
        "#ad Ramen night in my new @kettleandkiln bowls 🍜 The Tide glaze makes even "
        "instant noodles look like a Tokyo counter. Tare recipe on the last slide!\n\n"
        "#ramen #homecooking #ceramics",
        (Platform.INSTAGRAM, Platform.TIKTOK),
        CaptionStatus.READY,
        6,
        2,
        deal_key="kettle-bowls",
    ),
    CaptionPlan(
        "Oaxaca mole negro, part 2",
        "Mole negro, part 2: toasting 30 chiles without setting off the smoke alarm 🌶️🔥\n"
        "Part 3 (the grinding) on Thursday.\n\n" + MOLE_HASHTAGS,
        (Platform.INSTAGRAM,),
        CaptionStatus.SCHEDULED,
        2,
        1,
    ),
    CaptionPlan(
        "Pastéis de nata at home",
        SUBTITLED_REEL_CAPTION,
        (Platform.INSTAGRAM, Platform.TIKTOK),
        CaptionStatus.POSTED,
        -SUBTITLE_REEL_DAYS_AGO,
        SUBTITLE_REEL_DAYS_AGO,
    ),
    CaptionPlan(
        "Hot sauce tier list",
        # Tied to the affiliate deal but no disclosure yet: the checker should catch it.
        "Ranking every Ember & Ash sauce from 'breakfast' to 'call a doctor' 🌶️🔥 "
        "Link in bio for 15 % off your first bottle!\n\n#hotsauce #tierlist #spicy",
        (Platform.TIKTOK,),
        CaptionStatus.DRAFT,
        3,
        5,
        deal_key="ember-affiliate",
    ),
)


def _caption_rows(today: date, subtitled_reel_day: date) -> list[Row]:
    deal_ids = {deal.key: deal_id for deal_id, deal in enumerate(DEALS, start=1)}
    rows = []
    for caption_id, caption in enumerate(CAPTIONS, start=1):
        planned_for = _day(today, caption.planned_in_days)
        if caption.status is CaptionStatus.POSTED:
            planned_for = subtitled_reel_day.isoformat()
        rows.append(
            {
                "id": caption_id,
                "title": caption.title,
                "body": caption.body,
                "platforms": json.dumps(
                    [p.value for p in caption.platforms], separators=(",", ":")
                ),
                "deal_id": deal_ids.get(caption.deal_key or ""),
                "status": caption.status.value,
                "planned_for": planned_for,
                "updated": _moment(today, caption.updated_days_ago, 21, 5),
            }
        )
    return rows


# --- The subtitle file ---------------------------------------------------------------------

# A 76-second recipe reel. Cue 7 reads at about 22 characters a second and cue 13 has a
# 46-character line, so the subtitle checker (REFERENCE.md §6) has something to find.
SUBTITLE_CUES = (
    (400, 2200, "Pastéis de nata at home."),
    (2440, 5640, "Crisp, blistered, and easier\nthan you think."),
    (5880, 10880, "You need puff pastry, milk, sugar,\nflour, six egg yolks and a lemon."),
    (11120, 14820, "Plus a cinnamon stick,\nif you're doing it properly."),
    (15060, 19760, "Roll the pastry into a tight log\nand chill it for twenty minutes."),
    (20000, 23400, "Cut it into discs,\nabout two centimetres thick."),
    (23640, 26240, "Wet your thumbs and press each disc\nup the sides of the tin."),
    (26480, 29980, "Thin at the bottom,\na little thicker at the rim."),
    (30220, 34120, "Now the syrup: sugar, water,\ncinnamon and lemon peel."),
    (34360, 37060, "Boil it for three minutes,\nno longer."),
    (37300, 41900, "Whisk the flour into cold milk,\nthen heat it until it thickens."),
    (42140, 46040, "Pour the hot syrup in slowly\nwhile you keep whisking."),
    (46280, 49680, "Let it cool a little, then whisk in the yolks."),
    (49920, 52020, "Strain it. Every single time."),
    (52260, 54860, "Fill each case three-quarters full."),
    (55100, 58700, "Oven as hot as it goes:\n290 degrees if yours can."),
    (58940, 63340, "Nine to ten minutes, until the tops\nget those dark blisters."),
    (63580, 67780, "Rest them for five minutes,\nor burn your mouth like I did."),
    (68020, 72120, "Cinnamon and icing sugar on top,\nand a bica on the side."),
    (72360, 76060, "Full recipe is pinned in the comments.\nBom apetite!"),
)
SUBTITLE_NOTE = (
    "NOTE\nPastéis de nata at home, Instagram reel, 1:16.\nEdited by hand from the auto-captions."
)


def _timestamp(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def subtitle_text() -> str:
    """The demo's WebVTT file, as text."""
    blocks = ["WEBVTT", SUBTITLE_NOTE]
    for number, (start, end, text) in enumerate(SUBTITLE_CUES, start=1):
        blocks.append(f"{number}\n{_timestamp(start)} --> {_timestamp(end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def subtitle_path(store: Store) -> Path:
    """Where the demo's subtitle file goes: a folder next to the database file."""
    return Path(store.path).absolute().parent / SUBTITLE_FOLDER / SUBTITLE_FILENAME


def _write_subtitle_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(subtitle_text(), encoding="utf-8", newline="\n")


# --- Putting it together -------------------------------------------------------------------


@dataclass
class DemoRecord:
    """Every demo row, table by table in the order foreign keys need, plus the subtitle row."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    subtitled_post_id: int | None = None

    def summary(self, subtitle_files: int) -> DemoSummary:
        return DemoSummary(
            accounts=len(self.tables["account"]),
            snapshots=len(self.tables["snapshot"]),
            posts=len(self.tables["post"]),
            audience_rows=len(self.tables["audience"]),
            brands=len(self.tables["brand"]),
            deals=len(self.tables["deal"]),
            deliverables=len(self.tables["deliverable"]),
            captions=len(self.tables["caption"]),
            subtitle_files=subtitle_files,
        )


def build_demo(scale: int = 1, seed: int = DEMO_SEED, today: date | None = None) -> DemoRecord:
    """All demo rows in memory, without touching a database or a file."""
    today = today or date.today()
    size = DemoScale.of(scale)
    timeline = _timeline(today, size.days)
    accounts = size.accounts
    account_ids = {account.platform: number for number, account in enumerate(accounts, start=1)}
    post_counts = _split(size.posts, [account.post_weight for account in accounts])
    schedules = {
        account.platform: _posting_schedule(seed, account, count, timeline)
        for account, count in zip(accounts, post_counts, strict=True)
    }
    viral, subtitled, sponsored = _pin_posts(schedules, timeline)
    viral_start = viral.published.date()

    followers = {
        account.platform: dict(
            zip(timeline.days, _follower_curve(seed, account, timeline, viral_start), strict=True)
        )
        for account in accounts
    }
    record = DemoRecord()
    record.tables["account"] = [
        _account_row(account_ids[account.platform], account, timeline) for account in accounts
    ]
    record.tables["snapshot"] = [
        row
        for account in accounts
        for row in _snapshot_rows(
            seed,
            account_ids[account.platform],
            account,
            timeline,
            list(followers[account.platform].values()),
            schedules[account.platform],
            viral_start,
        )
    ]
    record.tables["post"] = _post_rows(seed, account_ids, schedules, followers, viral_start)
    record.tables["audience"] = [
        row
        for account in accounts
        for row in _audience_rows(seed, account_ids[account.platform], account, timeline)
    ]
    record.tables["brand"] = _brand_rows()
    record.tables["deal"] = _deal_rows(today)
    linked = {key: post.id for key, post in sponsored.items() if post.id is not None}
    record.tables["deliverable"] = _deliverable_rows(today, linked)
    record.tables["caption"] = _caption_rows(today, subtitled.published.date())
    record.subtitled_post_id = subtitled.id
    return record


def _account_row(account_id: int, account: AccountPlan, timeline: Timeline) -> Row:
    return {
        "id": account_id,
        "platform": account.platform.value,
        "handle": account.handle,
        "display_name": account.display_name,
        "niche": NICHE,
        # The creator started keeping her record on the first day of the history.
        "created": datetime.combine(timeline.days[0], time(9, 30), tzinfo=UTC).isoformat(),
    }


def generate_demo(
    store: Store, scale: int = 1, seed: int = DEMO_SEED, today: date | None = None
) -> DemoSummary:
    """Fill an empty database with the demo creator, in one transaction; see the module docstring.

    Raises StoreError if the database already holds records: the demo never mixes with real data.
    """
    if has_records(store):
        raise StoreError(
            f"{store.path.name} already holds data; the demo goes into a new or empty database.",
            store.path,
        )
    record = build_demo(scale, seed, today)
    vtt_path = subtitle_path(store)
    with store.transaction():
        for table, rows in record.tables.items():
            store.db[table].insert_all(rows, batch_size=INSERT_BATCH)
        _write_subtitle_file(vtt_path)
        store.db["subtitle_file"].insert(
            {
                "id": 1,
                "path": str(vtt_path),
                "video_title": SUBTITLED_REEL_TITLE,
                "language": "en",
                "post_id": record.subtitled_post_id,
                "last_checked": None,
                "last_check_summary": None,
            }
        )
    return record.summary(subtitle_files=1)
