"""Where a cue appears on the video: its WebVTT settings (line, position, size, align) read and placed as players do.

Times and text live in cues.py; this module only knows the frame. Everything is a fraction of
the frame's width or height, so the preview can draw at any size. Settings players would
ignore (an unknown name, a value out of range) are ignored here too, and listed.
"""

from dataclasses import dataclass
from enum import StrEnum

# Older WebVTT drafts, still written by some exporters (Netflix files say "align:middle").
_ALIGN_ALIASES = {"middle": "center"}
_POSITION_ALIASES = {"start": "line-left", "middle": "center", "end": "line-right"}
_LINE_ALIASES = {"middle": "center"}

SAFE_MARGIN = 0.05
"""Players keep text this far (a fraction of the frame) from the edges, as TV's title-safe area."""


class Align(StrEnum):
    """How the lines sit in the cue's box (WebVTT `align`)."""

    START = "start"
    CENTER = "center"
    END = "end"
    LEFT = "left"
    RIGHT = "right"

    @property
    def side(self) -> str:
        """ "left", "center" or "right", for left-to-right text."""
        return {"start": "left", "end": "right"}.get(self.value, self.value)


@dataclass(frozen=True, slots=True)
class CueSettings:
    """A cue's settings, understood. None means "auto", where the player decides."""

    align: Align = Align.CENTER
    line: float | None = None
    line_is_percent: bool = False
    line_align: str = "start"
    position: float | None = None
    position_align: str | None = None
    size: float = 100.0
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Placement:
    """The cue's box on the frame (fractions of its width and height) and how lines sit in it."""

    left: float
    top: float
    width: float
    height: float
    side: str


def parse_settings(text: str) -> CueSettings:
    """`"line:0 position:10% align:start"` understood; what a player would ignore is listed."""
    values: dict[str, object] = {}
    ignored: list[str] = []
    for setting in text.split():
        name, colon, value = setting.partition(":")
        understood = _read(name, value) if colon else None
        if understood is None:
            ignored.append(setting)
        else:
            values.update(understood)
    return CueSettings(**values, ignored=tuple(ignored))  # type: ignore[arg-type]


def place(settings: CueSettings, lines: int, line_height: float) -> Placement:
    """The box of a cue of `lines` lines, each `line_height` of the frame's height tall."""
    side = settings.align.side
    position = settings.position
    if position is None:
        position = {"left": 0.0, "right": 100.0}.get(side, 50.0)
    anchor = settings.position_align or {"left": "line-left", "right": "line-right"}.get(
        side, "center"
    )
    room = {
        "line-left": 100 - position,
        "line-right": position,
        "center": 2 * min(position, 100 - position),
    }[anchor]
    width = min(settings.size, room) / 100
    left = position / 100 - {"line-left": 0.0, "center": width / 2, "line-right": width}[anchor]
    height = lines * line_height
    top = _top(settings, height, line_height)
    inner = 1 - 2 * SAFE_MARGIN
    return Placement(
        left=SAFE_MARGIN + inner * _clamp(left, 0, 1 - width),
        top=SAFE_MARGIN + _clamp(top, 0, inner - height),
        width=inner * width,
        height=height,
        side=side,
    )


def _top(settings: CueSettings, height: float, line_height: float) -> float:
    """Where the box starts, from the top of the safe area."""
    inner = 1 - 2 * SAFE_MARGIN
    line = settings.line
    if line is None:
        return inner - height  # auto: the last line at the bottom
    if settings.line_is_percent:
        at = line / 100 * inner
        return at - {"start": 0.0, "center": height / 2, "end": height}[settings.line_align]
    if line >= 0:
        return line * line_height
    return inner + (line + 1) * line_height - height


def _read(name: str, value: str) -> dict[str, object] | None:
    """A setting's fields, or None when a player would ignore it."""
    if name == "align":
        try:
            return {"align": Align(_ALIGN_ALIASES.get(value, value))}
        except ValueError:
            return None
    if name == "size":
        size = _percent(value)
        return None if size is None else {"size": size}
    if name == "position":
        where, _, anchor = value.partition(",")
        anchor = _POSITION_ALIASES.get(anchor, anchor)
        percent = _percent(where)
        if percent is None or anchor not in ("", "line-left", "center", "line-right"):
            return None
        return {"position": percent, "position_align": anchor or None}
    if name == "line":
        return _read_line(value)
    return None


def _read_line(value: str) -> dict[str, object] | None:
    where, _, anchor = value.partition(",")
    anchor = _LINE_ALIASES.get(anchor, anchor)
    if anchor not in ("", "start", "center", "end"):
        return None
    fields: dict[str, object] = {"line_align": anchor or "start"}
    if where.endswith("%"):
        percent = _percent(where)
        return None if percent is None else {**fields, "line": percent, "line_is_percent": True}
    try:
        number = float(where)
    except ValueError:
        return None
    return {**fields, "line": number} if number.is_integer() else None


def _percent(value: str) -> float | None:
    if not value.endswith("%"):
        return None
    try:
        number = float(value[:-1])
    except ValueError:
        return None
    return number if 0 <= number <= 100 else None


def _clamp(value: float, lowest: float, highest: float) -> float:
    return max(lowest, min(value, max(lowest, highest)))
