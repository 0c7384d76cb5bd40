"""A creator's accounts, their daily numbers, and where each account stands among the tiers."""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from companion.core.platforms import Platform
from companion.core.tiers import Tier, TierThresholds, next_tier, tier_for

_AT_HANDLE_PLATFORMS = frozenset(
    {Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE, Platform.X, Platform.THREADS}
)


@dataclass(frozen=True)
class Account:
    """A creator's account on one platform, under its handle."""

    id: int
    platform: Platform
    handle: str
    display_name: str | None = None

    @property
    def shown_handle(self) -> str:
        """The handle as the platform shows it: '@mayaeats' on Instagram, as typed elsewhere."""
        if self.platform in _AT_HANDLE_PLATFORMS and not self.handle.startswith("@"):
            return f"@{self.handle}"
        return self.handle

    @property
    def platform_and_handle(self) -> str:
        """'Instagram @mayaeats': how the app names an account in lists and messages."""
        return f"{self.platform.label} {self.shown_handle}"


@dataclass(frozen=True)
class Snapshot:
    """An account's numbers on one day; only followers is always known."""

    account_id: int
    date: date
    followers: int
    following: int | None = None
    posts: int | None = None
    reach: int | None = None
    impressions: int | None = None
    profile_views: int | None = None
    source: str = "manual"


@dataclass(frozen=True)
class AccountStanding:
    """How big an account is on its latest day, and how far it is from the next tier."""

    account: Account
    followers: int
    as_of: date
    tier: Tier
    next_tier: Tier | None
    followers_to_next: int | None


def standing_of(account: Account, latest: Snapshot, thresholds: TierThresholds) -> AccountStanding:
    """The account's tier from its latest follower count under these thresholds."""
    upcoming = next_tier(latest.followers, thresholds)
    return AccountStanding(
        account=account,
        followers=latest.followers,
        as_of=latest.date,
        tier=tier_for(latest.followers, thresholds),
        next_tier=upcoming[0] if upcoming else None,
        followers_to_next=upcoming[1] - latest.followers if upcoming else None,
    )


def creator_name(accounts: Iterable[Account]) -> str | None:
    """The name the creator goes by: the display name most of their accounts share."""
    names = Counter(
        a.display_name.strip() for a in accounts if a.display_name and a.display_name.strip()
    )
    if not names:
        return None
    return max(names, key=names.__getitem__)  # the first of the most shared, as most_common(1)


def standings(
    accounts: Iterable[Account], latest: Mapping[int, Snapshot], thresholds: TierThresholds
) -> list[AccountStanding]:
    """The standing of every account that has a snapshot, in the accounts' order."""
    return [
        standing_of(account, latest[account.id], thresholds)
        for account in accounts
        if account.id in latest
    ]


SNAPSHOT_COUNTS = {
    "followers": "Followers",
    "following": "Following",
    "posts": "Posts",
    "reach": "Reach",
    "impressions": "Impressions",
    "profile_views": "Profile views",
}
"""A snapshot's counts, in the order a creator reads them, with the name each goes by."""


@dataclass(frozen=True)
class SnapshotProblem:
    """Why a day's numbers cannot be kept: the field at fault and a message that names it."""

    field: str
    message: str


def day_text(day: date) -> str:
    """How a day reads in messages: '20 Nov 2026'."""
    return f"{day.day} {day:%b %Y}"


def snapshot_problems(snapshot: Snapshot, today: date) -> list[SnapshotProblem]:
    """What is wrong with a day's numbers: a day still to come, or a negative count."""
    problems = []
    if snapshot.date > today:
        problems.append(
            SnapshotProblem(
                "date",
                f"Date: {day_text(snapshot.date)} is still to come; "
                "numbers can be kept for today or earlier.",
            )
        )
    for name, label in SNAPSHOT_COUNTS.items():
        value = getattr(snapshot, name)
        if value is not None and value < 0:
            problems.append(
                SnapshotProblem(name, f"{label}: a count cannot be negative (got {value:,}).")
            )
    return problems


def handle_key(handle: str) -> str:
    """What makes two handles the same account: case and a leading '@' do not count."""
    return handle.strip().lstrip("@").casefold()


def account_problem(
    platform: Platform, handle: str, accounts: Iterable[Account], editing: int | None = None
) -> str | None:
    """Why this account cannot be added (or an account be renamed to it), or None.

    `editing` is the id of the account being renamed, which may keep its own handle.
    """
    if not handle_key(handle):
        return "Handle: enter the account's name on the platform, such as @ninaeats."
    for account in accounts:
        same = account.platform is platform and handle_key(account.handle) == handle_key(handle)
        if same and account.id != editing:
            return (
                f"You already have {platform.label} {account.shown_handle}; add each account once."
            )
    return None
