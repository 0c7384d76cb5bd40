"""Audience breakdowns: what a creator may enter, and how shares are named and ordered."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.audience import (
    AGE_BANDS,
    Breakdown,
    BreakdownProblem,
    Dimension,
    Share,
    breakdowns_from_rows,
    bucket_label,
    latest_by_dimension,
    make_breakdown,
)

TODAY = date(2026, 11, 20)
READ_ON = date(2026, 11, 6)


def test_a_breakdown_is_ordered_largest_first_with_buckets_normalised():
    breakdown = make_breakdown(
        Dimension.COUNTRY, READ_ON, [("pt", 0.14), (" us ", 0.29), ("GB", 0.156)], TODAY
    )
    assert [share.bucket for share in breakdown.shares] == ["US", "GB", "PT"]
    assert breakdown.total == pytest.approx(0.586)
    assert breakdown.unlisted == pytest.approx(0.414)


@pytest.mark.parametrize(
    ("dimension", "typed", "kept"),
    [
        (Dimension.AGE, "18–24", "18-24"),
        (Dimension.AGE, "65 +", "65+"),
        (Dimension.GENDER, "Female", "female"),
        (Dimension.CITY, "  São   Paulo ", "São Paulo"),
    ],
)
def test_buckets_are_kept_the_way_every_platform_writes_them(dimension, typed, kept):
    breakdown = make_breakdown(dimension, READ_ON, [(typed, 0.5)], TODAY)
    assert breakdown.shares[0].bucket == kept


@pytest.mark.parametrize(
    ("dimension", "entries", "expected"),
    [
        (Dimension.COUNTRY, [("Atlantis", 0.2)], "Row 1: “Atlantis” is not a country code"),
        (Dimension.CITY, [("Lisbon", 0.2), ("lisbon", 0.1)], "Row 2: Lisbon is listed twice"),
        (Dimension.CITY, [("", 0.2)], "Row 1: name the city"),
        (Dimension.AGE, [("18-24", 1.2)], "Row 1: a share is between 0% and 100%"),
        (Dimension.AGE, [("18-24", -0.1)], "Row 1: a share is between 0% and 100%"),
        (Dimension.GENDER, [("female", 0.7), ("male", 0.4)], "add up to 110.0%"),
        (Dimension.GENDER, [], "Enter at least one share"),
    ],
)
def test_what_cannot_be_kept_is_refused_naming_the_row(dimension, entries, expected):
    with pytest.raises(BreakdownProblem, match=expected):
        make_breakdown(dimension, READ_ON, entries, TODAY)


def test_a_breakdown_read_on_a_day_still_to_come_is_refused():
    with pytest.raises(BreakdownProblem, match="Date read: 21 Nov 2026 is still to come"):
        make_breakdown(Dimension.GENDER, date(2026, 11, 21), [("female", 0.6)], TODAY)


def test_rounded_shares_a_little_over_100_percent_are_accepted():
    entries = [("female", 0.637), ("male", 0.344), ("other", 0.021)]
    assert make_breakdown(Dimension.GENDER, READ_ON, entries, TODAY).total == pytest.approx(1.002)


def test_labels_read_as_a_person_would_say_them():
    assert bucket_label(Dimension.COUNTRY, "PT") == "Portugal"
    assert bucket_label(Dimension.GENDER, "female") == "Female"
    assert bucket_label(Dimension.AGE, "18-24") == "18–24"
    assert bucket_label(Dimension.CITY, "Lisbon") == "Lisbon"


def test_share_of_target_countries():
    breakdown = make_breakdown(
        Dimension.COUNTRY, READ_ON, [("US", 0.3), ("PT", 0.2), ("BR", 0.1)], TODAY
    )
    assert breakdown.share_of(["us", "PT"]) == pytest.approx(0.5)


def test_stored_rows_group_into_breakdowns_newest_first_and_the_latest_of_each_dimension():
    rows = [
        {"dimension": "age", "date": "2026-05-01", "bucket": "25-34", "share": 0.4},
        {"dimension": "age", "date": "2026-05-01", "bucket": "18-24", "share": 0.4},
        {"dimension": "age", "date": "2026-11-01", "bucket": "25-34", "share": 0.5},
        {"dimension": "country", "date": "2026-05-01", "bucket": "PT", "share": 0.9},
    ]
    breakdowns = breakdowns_from_rows(rows)
    assert [(b.dimension, b.read_on) for b in breakdowns] == [
        (Dimension.AGE, date(2026, 11, 1)),
        (Dimension.COUNTRY, date(2026, 5, 1)),
        (Dimension.AGE, date(2026, 5, 1)),
    ]
    # Equal shares keep the bands in their natural order.
    assert [s.bucket for s in breakdowns[2].shares] == ["18-24", "25-34"]
    latest = latest_by_dimension(breakdowns)
    assert latest[Dimension.AGE].read_on == date(2026, 11, 1)
    assert set(latest) == {Dimension.AGE, Dimension.COUNTRY}


shares = st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=len(AGE_BANDS))


@given(shares)
def test_any_accepted_breakdown_keeps_every_share_and_stays_within_100_percent(values):
    entries = list(zip(AGE_BANDS, values, strict=False))
    try:
        breakdown = make_breakdown(Dimension.AGE, READ_ON, entries, TODAY)
    except BreakdownProblem:
        assert sum(values) > 1.005
        return
    assert sorted(s.share for s in breakdown.shares) == sorted(values)
    assert breakdown.total <= 1.005
    assert 0 <= breakdown.unlisted <= 1
    ordered = [s.share for s in breakdown.shares]
    assert ordered == sorted(ordered, reverse=True)


def test_a_breakdown_is_a_value():
    one = Breakdown(Dimension.GENDER, READ_ON, (Share("female", 0.6),))
    assert one == Breakdown(Dimension.GENDER, READ_ON, (Share("female", 0.6),))
