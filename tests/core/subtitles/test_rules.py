"""The subtitle rules: REFERENCE.md §6's defaults from resources/, each configurable and checked."""

import pytest

from companion.core.subtitles.checks import FindingKind
from companion.core.subtitles.cues import SubtitleError
from companion.core.subtitles.rules import (
    CHECKS,
    Rules,
    default_rules,
    reading_speed_presets,
    rules_as_dict,
    rules_from_dict,
)


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


def test_every_check_that_can_be_switched_off_is_a_kind_of_finding():
    assert set(CHECKS) <= {kind.value for kind in FindingKind}
    assert default_rules().switched_off == frozenset()
    with pytest.raises(SubtitleError, match="no check called spelling"):
        default_rules().with_changes(switched_off=frozenset({"spelling"}))


def test_rules_go_to_plain_data_and_back():
    rules = default_rules().with_changes(
        max_chars_per_second=13, min_gap_ms=0, switched_off=frozenset({"empty", "overlap"})
    )
    assert rules_from_dict(rules_as_dict(rules)) == rules


@pytest.mark.parametrize(
    "stored",
    [
        {},
        {"max_lines": "two"},
        {"min_duration_ms": 9000},  # longer than the longest: unusable, so all defaults
        {"switched_off": "empty"},
        [1, 2],
    ],
)
def test_stored_rules_that_cannot_be_used_fall_back_to_the_defaults(stored):
    assert rules_from_dict(stored) == default_rules()


def test_stored_rules_keep_what_they_can():
    rules = rules_from_dict({"max_lines": 3, "switched_off": ["empty", "spelling"]})
    assert (rules.max_lines, rules.switched_off) == (3, frozenset({"empty"}))
