"""Checking what a creator types for an account and a day's numbers, before anything is kept."""

from datetime import date

import pytest

from companion.core.accounts import (
    SNAPSHOT_COUNTS,
    Account,
    Snapshot,
    account_problem,
    day_text,
    handle_key,
    snapshot_problems,
)
from companion.core.platforms import Platform

TODAY = date(2026, 11, 20)
NINA = Account(1, Platform.INSTAGRAM, "nina.eats")


def test_a_day_today_or_before_with_counts_of_zero_or_more_is_fine():
    assert snapshot_problems(Snapshot(1, TODAY, 0, following=0, reach=12), TODAY) == []
    assert snapshot_problems(Snapshot(1, date(2020, 1, 1), 24_310), TODAY) == []


def test_a_day_still_to_come_is_refused_naming_the_date():
    [problem] = snapshot_problems(Snapshot(1, date(2026, 11, 21), 100), TODAY)
    assert problem.field == "date"
    assert problem.message.startswith("Date: 21 Nov 2026 is still to come")


@pytest.mark.parametrize("field", list(SNAPSHOT_COUNTS))
def test_a_negative_count_is_refused_naming_its_field(field):
    values = {"followers": 100, field: -1_200}
    [problem] = snapshot_problems(Snapshot(1, TODAY, **values), TODAY)
    assert problem.field == field
    assert problem.message == f"{SNAPSHOT_COUNTS[field]}: a count cannot be negative (got -1,200)."


def test_every_problem_is_listed():
    problems = snapshot_problems(Snapshot(1, date(2027, 1, 1), -1, reach=-2), TODAY)
    assert [p.field for p in problems] == ["date", "followers", "reach"]


def test_days_read_the_way_creators_write_them():
    assert day_text(date(2026, 3, 5)) == "5 Mar 2026"


@pytest.mark.parametrize("typed", ["nina.eats", "@nina.eats", " @Nina.Eats ", "NINA.EATS"])
def test_case_spaces_and_a_leading_at_do_not_make_another_account(typed):
    assert handle_key(typed) == "nina.eats"
    assert account_problem(Platform.INSTAGRAM, typed, [NINA]) == (
        "You already have Instagram @nina.eats; add each account once."
    )


def test_the_same_handle_on_another_platform_is_another_account():
    assert account_problem(Platform.TIKTOK, "@nina.eats", [NINA]) is None


def test_several_accounts_on_one_platform_are_fine():
    assert account_problem(Platform.INSTAGRAM, "nina.travels", [NINA]) is None


def test_an_empty_handle_is_refused():
    assert account_problem(Platform.INSTAGRAM, "  @ ", []).startswith("Handle:")


def test_an_account_being_edited_may_keep_its_own_handle():
    assert account_problem(Platform.INSTAGRAM, "Nina.Eats", [NINA], editing=NINA.id) is None
    other = Account(2, Platform.INSTAGRAM, "nina.travels")
    assert account_problem(Platform.INSTAGRAM, "nina.eats", [NINA, other], editing=2)
