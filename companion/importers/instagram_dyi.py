"""Instagram ▸ Accounts Center ▸ Download your information, in JSON.

- `followers_1.json` (`followers_2.json`, … for large accounts): a list of
  `{string_list_data: [{href, value, timestamp}]}`, the follower's name and the Unix time
  they followed; older exports hold a single object, or `{"relationships_followers": […]}`.
  The follow times give a follower curve: on each day, how many of today's followers
  already followed. Unfollows are not in the list, so every count is a lower bound; it
  fills days the record lacks and never replaces a count already there. The file is
  scanned in chunks for its entries (a large account's list can be hundreds of MB), so
  memory grows with the number of days, not of followers; an entry repeated right after
  itself (as exports do) is counted once.
- `past_instagram_insights/audience_insights.json` (`organic_insights_audience`): its
  `string_map_data` gives "Followers" (kept for the last day of the "Date range"), and
  shares by country ("Nigeria: 60.1%, …", names turned into codes), town/city, age for all
  genders, and "Total follower percentage for men/women". The range has no year ("Feb 6 -
  May 6"): the latest such day on or before the file's date. Labels differ in case between
  export versions ("Date Range", "Date range").
- `profiles_reached.json`/`accounts_reached.json`, `content_interactions.json`: totals over
  the whole range, not per day; `following.json`: the accounts the creator follows.
  Nothing the app keeps.
- The HTML flavour of the export is not read: the message asks for JSON.
"""

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

from companion.core.accounts import Snapshot
from companion.core.audience import Dimension, make_breakdown
from companion.core.countries import all_countries, fold
from companion.core.platforms import Platform
from companion.importers.dates import parse_month_day, year_before
from companion.importers.errors import ImportFailed
from companion.importers.exports import ExportFile, Result, Source, Unusable
from companion.importers.records import AccountBreakdown, FollowerFloor
from companion.importers.values import BadValue, parse_count, parse_percent

PRODUCT = "Instagram"
SOURCE = "instagram-export"
HEAD_BYTES = 4096
CHUNK_CHARS = 1024 * 1024
MAX_INSIGHTS_BYTES = 16 * 1024 * 1024
LOWER_BOUND = (
    "Worked out from the followers list: people who unfollowed are not in it, so each "
    "day's count is a lower bound; days already in your record are kept as they are."
)
_ENTRY = re.compile(
    r'"href"\s*:\s*"(?P<href>(?:[^"\\]|\\.)*)"\s*,\s*'
    r'(?:"value"\s*:\s*"(?P<value>(?:[^"\\]|\\.)*)"\s*,\s*)?'
    r'"timestamp"\s*:\s*(?P<timestamp>-?\d+)'
)
_NOTHING_KEPT = {
    "relationships_following": "the accounts you follow",
    "organic_insights_reach": "accounts reached over a whole period, not per day",
    "organic_insights_interactions": "interactions over a whole period, not per day",
}


def identify(source: Source) -> ExportFile | Unusable | None:
    head = _head(source.path)
    stripped = head.lstrip()
    for key, what in _NOTHING_KEPT.items():
        if f'"{key}"' in head:
            return Unusable(source, f"Instagram export: {what}; nothing the app keeps.")
    if '"organic_insights_audience"' in head:
        return ExportFile(
            source,
            Platform.INSTAGRAM,
            PRODUCT,
            "audience insights",
            partial(_read_insights, source),
            caveat="Instagram gives the range without a year: read as ending on or before "
            f"{source.made_on.isoformat()}, the file's date.",
            gives_followers=True,
        )
    followers_shape = stripped.startswith("[") or '"relationships_followers"' in head
    if source.name.lower().startswith("followers") and (
        followers_shape or '"string_list_data"' in head
    ):
        return ExportFile(
            source,
            Platform.INSTAGRAM,
            PRODUCT,
            "followers list (follower curve, a lower bound)",
            partial(_read_followers, source),
            caveat=LOWER_BOUND,
            gives_followers=True,
        )
    return None


def identify_html(source: Source) -> Unusable | None:
    if source.name.lower().startswith(("followers", "following")):
        return Unusable(
            source,
            "the HTML version of Instagram's export. Download your information again and "
            "choose the JSON format.",
            refused=True,
        )
    return None


# --- followers list -----------------------------------------------------------------------


def _read_followers(source: Source, account_id: int, today: date) -> Iterator[Result]:
    per_day: Counter[date] = Counter()
    previous: tuple[str, str] | None = None
    for entry in _entries(source.path):
        key = (entry["value"] or entry["href"], entry["timestamp"])
        if key == previous:
            continue
        previous = key
        seconds = int(entry["timestamp"])
        if seconds <= 0:
            continue
        day = datetime.fromtimestamp(seconds, tz=UTC).date()
        per_day[min(day, today)] += 1
    if not per_day:
        raise ImportFailed("holds no followers (no follow times were found).", source.path)
    total = 0
    for day in sorted(per_day):
        total += per_day[day]
        yield FollowerFloor(account_id, day, total, source=SOURCE)


