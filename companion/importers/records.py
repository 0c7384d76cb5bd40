"""What platform exports give besides whole snapshots and posts, ready for the store to merge.

Each record says how it merges (`merge`) and gives its table rows (`rows()`); the store
(`store.imports`) knows nothing of the importers, only of these two attributes:
- `DayNumbers`: reach, impressions or profile views of a day with no follower count (TikTok
  overview, Meta Business Suite series, X daily). A day is a snapshot, and a snapshot needs
  its followers: these numbers join days the record already has; other days are left out.
- `FollowerFloor`: followers worked out from Instagram's followers list. Unfollows are not
  in the list, so each count is a lower bound: it fills days the record lacks, and never
  replaces a count the creator or a platform gave.
- `AccountBreakdown`: an audience breakdown (country, age, gender, city) of one account.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from companion.core.accounts import Snapshot
from companion.core.audience import Breakdown
from companion.core.posts import Post

DAY_NUMBERS = "day numbers"
FOLLOWER_FLOOR = "follower floor"
AUDIENCE = "audience"


@dataclass(frozen=True)
class DayNumbers:
    account_id: int
    date: date
    reach: int | None = None
    impressions: int | None = None
    profile_views: int | None = None
    source: str = "import"
    merge: ClassVar[str] = DAY_NUMBERS

    def rows(self) -> list[dict[str, Any]]:
        row = {
            "account_id": self.account_id,
            "date": self.date.isoformat(),
            "reach": self.reach,
            "impressions": self.impressions,
            "profile_views": self.profile_views,
        }
        return [{k: v for k, v in row.items() if v is not None}]

    @property
    def empty(self) -> bool:
        return self.reach is None and self.impressions is None and self.profile_views is None


@dataclass(frozen=True)
class FollowerFloor:
    account_id: int
    date: date
    followers: int
    source: str = "import"
    merge: ClassVar[str] = FOLLOWER_FLOOR

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "account_id": self.account_id,
                "date": self.date.isoformat(),
                "followers": self.followers,
                "source": self.source,
            }
        ]


@dataclass(frozen=True)
class AccountBreakdown:
    account_id: int
    breakdown: Breakdown
    merge: ClassVar[str] = AUDIENCE

    @property
    def date(self) -> date:
        return self.breakdown.read_on

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "account_id": self.account_id,
                "date": self.breakdown.read_on.isoformat(),
                "dimension": self.breakdown.dimension.value,
                "bucket": share.bucket,
                "share": round(share.share, 6),
            }
            for share in self.breakdown.shares
        ]


PlatformRecord = Snapshot | Post | DayNumbers | FollowerFloor | AccountBreakdown


def record_day(record: PlatformRecord) -> date:
    """The day a record is about, for the date range a description gives."""
    if isinstance(record, Post):
        return record.published_at.date()
    return record.date
