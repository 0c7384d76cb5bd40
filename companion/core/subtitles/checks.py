"""Quality checks on cues (REFERENCE.md §6): each finding says what is wrong in a creator's words and offers a fix.

A fix is a pure function from the cues the finding came from to new cues; it is *safe* when it
changes no words and no timing a viewer would notice, so "Fix all safe" may apply it unasked.
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from companion.core.subtitles.cues import Cue, Document, ReadProblem, clock, visible
from companion.core.subtitles.edits import delete_cues
from companion.core.subtitles.rules import Rules, default_rules

CueEdit = Callable[[Sequence[Cue]], tuple[Cue, ...]]

# A word for line breaking: a run of visible characters with any tags inside or around it,
# so a break never falls inside a tag such as <v Roger Bingham>.
_WORD = re.compile(r"(?:<[^>\n]*>|\S)+")
_DIALOGUE_DASHES = ("-", "–", "—")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class FindingKind(StrEnum):
    OVERLAP = "overlap"
    NO_DURATION = "no_duration"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_FAST = "too_fast"
    LINE_TOO_LONG = "line_too_long"
    TOO_MANY_LINES = "too_many_lines"
    EMPTY = "empty"
    GAP_TOO_SHORT = "gap_too_short"
    OUT_OF_ORDER = "out_of_order"
    LEFT_OUT = "left_out"
    FILE_PROBLEM = "file_problem"


@dataclass(frozen=True, slots=True)
class Fix:
    """What the Fix button does: `apply` takes the cues the finding came from, returns new ones."""

    label: str
    safe: bool
    apply: CueEdit = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: the cue it is about (index from 0; None for the file itself), how bad, and a fix.

    `line` is the line in the file, for what was found while reading it.
    """

    cue_index: int | None
    kind: FindingKind
    severity: Severity
    message: str
    fix: Fix | None = None
    line: int | None = None

    @property
    def safely_fixable(self) -> bool:
        return self.fix is not None and self.fix.safe


@dataclass(frozen=True, slots=True)
class CheckSummary:
    errors: int
    warnings: int
    safe_fixes: int

    def describe(self) -> str:
        if not self.errors and not self.warnings:
            return "No problems found."
        text = f"{_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"
        if self.safe_fixes:
            text += f" ({self.safe_fixes} can be fixed safely with “Fix all safe”)"
        return text + "."


def check_document(document: Document, rules: Rules | None = None) -> list[Finding]:
    """What could not be read when the file was opened, then every cue's findings, in order."""
    problems = [_read_problem_finding(problem) for problem in document.problems]
    return problems + check_cues(document.cues, rules)


def check_cues(cues: Sequence[Cue], rules: Rules | None = None) -> list[Finding]:
    """Every finding for the cues, in cue order."""
    rules = rules or default_rules()
    findings: list[Finding] = []
    for index, cue in enumerate(cues):
        findings += _timing_findings(cues, index, rules)
        shown = cue.visible_lines  # worked out once: every text check reads them
        if any(line.strip() for line in shown):
            findings += _text_findings(cues, index, shown, rules)
        else:
            findings.append(_empty_finding(index))
        if index + 1 < len(cues):
            findings += _neighbour_findings(cues, index, rules)
    if rules.switched_off:
        findings = [finding for finding in findings if rules.runs(finding.kind)]
    return findings


def fix_all_safe(cues: Sequence[Cue], rules: Rules | None = None) -> tuple[Cue, ...]:
    """The cues with every safe fix applied: sorted, long lines re-broken, overlaps trimmed and
    small gaps closed where the cue keeps its shortest time on screen. No words change, and a
    check the rules switch off fixes nothing."""
    rules = rules or default_rules()
    ordered = sort_by_start(cues) if rules.runs(FindingKind.OUT_OF_ORDER) else tuple(cues)
    rebreaking = rules.runs(FindingKind.LINE_TOO_LONG)
    fixed = [_safely_rebroken(cue, rules) if rebreaking else cue for cue in ordered]
    for index in range(len(fixed) - 1):
        cue = fixed[index]
        if not _too_close(cue, fixed[index + 1], rules):
            continue
        overlap = fixed[index + 1].start_ms < cue.end_ms
        if not rules.runs(FindingKind.OVERLAP if overlap else FindingKind.GAP_TOO_SHORT):
            continue
        end = _separating_end(cue, fixed[index + 1], rules)
        if end is not None and _separation_is_safe(cue, end, rules):
            fixed[index] = cue.with_times(cue.start_ms, end)
    return tuple(fixed)


