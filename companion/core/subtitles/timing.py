"""Re-timing cues: shift, set the first start, stretch between two sync points, change frame rate, snap to frames.

Every function is pure: it returns new cues and leaves the given ones as they were. Times stay
whole milliseconds, rounded half away from zero. `indices` limits an edit to the selected cues
(None: all of them). No cue is ever moved before 0:00 quietly: an edit that would do so raises
SubtitleError, unless `clamp=True` asks for such times to become 0:00.
"""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from companion.core.subtitles.cues import Cue, SubtitleError, clock

Retiming = Callable[[int], int]


class FrameRate(StrEnum):
    """The frame rates videos come in, by the names editors show."""

    FPS_23_976 = "23.976"
    FPS_24 = "24"
    FPS_25 = "25"
    FPS_29_97 = "29.97"
    FPS_30 = "30"

    @property
    def frames_per_second(self) -> Fraction:
        """Exact: 23.976 is really 24000/1001, and 29.97 is 30000/1001."""
        return _EXACT_RATES[self]


_EXACT_RATES = {
    FrameRate.FPS_23_976: Fraction(24000, 1001),
    FrameRate.FPS_24: Fraction(24),
    FrameRate.FPS_25: Fraction(25),
    FrameRate.FPS_29_97: Fraction(30000, 1001),
    FrameRate.FPS_30: Fraction(30),
}


@dataclass(frozen=True)
class SyncPoint:
    """A moment in the subtitles (`was_ms`) and where it belongs in the video (`now_ms`)."""

    was_ms: int
    now_ms: int


def shift(
    cues: Sequence[Cue],
    offset_ms: int,
    indices: Collection[int] | None = None,
    *,
    clamp: bool = False,
) -> tuple[Cue, ...]:
    """Cues shown `offset_ms` later (earlier when negative)."""
    return _retime(cues, lambda ms: ms + offset_ms, indices, clamp)


def earliest_shift(cues: Sequence[Cue], indices: Collection[int] | None = None) -> int:
    """The most negative shift that keeps every (selected) cue at or after 0:00."""
    chosen = [cues[i] for i in indices] if indices is not None else cues
    return -min((min(cue.start_ms, cue.end_ms) for cue in chosen), default=0)


def set_first_start(cues: Sequence[Cue], start_ms: int) -> tuple[Cue, ...]:
    """All cues shifted together so that the earliest one starts at `start_ms`."""
    if start_ms < 0:
        raise SubtitleError("The first cue cannot start before 0:00.")
    if not cues:
        return ()
    return shift(cues, start_ms - min(cue.start_ms for cue in cues))


def stretch(
    cues: Sequence[Cue],
    first: SyncPoint,
    second: SyncPoint,
    indices: Collection[int] | None = None,
    *,
    clamp: bool = False,
) -> tuple[Cue, ...]:
    """Cues moved so that both sync points land where they belong, and the times between
    (and beyond) move along the same straight line: this fixes subtitles that drift."""
    span_was = second.was_ms - first.was_ms
    span_now = second.now_ms - first.now_ms
    if span_was == 0:
        raise SubtitleError("The two sync points must be at different times in the subtitles.")
    if (span_now > 0) != (span_was > 0) or span_now == 0:
        raise SubtitleError(
            "The sync points must stay in the same order: the later point in the subtitles "
            "must also be the later one in the video."
        )
    if span_was < 0:
        span_was, span_now = -span_was, -span_now

    def along_the_line(ms: int) -> int:
        return first.now_ms + round_half_away((ms - first.was_ms) * span_now, span_was)

    return _retime(cues, along_the_line, indices, clamp)


def change_frame_rate(
    cues: Sequence[Cue],
    timed_for: FrameRate | Fraction,
    played_at: FrameRate | Fraction,
    indices: Collection[int] | None = None,
) -> tuple[Cue, ...]:
    """Cues timed for a video at `timed_for` frames a second, re-timed for the same video
    played at `played_at` (e.g. 23.976 → 25 when a film is sped up for PAL)."""
    ratio = _rate(timed_for) / _rate(played_at)
    return _retime(
        cues, lambda ms: round_half_away(ms * ratio.numerator, ratio.denominator), indices, False
    )


def snap_to_frames(
    cues: Sequence[Cue], rate: FrameRate | Fraction, indices: Collection[int] | None = None
) -> tuple[Cue, ...]:
    """Every time moved to the nearest frame of a video at `rate`, as an editor cutting on
    frames would place it. Snapping again changes nothing."""
    fps = _rate(rate)

    def to_frame(ms: int) -> int:
        frame = round_half_away(ms * fps.numerator, 1000 * fps.denominator)
        return round_half_away(frame * 1000 * fps.denominator, fps.numerator)

    return _retime(cues, to_frame, indices, False)


def frame_ms(rate: FrameRate | Fraction) -> Fraction:
    """How long one frame lasts, in milliseconds."""
    return 1000 / _rate(rate)


def round_half_away(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to a whole number, halves away from zero (denominator > 0)."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def _rate(rate: FrameRate | Fraction) -> Fraction:
    fps = rate.frames_per_second if isinstance(rate, FrameRate) else Fraction(rate)
    if fps <= 0:
        raise SubtitleError(f"A frame rate must be above zero, not {float(fps):g}.")
    return fps


def _retime(
    cues: Sequence[Cue], retiming: Retiming, indices: Collection[int] | None, clamp: bool
) -> tuple[Cue, ...]:
    chosen = range(len(cues)) if indices is None else set(indices)
    result = list(cues)
    for index in chosen:
        cue = cues[index]
        start, end = retiming(cue.start_ms), retiming(cue.end_ms)
        if min(start, end) < 0:
            if not clamp:
                raise SubtitleError(
                    f"This would move cue {index + 1} (at {clock(cue.start_ms)}) before the "
                    "start of the video."
                )
            start, end = max(start, 0), max(end, 0)
        result[index] = cue.with_times(start, end)
    return tuple(result)
