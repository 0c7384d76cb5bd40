"""Numbers and dates as platforms and spreadsheets write them: "1,234", "12.3%", "1.2K", "0:03:21", "03/04/2025".

Each parser returns None for an empty cell ("", "-", "—", "N/A") and raises
`BadValue` with a message saying what was expected for anything else it cannot read.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

EMPTY_CELLS = frozenset({"", "-", "–", "—", "n/a", "na", "none", "null", "--"})
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_SUFFIXED = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)(?P<suffix>[kmb])$", re.IGNORECASE)
_GROUPED_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_DIGITS = re.compile(r"^[0-9]+$")
_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_SIGNED_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a, %b %d, %Y",
    "%Y%m%d",
)
EPOCH_SECONDS = "epoch-seconds"
EPOCH_MILLISECONDS = "epoch-milliseconds"


class BadValue(ValueError):
    """A cell that does not hold what its column should; the message says what was expected."""


def is_empty(text: str | None) -> bool:
    return text is None or text.strip().lower() in EMPTY_CELLS


def parse_count(text: str | None) -> int | None:
    """A non-negative whole count: "1,234", "1.234", "12 345", "1.2K", "3M" → int."""
    if is_empty(text):
        return None
    cleaned = _SPACES.sub("", text.strip())
    if cleaned.startswith("-"):
        raise BadValue(f"expected a count of 0 or more, got {text!r}")
    if suffixed := _SUFFIXED.match(cleaned):
        number = float(suffixed["number"].replace(",", "."))
        return round(number * _SUFFIXES[suffixed["suffix"].lower()])
    if _DIGITS.match(cleaned):
        return int(cleaned)
    if _GROUPED_COMMA.match(cleaned):
        return int(cleaned.replace(",", ""))
    if _GROUPED_DOT.match(cleaned):
        return int(cleaned.replace(".", ""))
    if re.fullmatch(r"\d+[.,]0+", cleaned):  # "1234.0" from a spreadsheet
        return int(re.split(r"[.,]", cleaned)[0])
    raise BadValue(f"expected a whole number such as 1234, 1,234 or 1.2K, got {text!r}")


def parse_decimal(text: str | None) -> float | None:
    """A number that may have a fraction: "12.5", "12,5", "1,234.5", "1.234,5"."""
    if is_empty(text):
        return None
    cleaned = _SPACES.sub("", text.strip())
    if "," in cleaned and "." in cleaned:
        thousands, decimal = (",", ".") if cleaned.rfind(".") > cleaned.rfind(",") else (".", ",")
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", "" if _GROUPED_COMMA.match(cleaned) else ".")
    if not _SIGNED_NUMBER.match(cleaned):
        raise BadValue(f"expected a number such as 12.5, got {text!r}")
    return float(cleaned)


def parse_percent(text: str | None) -> float | None:
    """A share as a fraction: "12.3%" → 0.123, "12,3 %" → 0.123; without "%", the number as it is."""
    if is_empty(text):
        return None
    stripped = text.strip()
    has_sign = stripped.endswith("%")
    try:
        value = parse_decimal(stripped.rstrip("%").strip())
    except BadValue:
        raise BadValue(f"expected a percentage such as 12.3%, got {text!r}") from None
    if value is None:
        return None
    return value / 100 if has_sign else value


def parse_duration(text: str | None) -> int | None:
    """Seconds from "0:03:21", "3:21", "201" or "201.4"."""
    if is_empty(text):
        return None
    parts = text.strip().split(":")
    if len(parts) > 3 or not all(_PLAIN_NUMBER.match(part) for part in parts):
        raise BadValue(f"expected a duration such as 0:03:21, got {text!r}")
    numbers = [float(part) for part in parts]
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return round(seconds)


def detect_date_format(samples: Iterable[str]) -> str | None:
    """The one format that reads every non-empty sample, preferring day-first only when forced.

    "03/04/2025" alone is read month-first (as the platforms' US exports write it) unless
    another sample such as "25/04/2025" shows the day comes first.
    """
    values = [s.strip() for s in samples if not is_empty(s)]
    if not values:
        return None
    if all(_DIGITS.match(v) and len(v) in (10, 13) for v in values):
        return EPOCH_SECONDS if len(values[0]) == 10 else EPOCH_MILLISECONDS
    if all(_iso_datetime(v) is not None for v in values):
        return "iso"
    candidates = [f for f in _preferred_order() if all(_parses(v, f) for v in values)]
    return candidates[0] if candidates else None


def parse_date(text: str | None, date_format: str) -> date | None:
    """A date in the given format (from `detect_date_format`)."""
    moment = parse_datetime(text, date_format)
    return moment.date() if moment else None


def parse_datetime(text: str | None, date_format: str) -> datetime | None:
    """A timezone-aware moment (UTC when the text gives no zone) in the given format."""
    if is_empty(text):
        return None
    value = text.strip()
    try:
        if date_format == EPOCH_SECONDS:
            return datetime.fromtimestamp(int(value), tz=UTC)
        if date_format == EPOCH_MILLISECONDS:
            return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
        if date_format == "iso":
            parsed = _iso_datetime(value)
            if parsed is None:
                raise ValueError
            return parsed
        return datetime.strptime(value, date_format).replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        raise BadValue(f"expected a date like {example_date(date_format)}, got {text!r}") from None


def example_date(date_format: str) -> str:
    sample = datetime(2025, 3, 31, 18, 30, tzinfo=UTC)
    if date_format == EPOCH_SECONDS:
        return str(int(sample.timestamp()))
    if date_format == EPOCH_MILLISECONDS:
        return str(int(sample.timestamp() * 1000))
    if date_format == "iso":
        return sample.isoformat()
    return sample.strftime(date_format)


def _preferred_order() -> Sequence[str]:
    month_first = [f for f in DATE_FORMATS if f.startswith("%m")]
    others = [f for f in DATE_FORMATS if not f.startswith("%m")]
    day_first = [f for f in others if f.startswith("%d/") or f.startswith("%d-")]
    rest = [f for f in others if f not in day_first]
    return [*rest, *month_first, *day_first]


def _parses(value: str, date_format: str) -> bool:
    try:
        datetime.strptime(value, date_format)
    except ValueError:
        return False
    return True


def _iso_datetime(value: str) -> datetime | None:
    if "T" not in value and " " not in value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