def summarize(findings: Sequence[Finding]) -> CheckSummary:
    errors = sum(1 for finding in findings if finding.severity is Severity.ERROR)
    safe = sum(1 for finding in findings if finding.safely_fixable)
    return CheckSummary(errors, len(findings) - errors, safe)


def report_as_dict(document: Document, findings: Sequence[Finding]) -> dict[str, Any]:
    """The findings and their summary as plain data (for JSON)."""
    summary = summarize(findings)
    return {
        "format": document.format.value,
        "found": document.description,
        "cues": len(document.cues),
        "findings": [_finding_as_dict(finding, document.cues) for finding in findings],
        "summary": {
            "errors": summary.errors,
            "warnings": summary.warnings,
            "safe_fixes": summary.safe_fixes,
        },
    }


def sort_by_start(cues: Sequence[Cue]) -> tuple[Cue, ...]:
    """Cues in the order they appear; cues starting together keep their order."""
    return tuple(sorted(cues, key=lambda cue: cue.start_ms))


def rebreak(text: str, rules: Rules) -> str | None:
    """The text re-broken into lines that fit, the lower line the longer (the pyramid subtitlers
    prefer), or None if it cannot fit or is a dialogue (each speaker keeps their own line)."""
    if not _can_rebreak(text, rules):
        return None
    words = _words(text)
    lengths = [len(visible(word)) for word in words]
    narrowest, widest = max(lengths), rules.max_chars_per_line
    # The narrowest width that still fits gives the most even lines.
    while narrowest < widest:
        middle = (narrowest + widest) // 2
        if len(_fill(lengths, middle)) <= rules.max_lines:
            widest = middle
        else:
            narrowest = middle + 1
    return "\n".join(" ".join(words[i] for i in line) for line in _fill(lengths, widest))


def _timing_findings(cues: Sequence[Cue], index: int, rules: Rules) -> list[Finding]:
    cue = cues[index]
    number = index + 1
    duration = cue.duration_ms
    if duration <= 0:
        when = (
            f"starts and ends at {clock(cue.start_ms)}"
            if duration == 0
            else f"ends ({clock(cue.end_ms)}) before it starts ({clock(cue.start_ms)})"
        )
        end = _readable_end(cues, index, rules)
        return [
            Finding(
                index,
                FindingKind.NO_DURATION,
                Severity.ERROR,
                f"Cue {number} {when}, so it is never shown.",
                _end_fix(index, end, f"Show it until {clock(end)}") if end is not None else None,
            )
        ]
    if duration < rules.min_duration_ms:
        end = min(cue.start_ms + rules.min_duration_ms, _latest_end(cues, index, rules))
        return [
            Finding(
                index,
                FindingKind.TOO_SHORT,
                Severity.WARNING,
                f"Cue {number} is on screen for only {_seconds(duration)}, too quick to read; "
                f"give it at least {_seconds(rules.min_duration_ms)}.",
                _end_fix(index, end, f"Show it until {clock(end)}") if end > cue.end_ms else None,
            )
        ]
    if duration > rules.max_duration_ms:
        end = cue.start_ms + rules.max_duration_ms
        return [
            Finding(
                index,
                FindingKind.TOO_LONG,
                Severity.WARNING,
                f"Cue {number} stays on screen for {_seconds(duration)}; after "
                f"{_seconds(rules.max_duration_ms)} viewers start reading it again. "
                "Split it, or end it sooner.",
                _end_fix(index, end, f"End it after {_seconds(rules.max_duration_ms)}"),
            )
        ]
    return []


def _empty_finding(index: int) -> Finding:
    return Finding(
        index,
        FindingKind.EMPTY,
        Severity.WARNING,
        f"Cue {index + 1} has no text; viewers see nothing.",
        _empty_fix(index),
    )


