"""Dates as exports write them: month names in several languages, days without a year, ranges
in file names, and a column's format found once."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.importers.dates import (
    DateColumn,
    YearlessDays,
    first_year_ending_by,
    parse_month_day,
    parse_named_date,
    range_in_name,
    year_before,
)
from companion.importers.values import BadValue

ENGLISH = "January February March April May June July August September October November December"
SPANISH = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
MONTHS_EN = ENGLISH.split()
MONTHS_ES = SPANISH.split()
days = st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 1", (7, 1)),
        ("February 28", (2, 28)),
        ("8 de marzo", (3, 8)),
        ("1. März", (3, 1)),
        ("Feb 6", (2, 6)),
        ("  May   6 ", (5, 6)),
    ],
)
def test_days_without_a_year_in_the_platforms_languages(text, expected):
    assert parse_month_day(text) == expected


@pytest.mark.parametrize("text", ["", "July", "Julember 3", "February 30", "13 de nada", "7/1"])
def test_what_is_not_a_day_is_refused_saying_what_was_expected(text):
    with pytest.raises(BadValue, match=r"expected|calendar|month"):
        parse_month_day(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apr 29, 2020", date(2020, 4, 29)),
        ("10-Jun-26", date(2026, 6, 10)),
        ("Sat, Aug 1, 2026", date(2026, 8, 1)),
        ("8 de marzo de 2025", date(2025, 3, 8)),
    ],
)
def test_dates_with_month_names(text, expected):
    assert parse_named_date(text) == expected


@given(days, st.sampled_from(["en", "es"]))
def test_any_day_written_with_its_month_name_reads_back(day, language):
    months = MONTHS_EN if language == "en" else MONTHS_ES
    text = (
        f"{months[day.month - 1]} {day.day}"
        if language == "en"
        else f"{day.day} de {months[day.month - 1]}"
    )
    assert parse_month_day(text) == (day.month, day.day)
    assert (
        parse_named_date(f"{text}, {day.year}" if language == "en" else f"{text} {day.year}") == day
    )


@given(days, st.integers(min_value=1, max_value=800), st.integers(min_value=0, max_value=300))
def test_a_yearless_column_gets_its_years_back(start, length, slack):
    """A run of consecutive days written without a year, read oldest first, is placed exactly
    when the file was made within a year after its last day."""
    run = [start + timedelta(days=n) for n in range(length)]
    texts = [f"{MONTHS_EN[d.month - 1]} {d.day}" for d in run]
    made_on = run[-1] + timedelta(days=slack)
    reader = YearlessDays(first_year_ending_by([(d.month, d.day) for d in run], made_on))
    assert [reader.day(t) for t in texts] == run


@given(days, days)
def test_year_before_is_the_latest_such_day_not_after_the_anchor(day, anchor):
    if (day.month, day.day) == (2, 29):
        return
    found = year_before(day.month, day.day, anchor)
    assert found <= anchor
    assert (found.month, found.day) == (day.month, day.day)
    assert found.replace(year=found.year + 1) > anchor


@given(days, days)
def test_ranges_in_file_names_read_back(first, last):
    first, last = min(first, last), max(first, last)
    names = [
        f"tweet_activity_metrics_maya_{first:%Y%m%d}_{last:%Y%m%d}_en.csv",
        f"account_analytics_content_{first.isoformat()}_{last.isoformat()}.csv",
        f"{first:%b-%d-%Y}_{last:%b-%d-%Y}_1493633672508178.csv",
    ]
    for name in names:
        assert range_in_name(name) == (first, last)


def test_a_name_without_a_range_gives_none():
    assert range_in_name("Overview.csv") is None


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["2016-12-23 18:50 +0000"], datetime(2016, 12, 23, 18, 50, tzinfo=UTC)),
        (["05/26/2026 10:23", "06/13/2026 09:00"], datetime(2026, 5, 26, 10, 23, tzinfo=UTC)),
        (["2026-05-25T00:00:00"], datetime(2026, 5, 25, tzinfo=UTC)),
        (["13-06-2025", "14-06-2025"], datetime(2025, 6, 13, tzinfo=UTC)),
        (["Apr 29, 2020"], datetime(2020, 4, 29, tzinfo=UTC)),
        (["10-Jun-26"], datetime(2026, 6, 10, tzinfo=UTC)),
    ],
)
def test_a_column_reads_its_own_format(cells, expected):
    assert DateColumn(cells).moment(cells[0]) == expected


def test_a_column_says_what_a_bad_cell_should_have_been():
    column = DateColumn(["2025-01-01"])
    assert column.day("") is None
    with pytest.raises(BadValue, match="expected a date"):
        column.day("soon")
