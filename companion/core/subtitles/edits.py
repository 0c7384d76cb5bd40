"""Editing cues as the editor does: insert, delete, split at the cursor, merge with the next, find and replace.

Pure functions like those in timing.py: each returns new cues and leaves the given ones alone, so
an undo step only has to keep the cues from before. NOTE blocks stay with the cue they stand
before, or move to the cue that takes its place.
"""

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from companion.core.subtitles.cues import Cue, SubtitleError

NEW_CUE_MS = 2_000


@dataclass(frozen=True, slots=True)
class Match:
    """Where a search found something: the cue, and the span in its text."""

    cue_index: int
    start: int
    end: int


def replace_cue(cues: Sequence[Cue], index: int, cue: Cue) -> tuple[Cue, ...]:
    """The cues with cue `index` replaced by `cue` (its edited times or text)."""
    return (*cues[:index], cue, *cues[index + 1 :])


def insert_cue(cues: Sequence[Cue], index: int, cue: Cue) -> tuple[Cue, ...]:
    """`cue` placed at `index`; the cue that was there and those after it move one down."""
    return (*cues[:index], cue, *cues[index:])


def new_cue_after(cues: Sequence[Cue], index: int | None, gap_ms: int) -> Cue:
    """An empty cue to type into, after cue `index` (None: at the very start): `gap_ms` after it
    ends, and up to NEW_CUE_MS long if the next cue leaves room."""
    start = 0 if index is None else cues[index].end_ms + gap_ms
    following = 0 if index is None else index + 1
    end = start + NEW_CUE_MS
    if following < len(cues) and cues[following].start_ms - gap_ms > start:
        end = min(end, cues[following].start_ms - gap_ms)
    return Cue(start, end, "")


def delete_cues(cues: Sequence[Cue], indices: Collection[int]) -> tuple[Cue, ...]:
    """The cues without those at `indices`. Their NOTE blocks go to the next cue kept."""
    kept: list[Cue] = []
    notes: tuple[str, ...] = ()
    for index, cue in enumerate(cues):
        if index in indices:
            notes += cue.notes
        elif notes:
            kept.append(replace(cue, notes=notes + cue.notes))
            notes = ()
        else:
            kept.append(cue)
    return tuple(kept)


def split_cue(
    cues: Sequence[Cue], index: int, at: int, at_ms: int | None = None
) -> tuple[Cue, ...]:
    """Cue `index` in two at character `at` of its text. The time is shared by how much text
    each part holds, unless `at_ms` says where the second part starts."""
    cue = cues[index]
    first_text, second_text = cue.text[:at].rstrip(), cue.text[at:].lstrip()
    if not first_text or not second_text:
        raise SubtitleError("Put the cursor between words to split a cue in two.")
    if at_ms is None:
        share = len(first_text) / (len(first_text) + len(second_text))
        at_ms = cue.start_ms + round(cue.duration_ms * share)
    if not cue.start_ms <= at_ms <= cue.end_ms:
        raise SubtitleError("The split must fall between the cue's start and end.")
    first = replace(cue, end_ms=at_ms, text=first_text)
    second = Cue(at_ms, cue.end_ms, second_text, settings=cue.settings)
    return (*cues[:index], first, second, *cues[index + 1 :])


def merge_with_next(cues: Sequence[Cue], index: int) -> tuple[Cue, ...]:
    """Cue `index` and the one after it as one cue: from the first start to the last end,
    the texts one under the other."""
    if index + 1 >= len(cues):
        raise SubtitleError("The last cue has no next cue to merge with.")
    cue, following = cues[index], cues[index + 1]
    merged = replace(
        cue,
        start_ms=min(cue.start_ms, following.start_ms),
        end_ms=max(cue.end_ms, following.end_ms),
        text="\n".join(text for text in (cue.text, following.text) if text),
        notes=cue.notes + following.notes,
    )
    return (*cues[:index], merged, *cues[index + 2 :])


def find(
    cues: Sequence[Cue], what: str, *, regex: bool = False, match_case: bool = False
) -> list[Match]:
    """Every place `what` occurs in the cues' text, in order."""
    pattern = _pattern(what, regex, match_case)
    return [
        Match(index, found.start(), found.end())
        for index, cue in enumerate(cues)
        for found in pattern.finditer(cue.text)
        if found.end() > found.start()
    ]


def find_next(
    cues: Sequence[Cue],
    what: str,
    after: tuple[int, int] | None = None,
    *,
    regex: bool = False,
    match_case: bool = False,
) -> Match | None:
    """The first place `what` occurs after (cue index, character) `after`, going round to the
    first cue at the end; None when it is nowhere. Without `after`, the search starts at cue 1."""
    matches = find(cues, what, regex=regex, match_case=match_case)
    if not matches:
        return None
    if after is None:
        return matches[0]
    return next((match for match in matches if (match.cue_index, match.start) > after), matches[0])


def replace_match(
    cues: Sequence[Cue],
    match: Match,
    what: str,
    replacement: str,
    *,
    regex: bool = False,
    match_case: bool = False,
) -> tuple[Cue, ...]:
    """The cues with the one match found by `find` replaced; SubtitleError when the text
    there no longer matches (it was edited since)."""
    pattern = _pattern(what, regex, match_case)
    cue = cues[match.cue_index]
    found = pattern.match(cue.text, match.start)
    if found is None or found.end() != match.end:
        raise SubtitleError(
            f"Cue {match.cue_index + 1} has changed since it was found; find again."
        )
    try:
        new = found.expand(replacement) if regex else replacement
    except (re.error, IndexError) as error:
        raise SubtitleError(f"The replacement cannot be used: {error}.") from None
    text = cue.text[: match.start] + new + cue.text[match.end :]
    return replace_cue(cues, match.cue_index, cue.with_text(text))


def replace_all(
    cues: Sequence[Cue],
    what: str,
    replacement: str,
    *,
    regex: bool = False,
    match_case: bool = False,
) -> tuple[tuple[Cue, ...], int]:
    """The cues with every `what` replaced, and how many were replaced. With `regex`, the
    replacement may use \\1 or \\g<name> for what the groups found."""
    pattern = _pattern(what, regex, match_case)
    # A plain replacement is taken as typed, backslashes and all.
    template = replacement if regex else lambda _: replacement
    changed: list[Cue] = []
    count = 0
    for cue in cues:
        try:
            text, replaced = pattern.subn(template, cue.text)
        except (re.error, IndexError) as error:
            raise SubtitleError(f"The replacement cannot be used: {error}.") from None
        changed.append(cue.with_text(text) if replaced else cue)
        count += replaced
    return tuple(changed), count


def _pattern(what: str, regex: bool, match_case: bool) -> re.Pattern[str]:
    if not what:
        raise SubtitleError("Type something to search for.")
    flags = 0 if match_case else re.IGNORECASE
    try:
        return re.compile(what if regex else re.escape(what), flags)
    except re.error as error:
        raise SubtitleError(
            f"“{what}” is not a regular expression that can be used: {error}."
        ) from None