def _text_findings(
    cues: Sequence[Cue], index: int, shown: list[str], rules: Rules
) -> list[Finding]:
    cue = cues[index]
    findings = []
    number = index + 1
    characters = sum(map(len, shown))
    speed = characters * 1000 / cue.duration_ms if cue.duration_ms > 0 else 0
    if speed > rules.max_chars_per_second:
        end = cue.start_ms + _reading_time(characters, rules)
        room = min(_latest_end(cues, index, rules), cue.start_ms + rules.max_duration_ms)
        findings.append(
            Finding(
                index,
                FindingKind.TOO_FAST,
                Severity.WARNING,
                f"Cue {number} asks viewers to read {speed:.0f} characters a second; most "
                f"manage {rules.max_chars_per_second:g}. Give it more time or fewer words.",
                _end_fix(index, end, f"Show it until {clock(end)}") if end <= room else None,
            )
        )
    long_lines = [
        (n, len(line)) for n, line in enumerate(shown, 1) if len(line) > rules.max_chars_per_line
    ]
    fits = (long_lines or len(shown) > rules.max_lines) and _can_rebreak(cue.text, rules)
    if long_lines:
        which = " and ".join(f"line {n} has {length}" for n, length in long_lines)
        findings.append(
            Finding(
                index,
                FindingKind.LINE_TOO_LONG,
                Severity.WARNING,
                f"In cue {number}, {which} characters; at most {rules.max_chars_per_line} "
                "fit on a phone screen.",
                _rebreak_fix(index, rules, safe=True) if fits else None,
            )
        )
    if len(shown) > rules.max_lines:
        findings.append(
            Finding(
                index,
                FindingKind.TOO_MANY_LINES,
                Severity.WARNING,
                f"Cue {number} has {len(shown)} lines; at most {rules.max_lines} leave "
                "the picture visible.",
                _rebreak_fix(index, rules, safe=False) if fits else None,
            )
        )
    return findings


def _neighbour_findings(cues: Sequence[Cue], index: int, rules: Rules) -> list[Finding]:
    cue, following = cues[index], cues[index + 1]
    number = index + 1
    if following.start_ms < cue.start_ms:
        return [
            Finding(
                index + 1,
                FindingKind.OUT_OF_ORDER,
                Severity.ERROR,
                f"Cue {number + 1} starts ({clock(following.start_ms)}) before cue {number} "
                f"({clock(cue.start_ms)}); some players skip cues out of order.",
                Fix("Put all cues in time order", True, sort_by_start),
            )
        ]
    if not _too_close(cue, following, rules):
        return []
    gap = following.start_ms - cue.end_ms
    if gap < 0:
        kind, severity = FindingKind.OVERLAP, Severity.ERROR
        message = (
            f"Cue {number} is still on screen when cue {number + 1} starts: they overlap "
            f"by {_seconds(-gap)}."
        )
    else:
        kind, severity = FindingKind.GAP_TOO_SHORT, Severity.WARNING
        between = f"only {_seconds(gap)}" if gap else "no gap"
        message = (
            f"There is {between} between cue {number} and cue {number + 1}, so viewers may "
            f"miss the change; leave at least {_seconds(rules.min_gap_ms)}."
        )
    end = _separating_end(cue, following, rules)
    fix = None
    if end is not None:
        safe = _separation_is_safe(cue, end, rules)
        fix = _end_fix(index, end, f"End cue {number} at {clock(end)}", safe=safe)
    return [Finding(index, kind, severity, message, fix)]


def _read_problem_finding(problem: ReadProblem) -> Finding:
    kind = FindingKind.LEFT_OUT if problem.left_out else FindingKind.FILE_PROBLEM
    return Finding(None, kind, Severity.ERROR, problem.message, None, problem.line)


def _end_fix(index: int, end_ms: int, label: str, *, safe: bool = False) -> Fix:
    def set_end(cues: Sequence[Cue]) -> tuple[Cue, ...]:
        return _replaced(cues, index, cues[index].with_times(cues[index].start_ms, end_ms))

    return Fix(label, safe, set_end)


def _rebreak_fix(index: int, rules: Rules, *, safe: bool) -> Fix:
    def rebreak_lines(cues: Sequence[Cue]) -> tuple[Cue, ...]:
        better = rebreak(cues[index].text, rules)
        return cues if better is None else _replaced(cues, index, cues[index].with_text(better))

    return Fix("Re-break the lines", safe, rebreak_lines)


def _empty_fix(index: int) -> Fix:
    def delete(cues: Sequence[Cue]) -> tuple[Cue, ...]:
        return delete_cues(cues, {index})

    return Fix("Delete the cue", False, delete)


