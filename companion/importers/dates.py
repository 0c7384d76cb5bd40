"""Dates as the platforms' exports write them, beyond what one strptime format reads.

- Month names in the export's language: "July 1", "8 de marzo", "1. März", "Apr 29, 2020",
  "10-Jun-26" (YouTube Studio in some locales), "Sat, Aug 1, 2026" (X).
- Days without a year (TikTok Studio writes "February 28"; Instagram insights "Feb 6 - May 6"):
  the year comes from a range in the file name when there is one, else from the newest date
  that is not after the day the file was made (`YearlessDays`). Rows run oldest first, so a
  month smaller than the one before means the year turned.
- Ranges in file names: "20210801_20210901" (X), "2026-07-06_2026-08-02" (X Premium),
  "May-25-2026_Jun-21-2026" (Meta Business Suite).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from companion.importers.mapping import detect_moment_format, parse_moment
from companion.importers.values import BadValue, is_empty

CACHED_DAYS = 4096
_MONTH_WORDS = {
    1: "january jan enero ene janeiro janvier janv januar jän gennaio gen",
    2: "february feb febrero fevereiro fev février févr februar febbraio",
    3: "march mar marzo março marco mars märz maerz",
    4: "april apr abril abr avril aprile",
    5: "may mayo maio mai maggio mag",
    6: "june jun junio junho juin juni giugno giu",
    7: "july jul julio julho juillet juil juli luglio lug",
    8: "august aug agosto ago août aout",
    9: "september sep sept septiembre setiembre set setembro septembre settembre",
    10: "october oct octubre outubro out octobre okt oktober ottobre ott",
    11: "november nov noviembre novembro novembre",
    12: "december dec diciembre dic dezembro dez décembre déc dezember dicembre",
}
MONTHS = {word: month for month, words in _MONTH_WORDS.items() for word in words.split()}
"""Month names and abbreviations (English, Spanish, Portuguese, French, German, Italian)."""

_WORD = r"[^\W\d_]+\.?"
_MONTH_DAY = re.compile(
    rf"^(?:{_WORD},?\s+)?(?P<month>{_WORD})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?$"
)
_DAY_MONTH = re.compile(rf"^(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{_WORD})$")
_WITH_YEAR = re.compile(
    rf"^(?:{_WORD},?\s+)?(?:(?P<month1>{_WORD})\s+(?P<day1>\d{{1,2}}),?\s+"
    rf"|(?P<day2>\d{{1,2}})[.\s-]+(?:de\s+)?(?P<month2>{_WORD})[\s-]+(?:de\s+)?)"
    r"(?P<year>\d{4}|\d{2})$"
)
_NAME_RANGES = (
    (re.compile(r"(\d{8})_(\d{8})"), "%Y%m%d"),
    (re.compile(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})"), "%Y-%m-%d"),
    (re.compile(r"([A-Za-z]{3}-\d{2}-\d{4})_([A-Za-z]{3}-\d{2}-\d{4})"), "%b-%d-%Y"),
)


def month_number(word: str) -> int | None:
    return MONTHS.get(word.strip().rstrip(".").casefold())


def parse_month_day(text: str) -> tuple[int, int]:
    """(month, day) of "July 1", "Feb 6", "8 de marzo", "1. März"; BadValue otherwise."""
    value = " ".join(text.split())
    match = _MONTH_DAY.match(value) or _DAY_MONTH.match(value)
    month = month_number(match["month"]) if match else None
    if match is None or month is None:
        raise BadValue(f"expected a day such as July 1 or 8 de marzo, got {text!r}")
    day = int(match["day"])
    _checked(2000, month, day, text)  # 2000 is a leap year: "February 29" is a real day
    return month, day


def parse_named_date(text: str) -> date:
    """A date with a month name and a year: "Apr 29, 2020", "10-Jun-26", "Sat, Aug 1, 2026"."""
    match = _WITH_YEAR.match(" ".join(text.split()))
    if match is None:
        raise BadValue(f"expected a date such as Apr 29, 2020, got {text!r}")
    month = month_number(match["month1"] or match["month2"])
    if month is None:
        raise BadValue(f"{text!r} does not name a month the app knows")
    year = int(match["year"])
    year += 2000 if year < 100 else 0
    return _checked(year, month, int(match["day1"] or match["day2"]), text)


def range_in_name(name: str) -> tuple[date, date] | None:
    """The first and last day a file name gives, if it gives them."""
    for pattern, form in _NAME_RANGES:
        if found := pattern.search(name):
            try:
                first, last = (datetime.strptime(found[i], form).date() for i in (1, 2))
            except ValueError:
                continue
            return (first, last) if first <= last else (last, first)
    return None


@dataclass
class YearlessDays:
    """Years for a column of yearless days read oldest first.

    `first_year` is the year of the first row: from the file name's range when known,
    else worked out by `first_year_ending_by` from a first pass over the column.
    """

    first_year: int
    _last: tuple[int, int] | None = None

    def day(self, text: str) -> date:
        month, day = parse_month_day(text)
        if self._last is not None and (month, day) < self._last:
            self.first_year += 1
        self._last = (month, day)
        return _checked(self.first_year, month, day, text)


def first_year_ending_by(month_days: Iterable[tuple[int, int]], newest: date) -> int:
    """The year of the first of these days (oldest first) if the last is the latest one on or
    before `newest`."""
    turns = 0
    last: tuple[int, int] | None = None
    for month_day in month_days:
        if last is not None and month_day < last:
            turns += 1
        last = month_day
    if last is None:
        return newest.year
    final_year = newest.year if last <= (newest.month, newest.day) else newest.year - 1
    return final_year - turns


def year_before(month: int, day: int, anchor: date) -> date:
    """The latest day with this month and day that is not after `anchor`."""
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    return _checked(year, month, day, f"{month}/{day}")


class DateColumn:
    """One file's column of dates or moments: its format found once from sample cells, then read
    cell by cell; cells with month names fall back to `parse_named_date`."""

    def __init__(self, samples: Iterable[str]) -> None:
        self.form = detect_moment_format(s for s in samples if not is_empty(s))
        self._read: dict[str, datetime] = {}

    def moment(self, text: str | None) -> datetime | None:
        if is_empty(text):
            return None
        # Exports repeat the same days row after row; strptime is the slow part of a row.
        if (known := self._read.get(text)) is not None:
            return known
        moment = self._moment(text)
        if len(self._read) >= CACHED_DAYS:
            self._read.clear()
        self._read[text] = moment
        return moment

    def _moment(self, text: str) -> datetime:
        if self.form is not None:
            try:
                return parse_moment(text, self.form)
            except BadValue:
                pass
        day = parse_named_date(text)
        return datetime(day.year, day.month, day.day, tzinfo=UTC)

    def day(self, text: str | None) -> date | None:
        moment = self.moment(text)
        return moment.date() if moment else None


def _checked(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue(f"{text!r} is not a day of the calendar") from None
