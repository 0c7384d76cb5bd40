"""Who follows an account: shares by country, age band, gender and city, as read on a date."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from companion.core.accounts import day_text
from companion.core.countries import country_name, is_country_code

AGE_BANDS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("female", "male", "other")
TOTAL_TOLERANCE = 0.005
"""Shares the platforms round to one decimal may add up to a little over 100%."""


class Dimension(StrEnum):
    COUNTRY = "country"
    AGE = "age"
    GENDER = "gender"
    CITY = "city"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def fixed_buckets(self) -> tuple[str, ...]:
        """The buckets every platform uses for this dimension; empty when they are open-ended."""
        return {Dimension.AGE: AGE_BANDS, Dimension.GENDER: GENDERS}.get(self, ())


_LABELS = {
    Dimension.COUNTRY: "Countries",
    Dimension.AGE: "Age",
    Dimension.GENDER: "Gender",
    Dimension.CITY: "Cities",
}


@dataclass(frozen=True)
class Share:
    bucket: str
    share: float
    """Of the whole audience, from 0 to 1."""


@dataclass(frozen=True)
class Breakdown:
    """One dimension of an account's audience as the platform showed it on `read_on`."""

    dimension: Dimension
    read_on: date
    shares: tuple[Share, ...]
    """Largest first."""

    @property
    def total(self) -> float:
        return sum(share.share for share in self.shares)

    @property
    def unlisted(self) -> float:
        """The part of the audience the platform did not break down (its "other")."""
        return max(0.0, 1.0 - self.total)

    def share_of(self, buckets: Iterable[str]) -> float:
        wanted = {bucket.casefold() for bucket in buckets}
        return sum(share.share for share in self.shares if share.bucket.casefold() in wanted)


class BreakdownProblem(ValueError):
    """Why a breakdown cannot be kept, naming the bucket or field at fault."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        """The entry at fault, counting from 0; None when it is the breakdown as a whole."""


def make_breakdown(
    dimension: Dimension,
    read_on: date,
    entries: Iterable[tuple[str, float]],
    today: date,
) -> Breakdown:
    """A checked breakdown from (bucket, share) pairs, shares from 0 to 1.

    Buckets are normalised (country codes upper case, "18–24" as "18-24", genders lower
    case). Raises BreakdownProblem for an empty or repeated bucket, a share outside 0–100%,
    shares adding up to more than 100%, an unknown country, or a date still to come.
    """
    if read_on > today:
        raise BreakdownProblem(f"Date read: {day_text(read_on)} is still to come.")
    seen: dict[str, int] = {}
    shares = []
    for row, (bucket_text, share) in enumerate(entries):
        bucket = normalise_bucket(dimension, bucket_text)
        if not bucket:
            raise BreakdownProblem(f"Row {row + 1}: name the {_singular(dimension)}.", row)
        if dimension is Dimension.COUNTRY and not is_country_code(bucket):
            raise BreakdownProblem(
                f"Row {row + 1}: “{bucket_text.strip()}” is not a country code such as US or PT.",
                row,
            )
        if bucket.casefold() in seen:
            first = shares[seen[bucket.casefold()]].bucket
            raise BreakdownProblem(
                f"Row {row + 1}: {bucket_label(dimension, first)} is listed twice.", row
            )
        if not 0.0 <= share <= 1.0:
            raise BreakdownProblem(f"Row {row + 1}: a share is between 0% and 100%.", row)
        seen[bucket.casefold()] = len(shares)
        shares.append(Share(bucket, share))
    if not shares:
        raise BreakdownProblem("Enter at least one share.")
    total = sum(share.share for share in shares)
    if total > 1.0 + TOTAL_TOLERANCE:
        raise BreakdownProblem(f"The shares add up to {total:.1%}; together they are 100% at most.")
    ordered = sorted(shares, key=lambda share: (-share.share, _order(dimension, share.bucket)))
    return Breakdown(dimension, read_on, tuple(ordered))


def normalise_bucket(dimension: Dimension, text: str) -> str:
    bucket = " ".join(text.split())
    if dimension is Dimension.COUNTRY:
        return bucket.upper()
    if dimension is Dimension.AGE:
        return re.sub(r"\s*[-–—]\s*", "-", bucket).replace(" +", "+")
    if dimension is Dimension.GENDER:
        return bucket.casefold()
    return bucket


def bucket_label(dimension: Dimension, bucket: str) -> str:
    """How a bucket reads to a person: "Portugal", "Female", "18–24", "Lisbon"."""
    if dimension is Dimension.COUNTRY:
        return country_name(bucket)
    if dimension is Dimension.GENDER:
        return bucket.capitalize()
    if dimension is Dimension.AGE:
        return bucket.replace("-", "–")
    return bucket


def latest_by_dimension(breakdowns: Iterable[Breakdown]) -> dict[Dimension, Breakdown]:
    """The most recent breakdown of each dimension."""
    latest: dict[Dimension, Breakdown] = {}
    for breakdown in breakdowns:
        kept = latest.get(breakdown.dimension)
        if kept is None or breakdown.read_on > kept.read_on:
            latest[breakdown.dimension] = breakdown
    return latest


def breakdowns_from_rows(rows: Iterable[Mapping[str, object]]) -> list[Breakdown]:
    """Group stored rows (dimension, date, bucket, share) into breakdowns, newest first.

    Rows are trusted: the database's checks kept them within bounds.
    """
    grouped: dict[tuple[Dimension, date], list[Share]] = {}
    for row in rows:
        key = (Dimension(str(row["dimension"])), date.fromisoformat(str(row["date"])))
        grouped.setdefault(key, []).append(Share(str(row["bucket"]), float(row["share"])))  # type: ignore[arg-type]
    breakdowns = [
        Breakdown(
            dimension,
            read_on,
            tuple(sorted(shares, key=lambda s: (-s.share, _order(dimension, s.bucket)))),
        )
        for (dimension, read_on), shares in grouped.items()
    ]
    return sorted(breakdowns, key=lambda b: (-b.read_on.toordinal(), _DIMENSION_ORDER[b.dimension]))


_DIMENSION_ORDER = {dimension: index for index, dimension in enumerate(Dimension)}


def _order(dimension: Dimension, bucket: str) -> tuple[int, str]:
    fixed = dimension.fixed_buckets
    return (fixed.index(bucket), "") if bucket in fixed else (len(fixed), bucket.casefold())


def _singular(dimension: Dimension) -> str:
    return {
        Dimension.COUNTRY: "country",
        Dimension.AGE: "age band",
        Dimension.GENDER: "gender",
        Dimension.CITY: "city",
    }[dimension]