def _replaced(cues: Sequence[Cue], index: int, cue: Cue) -> tuple[Cue, ...]:
    return (*cues[:index], cue, *cues[index + 1 :])


def _latest_end(cues: Sequence[Cue], index: int, rules: Rules) -> int:
    """The latest a cue may end and still leave the gap before the next one."""
    cue = cues[index]
    if index + 1 < len(cues) and cues[index + 1].start_ms >= cue.start_ms:
        return cues[index + 1].start_ms - rules.min_gap_ms
    return cue.start_ms + rules.max_duration_ms


def _readable_end(cues: Sequence[Cue], index: int, rules: Rules) -> int | None:
    """An end that gives a cue with no time on screen enough to be read, if there is room."""
    cue = cues[index]
    needed = max(rules.min_duration_ms, _reading_time(cue.characters, rules))
    end = min(cue.start_ms + min(needed, rules.max_duration_ms), _latest_end(cues, index, rules))
    return end if end > cue.start_ms else None


def _reading_time(characters: int, rules: Rules) -> int:
    return math.ceil(characters * 1000 / rules.max_chars_per_second)


def _too_close(cue: Cue, following: Cue, rules: Rules) -> bool:
    """Overlapping the cue after it, or leaving too small a gap (a cue never shown is left to
    its own finding)."""
    return (
        cue.duration_ms > 0
        and following.start_ms >= cue.start_ms
        and following.start_ms - cue.end_ms < rules.min_gap_ms
    )


def _separating_end(cue: Cue, following: Cue, rules: Rules) -> int | None:
    """The end that leaves the minimum gap before the following cue, if the cue keeps some time."""
    end = following.start_ms - rules.min_gap_ms
    return end if end > cue.start_ms else None


def _separation_is_safe(cue: Cue, end_ms: int, rules: Rules) -> bool:
    # Trimming is safe while the cue keeps the shortest time on screen; below that a person decides.
    return end_ms - cue.start_ms >= rules.min_duration_ms


def _safely_rebroken(cue: Cue, rules: Rules) -> Cue:
    if cue.is_empty or all(len(line) <= rules.max_chars_per_line for line in cue.visible_lines):
        return cue
    better = rebreak(cue.text, rules)
    return cue if better is None else cue.with_text(better)


def _can_rebreak(text: str, rules: Rules) -> bool:
    words = _words(text)
    if not words or _is_dialogue(text):
        return False
    shown = [visible(word) for word in words]
    if "<" in text and visible(" ".join(words)) != " ".join(shown):
        return False  # a stray "<" would pair with a ">" in another word and hide the words between
    lengths = [len(word) for word in shown]
    widest = rules.max_chars_per_line
    return max(lengths) <= widest and len(_fill(lengths, widest)) <= rules.max_lines


def _words(text: str) -> list[str]:
    """The words of a cue; a tag standing alone joins the word it opens or closes."""
    if "<" not in text and "&" not in text:
        return text.split()
    words: list[str] = []
    opening = ""
    for token in _WORD.findall(text):
        if visible(token).strip():
            words.append(opening + token)
            opening = ""
        elif token.startswith("</") and words:
            words[-1] += token
        else:
            opening += token
    if opening and words:
        words[-1] += opening
    return words


def _is_dialogue(text: str) -> bool:
    speakers = [
        line for line in text.split("\n") if visible(line).lstrip().startswith(_DIALOGUE_DASHES)
    ]
    return len(speakers) > 1


def _fill(lengths: Sequence[int], width: int) -> list[list[int]]:
    """Word indices in lines of at most `width`, filled from the last line up so the
    lower lines are the fuller ones."""
    lines: list[list[int]] = []
    used = width + 1
    for index in range(len(lengths) - 1, -1, -1):
        if used + 1 + lengths[index] <= width:
            lines[-1].append(index)
            used += 1 + lengths[index]
        else:
            lines.append([index])
            used = lengths[index]
    return [line[::-1] for line in reversed(lines)]


def _finding_as_dict(finding: Finding, cues: Sequence[Cue]) -> dict[str, Any]:
    index = finding.cue_index
    return {
        "cue": None if index is None else index + 1,
        "start": None if index is None else clock(cues[index].start_ms),
        "line": finding.line,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": finding.fix.label if finding.fix else None,
        "safe": finding.safely_fixable,
    }


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.2f}".rstrip("0").rstrip(".") + " s"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
