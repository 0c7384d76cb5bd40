"""Follower jumps on their own: the size a jump needs, and growth that never makes one."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.follower_jumps import JumpRules, find_jumps
from tests.core.test_quality import DAYS, SPIKE, TODAY, day, snapshots


def history(gains: list[int], start: int = 10_000) -> list[tuple[date, int]]:
    return [(s.date, s.followers) for s in snapshots(gains, start=start)]


def test_a_small_account_needs_a_jump_of_at_least_50_followers():
    gains = [2] * DAYS
    gains[DAYS - 1 - SPIKE] = 40  # z is huge, but 38 followers are not a story
    assert find_jumps(history(gains, start=1_500), {}, [], TODAY).jumps == ()
    gains[DAYS - 1 - SPIKE] = 60
    assert [jump.day for jump in find_jumps(history(gains, start=1_500), {}, [], TODAY).jumps] == [
        day(SPIKE)
    ]


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(min_value=0, max_value=5_000_000),
    per_day=st.integers(min_value=0, max_value=50_000),
    days=st.integers(min_value=1, max_value=400),
    missing=st.frozensets(st.integers(min_value=1, max_value=398), max_size=40),
)
def test_steady_growth_never_flags_a_jump(start, per_day, days, missing):
    steady = snapshots([per_day] * days, start=start, missing=missing)
    days_seen = [(s.date, s.followers) for s in steady]
    assert find_jumps(days_seen, {}, [], TODAY, JumpRules()).jumps == ()


@settings(max_examples=80, deadline=None)
@given(
    gains=st.lists(st.integers(min_value=0, max_value=40), min_size=40, max_size=150),
    spikes=st.dictionaries(st.integers(0, 149), st.integers(0, 20_000), max_size=4),
    per_day=st.integers(min_value=1, max_value=20_000),
)
def test_adding_steady_growth_to_a_history_never_adds_a_flag(gains, spikes, per_day):
    """Every day's change and its baseline move alike, so no day stands out more than before."""
    for index, spike in spikes.items():
        if index < len(gains):
            gains[index] += spike
    assert flagged_days([gain + per_day for gain in gains]) <= flagged_days(gains)


def flagged_days(gains: list[int]) -> set[date]:
    return {jump.day for jump in find_jumps(history(gains), {}, [], TODAY).flagged}


def test_a_spike_stays_flagged_under_a_little_steady_growth():
    gains = [20] * 100
    gains[70] = 3_000
    assert flagged_days(gains) == {day(29)}
    assert flagged_days([gain + 5 for gain in gains]) == {day(29)}
