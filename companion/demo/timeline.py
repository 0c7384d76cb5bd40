"""Time in the demo: the history, the gap, when things happened and the rhythm of a week."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from companion.core.platforms import Platform
from companion.demo.accounts import AccountPlan

VIRAL_DAYS_AGO = 150
GAP_DAYS_AGO = 400
GAP_LENGTH = 5
SUBTITLE_REEL_DAYS_AGO = 20


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


def make_timeline(today: date, days: int) -> Timeline:
    """`days` days of history ending `today`, with the gap `GAP_DAYS_AGO` days back."""
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


def timing_factor(published: datetime) -> float:
    """How much the hour and weekday of posting lift a post's engagement."""
    hour = published.hour
    if hour in EVENING_HOURS:
        by_hour = 1.18
    elif hour < 11:
        by_hour = 0.85
    else:
        by_hour = 0.97
    return by_hour * ENGAGEMENT_WEEKDAYS[published.weekday()]


def viral_day(day: date, viral_start: date, delay: int = 0) -> int | None:
    """Which day of the viral week `day` is (0 = the viral post), or None outside it."""
    offset = (day - viral_start).days - delay
    return offset if 0 <= offset < len(VIRAL_SHAPE) else None


def viral_delay(account: AccountPlan) -> int:
    """Days the viral week takes to reach an account: none on TikTok, a day elsewhere."""
    return 0 if account.platform is Platform.TIKTOK else 1


def viral_factor(account: AccountPlan, day: date, viral_start: date) -> float:
    """How much the viral week lifts the account's daily reach on `day` (1 outside it)."""
    offset = viral_day(day, viral_start, viral_delay(account))
    return 1.0 if offset is None else 1.0 + account.viral_lift * VIRAL_SHAPE[offset]
