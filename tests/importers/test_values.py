"""Reading numbers and dates the way platforms and spreadsheets write them."""

import contextlib
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.importers.values import (
    EPOCH_MILLISECONDS,
    EPOCH_SECONDS,
    BadValue,
    detect_date_format,
    parse_count,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_duration,
    parse_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234),
        ("1,234", 1234),
        ("1.234", 1234),
        ("12 345", 12345),
        ("12\u00a0345", 12345),
        ("1,234,567", 1234567),
        ("1.2K", 1200),
        ("1,2K", 1200),
        ("3M", 3_000_000),
        ("45k", 45_000),
        ("1234.0", 1234),
        ("", None),
        ("—", None),
        ("N/A", None),
        (None, None),
    ],
)
def test_counts(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-5", "twelve", "1,23", "12.5", "1e5", "0x10"])
def test_bad_counts_say_what_was_expected(text):
    with pytest.raises(BadValue, match="expected"):
        parse_count(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.3%", 0.123), ("12,3 %", 0.123), ("100%", 1.0), ("0.5", 0.5), ("", None)],
)
def test_percentages(text, expected):
    if expected is None:
        assert parse_percent(text) is None
    else:
        assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"), [("1,234.5", 1234.5), ("1.234,5", 1234.5), ("12,5", 12.5), ("7", 7.0)]
)
def test_decimals(text, expected):
    assert parse_decimal(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"), [("0:03:21", 201), ("3:21", 201), ("201", 201), ("1:00:00", 3600)]
)
def test_durations(text, expected):
    assert parse_duration(text) == expected


def test_bad_durations():
    with pytest.raises(BadValue, match="0:03:21"):
        parse_duration("3 minutes")


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (["2025-03-31", "2025-04-01"], "%Y-%m-%d"),
        (["03/04/2025", "03/05/2025"], "%m/%d/%Y"),  # ambiguous: month first, as US exports
        (["03/04/2025", "25/04/2025"], "%d/%m/%Y"),  # a 25th forces day first
        (["31.03.2025"], "%d.%m.%Y"),
        (["Mar 31, 2025"], "%b %d, %Y"),
        (["1743445800", "1743532200"], EPOCH_SECONDS),
        (["1743445800000"], EPOCH_MILLISECONDS),
        (["2025-03-31T18:30:00Z"], "iso"),
        (["yesterday"], None),
        ([], None),
    ],
)
def test_date_format_detection(samples, expected):
    assert detect_date_format(samples) == expected


def test_dates_and_moments():
    assert parse_date("31/03/2025", "%d/%m/%Y") == date(2025, 3, 31)
    moment = parse_datetime("2025-03-31T18:30:00+02:00", "iso")
    assert moment.utcoffset().total_seconds() == 7200
    assert parse_datetime("1743445800", EPOCH_SECONDS) == datetime(2025, 3, 31, 18, 30, tzinfo=UTC)
    with pytest.raises(BadValue, match="31/03/2025"):
        parse_date("2025-13-45", "%d/%m/%Y")


@given(st.integers(min_value=0, max_value=10**12))
def test_any_count_written_with_thousands_separators_reads_back(number):
    assert parse_count(f"{number:,}") == number
    assert parse_count(f"{number:,}".replace(",", ".")) == number
    assert parse_count(f"{number:,}".replace(",", "\u00a0")) == number


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2100, 1, 1)))
def test_a_date_in_any_supported_format_reads_back(day):
    for date_format in ("%Y-%m-%d", "%d.%m.%Y", "%b %d, %Y"):
        text = day.strftime(date_format)
        assert parse_date(text, detect_date_format([text])) == day


@given(st.one_of(st.text(max_size=20), st.sampled_from(["inf", "nan", "1e999", "-0", "1:nan"])))
def test_parsers_never_fail_with_anything_but_bad_value(text):
    for parser in (parse_count, parse_decimal, parse_percent, parse_duration):
        with contextlib.suppress(BadValue):
            parser(text)
