"""What a demo row is, and the dates in rows that count from today."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

SOURCE = "demo"
"""The `source` of every snapshot and post the demo writes."""

Row = dict[str, Any]


def moment(today: date, days_ago: int, hour: int, minute: int) -> str:
    """An ISO 8601 date-time with offset, `days_ago` before today."""
    day = today - timedelta(days=days_ago)
    return datetime.combine(day, time(hour, minute), tzinfo=UTC).isoformat()


def day_from_today(today: date, days_from_today: int | None) -> str | None:
    """An ISO 8601 date `days_from_today` after today (before it when negative), or None."""
    if days_from_today is None:
        return None
    return (today + timedelta(days=days_from_today)).isoformat()
