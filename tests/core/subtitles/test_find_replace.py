"""Find next and replace one match, as the editor's find bar does, and replacing a cue."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.subtitles.cues import Cue, SubtitleError
from companion.core.subtitles.edits import Match, find, find_next, replace_cue, replace_match

CUES = (
    Cue(0, 1_000, "The cat sat."),
    Cue(1_000, 2_000, "No animals here."),
    Cue(2_000, 3_000, "A cat and\nanother CAT."),
)


def test_find_next_goes_on_from_the_last_match_and_round_to_the_start():
    first = find_next(CUES, "cat")
    assert first == Match(0, 4, 7)
    second = find_next(CUES, "cat", (first.cue_index, first.start))
    assert second == Match(2, 2, 5)
    third = find_next(CUES, "cat", (second.cue_index, second.start))
    assert third == Match(2, 18, 21)
    assert find_next(CUES, "cat", (third.cue_index, third.start)) == first


def test_find_next_from_a_cue_starts_within_it_and_none_when_nowhere():
    assert find_next(CUES, "cat", (2, -1)) == Match(2, 2, 5)
    assert find_next(CUES, "dog") is None


def test_replace_one_match_leaves_the_others():
    match = find_next(CUES, "cat", (2, 2))
    replaced = replace_match(CUES, match, "cat", "dog")
    assert replaced[2].text == "A cat and\nanother dog."
    assert replaced[:2] == CUES[:2]


def test_replace_one_match_with_a_regular_expression_group():
    match = find_next(CUES, r"(\w+) sat", regex=True)
    replaced = replace_match(CUES, match, r"(\w+) sat", r"\1 slept", regex=True)
    assert replaced[0].text == "The cat slept."


def test_a_match_whose_cue_changed_since_is_not_replaced():
    match = find_next(CUES, "cat")
    edited = replace_cue(CUES, 0, CUES[0].with_text("The dog sat."))
    with pytest.raises(SubtitleError, match="has changed since it was found"):
        replace_match(edited, match, "cat", "cow")


def test_replace_cue_changes_only_that_cue():
    new = Cue(5, 6, "x")
    assert replace_cue(CUES, 1, new) == (CUES[0], new, CUES[2])


@given(st.text(alphabet="ab ", max_size=30), st.sampled_from(["a", "b", "ab"]))
def test_replacing_every_match_one_by_one_is_replace_all(text, what):
    cues = (Cue(0, 1, text),)
    while (match := find_next(cues, what, match_case=True)) is not None:
        cues = replace_match(cues, match, what, "X", match_case=True)
    assert cues[0].text == text.replace(what, "X")
    assert find(cues, what, match_case=True) == []
