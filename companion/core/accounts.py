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
    return names.most_common(1)[0][0]


def standings(
    accounts: Iterable[Account], latest: Mapping[int, Snapshot], thresholds: TierThresholds
) -> list[AccountStanding]:
    """The standing of every account that has a snapshot, in the accounts' order."""
    return [
        standing_of(account, latest[account.id], thresholds)
        for account in accounts
        if account.id in latest
    ]
