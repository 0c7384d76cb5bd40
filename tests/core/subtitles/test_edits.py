"""Editing cues: insert, delete, split, merge, find and replace — new cues each time, notes kept."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.subtitles.cues import Cue, SubtitleError
from companion.core.subtitles.edits import (
    Match,
    delete_cues,
    find,
    insert_cue,
    merge_with_next,
    new_cue_after,
    replace_all,
    split_cue,
)
from tests.core.subtitles.strategies import timed_cues

CUES = (
    Cue(1_000, 3_000, "Hello and welcome", "intro", "align:start", ("NOTE opening",)),
    Cue(3_500, 5_000, "to the kitchen", notes=("NOTE recipe starts",)),
    Cue(9_000, 11_000, "Crème brûlée"),
)


def test_insert_a_new_cue_in_the_gap_after_a_cue():
    cue = new_cue_after(CUES, 1, gap_ms=83)
    assert (cue.start_ms, cue.end_ms, cue.text) == (5_083, 7_083, "")
    added = insert_cue(CUES, 2, cue)
    assert [c.text for c in added] == ["Hello and welcome", "to the kitchen", "", "Crème brûlée"]


def test_a_new_cue_stops_before_the_next_one_and_can_go_first():
    assert new_cue_after(CUES, 0, gap_ms=83).end_ms == 3_500 - 83
    assert (new_cue_after(CUES, None, 83).start_ms, new_cue_after(CUES, None, 83).end_ms) == (
        0,
        917,
    )
    assert new_cue_after([], None, 83) == Cue(0, 2_000, "")


def test_deleting_moves_notes_to_the_next_cue_kept():
    kept = delete_cues(CUES, {0, 1})
    assert kept == (
        Cue(9_000, 11_000, "Crème brûlée", notes=("NOTE opening", "NOTE recipe starts")),
    )


def test_split_at_the_cursor_shares_the_time_by_text():
    first, second = split_cue(CUES, 0, 9)[:2]
    assert (first.text, second.text) == ("Hello and", "welcome")
    assert first.end_ms == second.start_ms == 1_000 + round(2_000 * 9 / 16)
    assert (first.identifier, first.notes) == ("intro", ("NOTE opening",))
    assert (second.identifier, second.settings, second.notes) == ("", "align:start", ())


def test_split_at_a_chosen_time():
    first, second = split_cue(CUES, 0, 9, at_ms=2_500)[:2]
    assert (first.end_ms, second.start_ms) == (2_500, 2_500)


@pytest.mark.parametrize(("at", "at_ms"), [(0, None), (17, None), (9, 4_000)])
def test_a_split_needs_words_on_both_sides_and_a_time_inside_the_cue(at, at_ms):
    with pytest.raises(SubtitleError):
        split_cue(CUES, 0, at, at_ms)


def test_merge_with_the_next_cue():
    merged = merge_with_next(CUES, 0)
    assert len(merged) == 2
    assert merged[0] == Cue(
        1_000,
        5_000,
        "Hello and welcome\nto the kitchen",
        "intro",
        "align:start",
        ("NOTE opening", "NOTE recipe starts"),
    )
    with pytest.raises(SubtitleError, match="no next cue"):
        merge_with_next(CUES, 2)


def test_find_plain_text_whatever_its_case():
    assert find(CUES, "the") == [Match(1, 3, 6)]
    assert find(CUES, "THE", match_case=True) == []
    assert find(CUES, "brûlée") == [Match(2, 6, 12)]


def test_find_with_a_regular_expression():
    assert find(CUES, r"\bw\w+", regex=True) == [Match(0, 10, 17)]
    with pytest.raises(SubtitleError, match="not a regular expression that can be used"):
        find(CUES, "(", regex=True)
    with pytest.raises(SubtitleError, match="Type something"):
        find(CUES, "")


def test_replace_all():
    changed, count = replace_all(CUES, "the", "our")
    assert count == 1 and changed[1].text == "to our kitchen"
    assert changed[0] is CUES[0]
    literal, _ = replace_all(CUES, "kitchen", r"\1 garden")
    assert literal[1].text == r"to the \1 garden"
    grouped, count = replace_all(CUES, r"(\w+) and (\w+)", r"\2 and \1", regex=True)
    assert grouped[0].text == "welcome and Hello" and count == 1
    with pytest.raises(SubtitleError, match="replacement cannot be used"):
        replace_all(CUES, "the", r"\9", regex=True)


@given(timed_cues(max_size=10), st.data())
def test_split_then_merge_gives_the_words_back(cues, data):
    splittable = [
        i for i, cue in enumerate(cues) if len(cue.text.split()) > 1 and cue.duration_ms >= 0
    ]
    if not splittable:
        return
    index = data.draw(st.sampled_from(splittable))
    at = cues[index].text.index(cues[index].text.split()[0]) + len(cues[index].text.split()[0])
    merged = merge_with_next(split_cue(cues, index, at), index)
    assert merged[index].text.split() == cues[index].text.split()
    assert (merged[index].start_ms, merged[index].end_ms) == (
        cues[index].start_ms,
        cues[index].end_ms,
    )
