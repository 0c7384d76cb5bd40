"""The subtitle quality rules (REFERENCE.md §6): defaults read from `resources/subtitle_rules.json`, each configurable.

This module is the only reader of that file.
"""

from dataclasses import dataclass, fields, replace
from functools import cache

from companion.core.resources import load_json
from companion.core.subtitles.cues import SubtitleError

RULES_FILE = "subtitle_rules.json"


@dataclass(frozen=True)
class Rules:
    """What the checks hold cues to. Every field must be above zero, except the gap (zero or more)."""

    max_chars_per_line: int
    max_lines: int
    max_chars_per_second: float
    min_duration_ms: int
    max_duration_ms: int
    min_gap_ms: int

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            lowest = 0 if field.name == "min_gap_ms" else 1
            if value < lowest:
                raise SubtitleError(f"{_label(field.name)} must be {lowest} or more, not {value}.")
        if self.min_duration_ms > self.max_duration_ms:
            raise SubtitleError(
                f"The shortest time on screen ({self.min_duration_ms} ms) must not be "
                f"longer than the longest ({self.max_duration_ms} ms)."
            )

    def with_changes(self, **changes: float) -> "Rules":
        return replace(self, **changes)


@cache
def default_rules() -> Rules:
    """The rules the app ships with."""
    data = load_json(RULES_FILE)
    gap = data["min_gap"]
    return Rules(
        max_chars_per_line=data["max_chars_per_line"],
        max_lines=data["max_lines"],
        max_chars_per_second=reading_speed_presets()[data["reading_speed"]["default"]],
        min_duration_ms=data["min_duration_ms"],
        max_duration_ms=data["max_duration_ms"],
        min_gap_ms=round(gap["frames"] * 1000 / gap["frame_rate"]),
    )


def reading_speed_presets() -> dict[str, float]:
    """Characters a second by audience: {"adult": 17, "children": 13, "relaxed": 20}."""
    return dict(load_json(RULES_FILE)["reading_speed"]["presets"])


def _label(name: str) -> str:
    return {
        "max_chars_per_line": "Characters a line",
        "max_lines": "Lines a cue",
        "max_chars_per_second": "Reading speed",
        "min_duration_ms": "The shortest time on screen",
        "max_duration_ms": "The longest time on screen",
        "min_gap_ms": "The gap between cues",
    }[name]
