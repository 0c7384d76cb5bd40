"""The subtitle quality rules (REFERENCE.md §6): defaults read from `resources/subtitle_rules.json`, each configurable.

This module is the only reader of that file. A creator may change every limit and switch any
check off; `rules_as_dict` and `rules_from_dict` carry their choice to and from storage.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from typing import Any

from companion.core.resources import load_json
from companion.core.subtitles.cues import SubtitleError

RULES_FILE = "subtitle_rules.json"

CHECKS = {
    "overlap": "Cues that overlap",
    "no_duration": "Cues with no time on screen",
    "too_short": "Cues on screen too briefly",
    "too_long": "Cues on screen too long",
    "too_fast": "Reading speed",
    "line_too_long": "Lines that are too long",
    "too_many_lines": "Too many lines",
    "empty": "Empty cues",
    "gap_too_short": "Gaps below the minimum",
    "out_of_order": "Cues out of order",
}
"""The checks a creator can switch off, by the name of their kind of finding (checks.FindingKind)."""


@dataclass(frozen=True)
class Rules:
    """What the checks hold cues to. Every limit must be above zero, except the gap (zero or
    more); `switched_off` names the checks (keys of CHECKS) the creator does not want run."""

    max_chars_per_line: int
    max_lines: int
    max_chars_per_second: float
    min_duration_ms: int
    max_duration_ms: int
    min_gap_ms: int
    switched_off: frozenset[str] = field(default=frozenset())

    def __post_init__(self) -> None:
        for name in LIMITS:
            value = getattr(self, name)
            lowest = 0 if name == "min_gap_ms" else 1
            if value < lowest:
                raise SubtitleError(f"{_label(name)} must be {lowest} or more, not {value}.")
        unknown = set(self.switched_off) - CHECKS.keys()
        if unknown:
            raise SubtitleError(f"There is no check called {', '.join(sorted(unknown))}.")
        if self.min_duration_ms > self.max_duration_ms:
            raise SubtitleError(
                f"The shortest time on screen ({self.min_duration_ms} ms) must not be "
                f"longer than the longest ({self.max_duration_ms} ms)."
            )

    def with_changes(self, **changes: Any) -> "Rules":
        return replace(self, **changes)

    def runs(self, check: str) -> bool:
        """Whether the check (a key of CHECKS) is switched on."""
        return check not in self.switched_off


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


def rules_as_dict(rules: Rules) -> dict[str, Any]:
    """The rules as plain data (for JSON)."""
    data = asdict(rules)
    data["switched_off"] = sorted(rules.switched_off)
    return data


def rules_from_dict(data: Mapping[str, Any]) -> Rules:
    """Rules from what `rules_as_dict` gave; a missing limit takes its default, and what cannot
    be used (edited by hand, or from another version) gives the defaults."""
    if not isinstance(data, Mapping):
        return default_rules()
    known = {name: data[name] for name in LIMITS if isinstance(data.get(name), int | float)}
    off = data.get("switched_off", [])
    if isinstance(off, list):
        known["switched_off"] = frozenset(str(check) for check in off) & CHECKS.keys()
    try:
        return default_rules().with_changes(**known)
    except (SubtitleError, TypeError):
        return default_rules()


def reading_speed_presets() -> dict[str, float]:
    """Characters a second by audience: {"adult": 17, "children": 13, "relaxed": 20}."""
    return dict(load_json(RULES_FILE)["reading_speed"]["presets"])


LIMITS = tuple(f.name for f in fields(Rules) if f.name != "switched_off")
"""The limits, in the order a settings form shows them."""

LIMIT_LABELS = {
    "max_chars_per_line": "Characters a line",
    "max_lines": "Lines a cue",
    "max_chars_per_second": "Reading speed",
    "min_duration_ms": "The shortest time on screen",
    "max_duration_ms": "The longest time on screen",
    "min_gap_ms": "The gap between cues",
}


def _label(name: str) -> str:
    return LIMIT_LABELS[name]