def _entries(path: Path) -> Iterator[re.Match[str]]:
    """The list's entries, scanned chunk by chunk; ImportFailed if the file ends cut off."""
    _check_complete(path)
    pending = ""
    try:
        with path.open("r", encoding="utf-8-sig") as text:
            while True:
                chunk = text.read(CHUNK_CHARS)
                pending += chunk
                end, cut_at = 0, None
                for match in _ENTRY.finditer(pending):
                    if chunk and match.end() == len(pending):  # its number may go on
                        cut_at = match.start()
                        break
                    yield match
                    end = match.end()
                if not chunk:
                    return
                if cut_at is not None:
                    pending = pending[cut_at:]
                else:
                    pending = pending[end:] if end else pending[-HEAD_BYTES:]
    except UnicodeDecodeError:
        raise ImportFailed(
            "is not UTF-8 JSON text; expected Instagram's JSON export.", path
        ) from None


def _check_complete(path: Path) -> None:
    with path.open("rb") as raw:
        raw.seek(max(0, path.stat().st_size - 64))
        tail = raw.read().rstrip()
    if not tail.endswith((b"]", b"}")):
        raise ImportFailed(
            "ends in the middle of the data (the file is cut off); download it again.", path
        )


# --- audience insights --------------------------------------------------------------------


def _read_insights(source: Source, account_id: int, today: date) -> Iterator[Result]:
    values = _string_map(source.path)
    end = _range_end(values.get("date range"), min(source.made_on, today), source.path)
    followers = values.get("followers")
    try:
        count = parse_count(followers) if followers else None
    except BadValue as problem:
        raise ImportFailed(f"Followers: {problem}", source.path) from None
    if count is not None:
        yield Snapshot(account_id, end, count, source=SOURCE)
    codes = {fold(c.name): c.code for c in all_countries()}
    shares = {
        Dimension.COUNTRY: [
            (codes[fold(name)], share)
            for name, share in _pairs(values.get("follower percentage by country"), source.path)
            if fold(name) in codes
        ],
        Dimension.CITY: _pairs(values.get("follower percentage by town city"), source.path),
        Dimension.AGE: _pairs(
            values.get("follower percentage by age for all genders"), source.path
        ),
        Dimension.GENDER: [
            (gender, share)
            for gender in ("men", "women")
            if (
                share := _percent(
                    values.get(f"total follower percentage for {gender}"), source.path
                )
            )
            is not None
        ],
    }
    names = {"men": "male", "women": "female"}
    for dimension, entries in shares.items():
        if dimension is Dimension.GENDER:
            entries = [(names[g], s) for g, s in entries]
        if entries:
            try:
                breakdown = make_breakdown(dimension, end, entries, today)
            except ValueError as problem:
                raise ImportFailed(f"{dimension.label}: {problem}", source.path) from None
            yield AccountBreakdown(account_id, breakdown)


def _string_map(path: Path) -> dict[str, str]:
    if path.stat().st_size > MAX_INSIGHTS_BYTES:
        raise ImportFailed("is far larger than an insights file can be.", path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        entries = document["organic_insights_audience"][0]["string_map_data"]
        return {_label(k): str(v.get("value", "")) for k, v in entries.items()}
    except json.JSONDecodeError as error:
        raise ImportFailed(f"is not valid JSON ({error.msg}).", path, error.lineno) from None
    except (KeyError, IndexError, TypeError, AttributeError, UnicodeDecodeError):
        raise ImportFailed(
            "does not have the shape of Instagram's audience insights "
            "(organic_insights_audience ▸ string_map_data).",
            path,
        ) from None


def _range_end(text: str | None, made_on: date, path: Path) -> date:
    if not text or "-" not in text:
        raise ImportFailed(f"has no date range such as 'Feb 6 - May 6' (got {text!r}).", path)
    try:
        return year_before(*parse_month_day(text.rsplit("-", 1)[1]), made_on)
    except BadValue as problem:
        raise ImportFailed(f"Date range: {problem}", path) from None


def _pairs(text: str | None, path: Path) -> list[tuple[str, float]]:
    """ "Lagos: 30.6%, Abuja: 3.6%" → [("Lagos", 0.306), ("Abuja", 0.036)]."""
    pairs = []
    for part in (text or "").split(", "):
        if ":" not in part:
            continue
        name, value = part.rsplit(":", 1)
        share = _percent(value, path)
        if share is not None and name.strip():
            pairs.append((name.strip(), share))
    return pairs


def _percent(text: str | None, path: Path) -> float | None:
    if text is None:
        return None
    try:
        value = parse_percent(text)
    except BadValue as problem:
        raise ImportFailed(str(problem), path) from None
    return value


def _label(key: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", key.lower()).split())


def _head(path: Path) -> str:
    with path.open("rb") as raw:
        return raw.read(HEAD_BYTES).decode("utf-8-sig", "replace")
