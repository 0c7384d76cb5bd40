"""The checks: each finding in a creator's words, with a fix, and "Fix all safe" that changes no words."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.subtitles.checks import (
    FindingKind,
    Severity,
    check_cues,
    check_document,
    fix_all_safe,
    rebreak,
    report_as_dict,
    summarize,
)
from companion.core.subtitles.cues import Cue, Document, ReadProblem
from companion.core.subtitles.rules import CHECKS, default_rules
from tests.core.subtitles.strategies import text_lines, timed_cues

RULES = default_rules()
LONG = "so today we are trying the new spring recipe and honestly it is way easier"


def only(findings, kind):
    found = [finding for finding in findings if finding.kind is kind]
    assert len(found) == 1, findings
    return found[0]


def test_good_cues_have_no_findings():
    cues = [Cue(0, 2_000, "Hello there"), Cue(2_100, 4_000, "<i>and welcome</i>")]
    assert check_cues(cues) == []


def test_overlap_is_an_error_trimmed_safely():
    cues = [Cue(0, 2_500, "Hello there"), Cue(2_000, 4_000, "friend")]
    finding = only(check_cues(cues), FindingKind.OVERLAP)
    assert (finding.cue_index, finding.severity) == (0, Severity.ERROR)
    assert finding.message == ("Cue 1 is still on screen when cue 2 starts: they overlap by 0.5 s.")
    assert finding.safely_fixable
    assert finding.fix.apply(cues)[0].end_ms == 2_000 - RULES.min_gap_ms


def test_a_gap_too_small_to_notice_is_closed_to_the_minimum():
    cues = [Cue(0, 2_000, "Hello there"), Cue(2_040, 4_000, "friend")]
    finding = only(check_cues(cues), FindingKind.GAP_TOO_SHORT)
    assert finding.severity is Severity.WARNING
    assert "only 0.04 s between cue 1 and cue 2" in finding.message
    fixed = finding.fix.apply(cues)
    assert fixed[1].start_ms - fixed[0].end_ms == RULES.min_gap_ms


def test_trimming_below_the_shortest_time_on_screen_is_left_to_a_person():
    cues = [Cue(0, 900, "Hi"), Cue(880, 2_000, "there")]
    finding = only(check_cues(cues), FindingKind.OVERLAP)
    assert finding.fix is not None and not finding.fix.safe


def test_cues_starting_together_cannot_be_separated_by_trimming():
    cues = [Cue(1_000, 2_000, "Hi"), Cue(1_000, 2_500, "there")]
    assert only(check_cues(cues), FindingKind.OVERLAP).fix is None


@pytest.mark.parametrize(
    ("cue", "words"),
    [
        (Cue(5_000, 5_000, "Hi"), "starts and ends at 00:00:05.000, so it is never shown"),
        (Cue(17_484, 16_543, "Hi"), "ends (00:00:16.543) before it starts (00:00:17.484)"),
    ],
)
def test_a_cue_never_shown_is_an_error_given_time_to_be_read(cue, words):
    finding = only(check_cues([cue]), FindingKind.NO_DURATION)
    assert finding.severity is Severity.ERROR
    assert words in finding.message
    fixed = finding.fix.apply([cue])[0]
    assert fixed.duration_ms == RULES.min_duration_ms and not finding.fix.safe


def test_too_short_is_lengthened_up_to_the_next_cue():
    cues = [Cue(0, 500, "Hi"), Cue(700, 2_000, "there")]
    findings = check_cues(cues)
    finding = only(findings, FindingKind.TOO_SHORT)
    assert "only 0.5 s, too quick to read; give it at least 0.83 s" in finding.message
    assert finding.fix.apply(cues)[0].end_ms == 700 - RULES.min_gap_ms


def test_too_long():
    finding = only(check_cues([Cue(0, 9_200, "Hi")]), FindingKind.TOO_LONG)
    assert "stays on screen for 9.2 s; after 7 s viewers start reading it again" in finding.message
    assert finding.fix.apply([Cue(0, 9_200, "Hi")])[0].end_ms == 7_000


def test_reading_speed():
    cue = Cue(0, 1_000, "Twenty-four characters!!")
    finding = only(check_cues([cue]), FindingKind.TOO_FAST)
    assert "read 24 characters a second; most manage 17" in finding.message
    assert finding.fix.apply([cue])[0].end_ms == 1_412


def test_reading_speed_counts_what_viewers_read_not_tags():
    assert check_cues([Cue(0, 1_000, "<c.yellow><i>Hi</i></c>")]) == []


def test_a_long_line_is_re_broken_safely():
    cue = Cue(0, 6_000, LONG)
    finding = only(check_cues([cue]), FindingKind.LINE_TOO_LONG)
    assert finding.message == (
        "In cue 1, line 1 has 74 characters; at most 42 fit on a phone screen."
    )
    assert finding.safely_fixable
    fixed = finding.fix.apply([cue])[0]
    assert (
        fixed.text == "so today we are trying the new spring\nrecipe and honestly it is way easier"
    )


def test_three_short_lines_may_be_re_broken_but_not_unasked():
    cue = Cue(0, 4_000, "one\ntwo\nthree")
    finding = only(check_cues([cue]), FindingKind.TOO_MANY_LINES)
    assert "has 3 lines; at most 2" in finding.message
    assert not finding.fix.safe
    assert finding.fix.apply([cue])[0].text.count("\n") == 1


def test_too_much_text_for_two_lines_has_no_automatic_fix():
    cue = Cue(0, 7_000, " ".join([LONG] * 2))
    assert only(check_cues([cue]), FindingKind.LINE_TOO_LONG).fix is None


def test_an_empty_cue_can_be_deleted_keeping_its_notes():
    cues = [
        Cue(0, 1_000, "Hi"),
        Cue(1_500, 2_500, "", notes=("NOTE keep me",)),
        Cue(3_000, 4_000, "end"),
    ]
    finding = only(check_cues(cues), FindingKind.EMPTY)
    assert finding.message == "Cue 2 has no text; viewers see nothing."
    remaining = finding.fix.apply(cues)
    assert [cue.text for cue in remaining] == ["Hi", "end"]
    assert remaining[1].notes == ("NOTE keep me",)


def test_out_of_order_is_an_error_fixed_by_sorting():
    cues = [Cue(5_000, 6_000, "later"), Cue(1_000, 2_000, "sooner")]
    finding = only(check_cues(cues), FindingKind.OUT_OF_ORDER)
    assert (finding.cue_index, finding.severity) == (1, Severity.ERROR)
    assert "Cue 2 starts (00:00:01.000) before cue 1 (00:00:05.000)" in finding.message
    assert [cue.text for cue in finding.fix.apply(cues)] == ["sooner", "later"]


def test_the_rules_decide():
    cue = Cue(0, 3_000, "a line of thirty-one characters")
    assert check_cues([cue]) == []
    narrow = default_rules().with_changes(max_chars_per_line=20)
    assert only(check_cues([cue], narrow), FindingKind.LINE_TOO_LONG)


def test_every_check_can_be_switched_off_and_then_finds_and_fixes_nothing():
    cues = [
        Cue(3_000, 3_200, "short"),
        Cue(0, 2_990, LONG),
        Cue(2_995, 4_000, ""),
    ]
    found = {finding.kind for finding in check_cues(cues)}
    assert {FindingKind.OUT_OF_ORDER, FindingKind.TOO_SHORT, FindingKind.EMPTY} <= found
    everything_off = RULES.with_changes(switched_off=frozenset(CHECKS))
    assert check_cues(cues, everything_off) == []
    assert fix_all_safe(cues, everything_off) == tuple(cues)
    no_sorting = RULES.with_changes(switched_off=frozenset({"out_of_order"}))
    assert FindingKind.OUT_OF_ORDER not in {f.kind for f in check_cues(cues, no_sorting)}
    assert fix_all_safe(cues, no_sorting)[0] == cues[0]


@given(timed_cues(), st.sets(st.sampled_from(sorted(CHECKS))))
def test_a_switched_off_check_never_reports(cues, off):
    rules = RULES.with_changes(switched_off=frozenset(off))
    assert not {finding.kind.value for finding in check_cues(cues, rules)} & off


def test_what_could_not_be_read_comes_first_with_its_line():
    document = Document(
        cues=(Cue(0, 1_000, "Hi"),),
        problems=(
            ReadProblem(1, "The file does not start with WEBVTT."),
            ReadProblem(6, "The time line cannot be read.", "00:00:1d --> x\nText", 1),
        ),
    )
    findings = check_document(document)
    assert [(f.kind, f.line, f.cue_index) for f in findings[:2]] == [
        (FindingKind.FILE_PROBLEM, 1, None),
        (FindingKind.LEFT_OUT, 6, None),
    ]
    assert all(f.severity is Severity.ERROR for f in findings[:2])


def test_summary_and_report():
    cues = [Cue(0, 2_500, "Hello"), Cue(2_000, 2_400, "")]
    findings = check_cues(cues)
    summary = summarize(findings)
    assert (summary.errors, summary.warnings) == (1, 2)
    assert summary.describe() == (
        "1 error, 2 warnings (1 can be fixed safely with “Fix all safe”)."
    )
    report = report_as_dict(Document(cues=tuple(cues)), findings)
    assert report["summary"] == {"errors": 1, "warnings": 2, "safe_fixes": 1}
    assert report["findings"][0] == {
        "cue": 1,
        "start": "00:00:00.000",
        "line": None,
        "kind": "overlap",
        "severity": "error",
        "message": "Cue 1 is still on screen when cue 2 starts: they overlap by 0.5 s.",
        "fix": "End cue 1 at 00:00:01.917",
        "safe": True,
    }
    assert summarize([]).describe() == "No problems found."


def test_rebreak_keeps_tags_whole_and_the_lower_line_longer():
    text = "<v Roger Bingham>so today we are trying the new spring recipe and</v> <i>honestly</i>"
    broken = rebreak(text, RULES)
    assert broken is not None
    top, bottom = broken.split("\n")
    assert "<v Roger Bingham>" in top
    assert len(top) - len("<v Roger Bingham>") <= len(bottom)


def test_rebreak_leaves_dialogue_to_its_speakers():
    assert (
        rebreak(
            "- Did you make the recipe yourself today?\n- Yes, of course I did, it was easy!", RULES
        )
        is None
    )


def test_rebreak_refuses_a_word_longer_than_a_line():
    assert rebreak("x" * 43, RULES) is None


def visible_words(cues):
    return Counter(word for cue in cues for word in cue.visible_text.split())


many_lines = st.lists(text_lines, min_size=0, max_size=4).map("\n".join)
wordy = st.lists(st.sampled_from([*LONG.split(), "<i>", "</i>", "<b>x</b>"]), max_size=30).map(
    " ".join
)
# A minute of video: cues close enough to overlap, touch and leave small gaps.
crowded = timed_cues(max_size=12, text=many_lines | wordy, within=st.integers(0, 60_000))


@given(crowded)
def test_fix_all_safe_leaves_no_safe_finding_and_never_loses_a_word(cues):
    fixed = fix_all_safe(cues)
    assert not [finding for finding in check_cues(fixed) if finding.safely_fixable]
    assert visible_words(fixed) == visible_words(cues)
    assert len(fixed) == len(cues)


@given(crowded)
def test_fix_all_safe_twice_is_fix_all_safe_once(cues):
    once = fix_all_safe(cues)
    assert fix_all_safe(once) == once


@given(crowded)
def test_every_fix_applies_to_the_cues_it_came_from(cues):
    for finding in check_cues(cues):
        if finding.fix is not None:
            fixed = finding.fix.apply(cues)
            assert isinstance(fixed, tuple)
            assert visible_words(fixed) == visible_words(cues) or finding.kind is FindingKind.EMPTY
