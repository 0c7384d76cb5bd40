"""The demo creator and her accounts (from `resources/demo/accounts.json`), and what a scale holds."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.demo.data import demo_data

POSTS_PER_SCALE = 400
YEARS_PER_SCALE = 2
MAX_YEARS = 10
DAYS_PER_YEAR = 365


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


@dataclass(frozen=True)
class Creator:
    """Who the demo is: her name, her niche and her accounts."""

    name: str
    niche: str
    core_accounts: tuple[AccountPlan, ...]
    """The accounts at every scale."""
    extra_accounts: tuple[AccountPlan, ...]
    """The accounts added from scale 2 on."""


@cache
def creator() -> Creator:
    """The demo creator as `resources/demo/accounts.json` describes her."""
    data = demo_data("accounts.json")
    return Creator(
        name=data["creator"]["name"],
        niche=data["creator"]["niche"],
        core_accounts=tuple(_account(entry) for entry in data["core_accounts"]),
        extra_accounts=tuple(_account(entry) for entry in data["extra_accounts"]),
    )


def _account(entry: dict[str, Any]) -> AccountPlan:
    following = entry["following"]
    return AccountPlan(
        platform=Platform(entry["platform"]),
        handle=entry["handle"],
        display_name=entry["display_name"],
        followers_now=entry["followers_now"],
        two_year_growth=entry["two_year_growth"],
        viral_gain=entry["viral_gain"],
        viral_lift=entry["viral_lift"],
        following=None if following is None else (following[0], following[1]),
        posts_before=entry["posts_before"],
        post_weight=entry["post_weight"],
        kinds=tuple((PostKind(kind), weight) for kind, weight in entry["kinds"].items()),
        daily=DailyMetrics(**entry["daily"]),
    )


@dataclass(frozen=True)
class DemoScale:
    """How big the demo is: see the `companion.demo` docstring for what N means."""

    factor: int
    posts: int
    years: int
    accounts: tuple[AccountPlan, ...]

    @classmethod
    def of(cls, factor: int) -> "DemoScale":
        if factor < 1:
            raise ValueError(f"The demo scale must be 1 or more, not {factor}.")
        who = creator()
        accounts = who.core_accounts if factor == 1 else who.core_accounts + who.extra_accounts
        years = min(YEARS_PER_SCALE * factor, MAX_YEARS)
        return cls(factor, POSTS_PER_SCALE * factor, years, accounts)

    @property
    def days(self) -> int:
        return self.years * DAYS_PER_YEAR
