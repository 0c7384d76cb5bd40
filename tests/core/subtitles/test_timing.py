"""Re-timing: every operation is pure, keeps whole milliseconds and never moves a cue before 0:00 unasked."""

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from companion.core.subtitles.cues import Cue, SubtitleError
from companion.core.subtitles.timing import (
    FrameRate,
    SyncPoint,
    change_frame_rate,
    earliest_shift,
    frame_ms,
    round_half_away,
    set_first_start,
    shift,
    snap_to_frames,
    stretch,
)
from tests.core.subtitles.strategies import HOUR_MS, timed_cues, times

CUES = [Cue(1_000, 2_500, "one"), Cue(3_000, 4_000, "two"), Cue(6_000, 9_000, "three")]
offsets = st.integers(min_value=-10 * HOUR_MS, max_value=10 * HOUR_MS)
rates = st.sampled_from(list(FrameRate))


def all_times(cues):
    return [time for cue in cues for time in (cue.start_ms, cue.end_ms)]


def test_shift_all_later_and_earlier():
    assert all_times(shift(CUES, 500)) == [1_500, 3_000, 3_500, 4_500, 6_500, 9_500]
    assert all_times(shift(CUES, -1_000)) == [0, 1_500, 2_000, 3_000, 5_000, 8_000]


def test_shift_only_the_selected_cues():
    moved = shift(CUES, 250, indices=[1])
    assert moved[0] == CUES[0] and moved[2] == CUES[2]
    assert (moved[1].start_ms, moved[1].end_ms) == (3_250, 4_250)


def test_a_shift_before_the_start_of_the_video_is_refused_unless_clamped():
    assert earliest_shift(CUES) == -1_000
    with pytest.raises(SubtitleError, match=r"cue 1 \(at 00:00:01.000\) before the start"):
        shift(CUES, -1_001)
    clamped = shift(CUES, -2_000, clamp=True)
    assert all_times(clamped)[:3] == [0, 500, 1_000]


def test_earliest_shift_of_the_selection_and_of_nothing():
    assert earliest_shift(CUES, [2]) == -6_000
    assert earliest_shift([]) == 0


def test_set_the_first_cue_start():
    moved = set_first_start(CUES, 10_000)
    assert moved[0].start_ms == 10_000
    assert [cue.duration_ms for cue in moved] == [cue.duration_ms for cue in CUES]
    assert set_first_start([], 5) == ()
    with pytest.raises(SubtitleError):
        set_first_start(CUES, -1)


def test_stretch_fixes_drift_between_two_points():
    fixed = stretch(CUES, SyncPoint(1_000, 1_000), SyncPoint(6_000, 11_000))
    assert all_times(fixed) == [1_000, 4_000, 5_000, 7_000, 11_000, 17_000]


@pytest.mark.parametrize(
    ("second", "message"),
    [(SyncPoint(1_000, 5_000), "different times"), (SyncPoint(6_000, 500), "same order")],
)
def test_stretch_needs_two_points_in_order(second, message):
    with pytest.raises(SubtitleError, match=message):
        stretch(CUES, SyncPoint(1_000, 1_000), second)


def test_frame_rates_are_exact():
    assert FrameRate.FPS_23_976.frames_per_second == Fraction(24000, 1001)
    assert FrameRate.FPS_29_97.frames_per_second == Fraction(30000, 1001)
    assert FrameRate.FPS_25.frames_per_second == 25
    assert frame_ms(FrameRate.FPS_25) == 40


def test_a_film_sped_up_for_pal_shows_every_cue_sooner():
    sped_up = change_frame_rate(CUES, FrameRate.FPS_23_976, FrameRate.FPS_25)
    assert sped_up[2].start_ms == round(6_000 * 24_000 / 1_001 / 25)


def test_snap_to_frames_at_25_fps():
    snapped = snap_to_frames([Cue(1_019, 1_021, "a")], FrameRate.FPS_25)
    assert all_times(snapped) == [1_000, 1_040]


def test_a_frame_rate_must_be_above_zero():
    with pytest.raises(SubtitleError, match="above zero"):
        snap_to_frames(CUES, Fraction(0))


@pytest.mark.parametrize(
    ("numerator", "denominator", "rounded"), [(5, 2, 3), (-5, 2, -3), (4, 3, 1), (-4, 3, -1)]
)
def test_halves_round_away_from_zero(numerator, denominator, rounded):
    assert round_half_away(numerator, denominator) == rounded


def test_the_given_cues_are_left_as_they_were():
    before = list(CUES)
    shift(CUES, 100)
    stretch(CUES, SyncPoint(0, 0), SyncPoint(1_000, 2_000))
    change_frame_rate(CUES, FrameRate.FPS_24, FrameRate.FPS_25)
    snap_to_frames(CUES, FrameRate.FPS_30)
    assert before == CUES


@given(timed_cues(), offsets)
def test_shift_and_shift_back_changes_nothing(cues, offset):
    assume(offset >= earliest_shift(cues))
    assert shift(shift(cues, offset), -offset) == cues


@given(timed_cues(), st.data())
def test_shift_selected_then_back(cues, data):
    chosen = data.draw(st.sets(st.integers(0, max(len(cues) - 1, 0))) if cues else st.just(set()))
    offset = data.draw(offsets.filter(lambda ms: ms >= earliest_shift(cues, chosen)))
    assert shift(shift(cues, offset, chosen), -offset, chosen) == cues


@given(timed_cues(), st.integers(-20 * HOUR_MS, 0))
def test_clamping_never_leaves_a_time_before_zero(cues, offset):
    assert all(time >= 0 for time in all_times(shift(cues, offset, clamp=True)))


@given(timed_cues(), times, times, times, times)
def test_stretch_puts_both_sync_points_exactly_in_place_and_keeps_order(
    cues, was_a, was_b, now_a, now_b
):
    assume(was_a != was_b and now_a != now_b and (was_a < was_b) == (now_a < now_b))
    first, second = SyncPoint(was_a, now_a), SyncPoint(was_b, now_b)
    anchors = (Cue(was_a, was_b, "first"), Cue(was_b, was_a, "second"))
    stretched = stretch(
        sorted(cues + anchors, key=lambda cue: cue.start_ms), first, second, clamp=True
    )
    placed = {
        cue.text: (cue.start_ms, cue.end_ms) for cue in stretched if cue.text in ("first", "second")
    }
    assert placed == {"first": (now_a, now_b), "second": (now_b, now_a)}
    starts = [cue.start_ms for cue in stretched]
    assert starts == sorted(starts)


@given(timed_cues(), rates, rates)
def test_frame_rate_there_and_back_lands_within_a_frame(cues, timed_for, played_at):
    back = change_frame_rate(change_frame_rate(cues, timed_for, played_at), played_at, timed_for)
    frame = frame_ms(timed_for)
    assert all(abs(a - b) <= frame for a, b in zip(all_times(back), all_times(cues), strict=True))


@given(timed_cues(), rates)
def test_snapping_twice_is_snapping_once_and_moves_at_most_half_a_frame(cues, rate):
    snapped = snap_to_frames(cues, rate)
    assert snap_to_frames(snapped, rate) == snapped
    half = frame_ms(rate) / 2 + 1
    assert all(abs(a - b) <= half for a, b in zip(all_times(snapped), all_times(cues), strict=True))
