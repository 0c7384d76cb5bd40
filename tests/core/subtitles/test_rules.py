"""The subtitle rules: REFERENCE.md §6's defaults from resources/, each configurable and checked."""

import pytest

from companion.core.subtitles.cues import SubtitleError
from companion.core.subtitles.rules import Rules, default_rules, reading_speed_presets


def test_the_defaults_are_the_netflix_english_ones():
    rules = default_rules()
    assert rules.max_chars_per_line == 42
    assert rules.max_lines == 2
    assert rules.max_chars_per_second == 17
    assert rules.min_duration_ms == 833  # 5/6 s
    assert rules.max_duration_ms == 7000
    assert rules.min_gap_ms == 83  # 2 frames at 24 fps


def test_reading_speeds_for_other_audiences():
    assert reading_speed_presets() == {"adult": 17, "children": 13, "relaxed": 20}


def test_every_rule_can_be_changed():
    children = default_rules().with_changes(max_chars_per_second=13, min_gap_ms=0)
    assert (children.max_chars_per_second, children.min_gap_ms) == (13, 0)
    assert default_rules().max_chars_per_second == 17


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_chars_per_line": 0}, "Characters a line must be 1 or more"),
        ({"min_gap_ms": -1}, "gap between cues must be 0 or more"),
        ({"min_duration_ms": 8000}, "must not be longer than the longest"),
    ],
)
def test_rules_that_cannot_work_are_refused(change, message):
    with pytest.raises(SubtitleError, match=message):
        default_rules().with_changes(**change)


def test_rules_can_be_made_from_scratch():
    rules = Rules(30, 3, 20, 500, 6000, 40)
    assert rules.max_lines == 3
