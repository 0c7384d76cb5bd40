"""The audience-health score's rules (components, weights, scales, from `resources/quality.json`) and what judging a part by them gives.

This module is the file's only reader (REFERENCE.md §3 for the signals; the file's `_why`
notes say where each figure comes from).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache
from itertools import pairwise
from typing import Any

from companion.core.follower_jumps import JumpRules
from companion.core.resources import load_json


class Component(StrEnum):
    ENGAGEMENT = "engagement"
    FOLLOWER_JUMPS = "follower_jumps"
    REACH = "reach"
    INTERACTIONS = "interactions"
    TARGET_COUNTRIES = "target_countries"
    GROWTH_STEADINESS = "growth_steadiness"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Component.ENGAGEMENT: "Engagement rate",
    Component.FOLLOWER_JUMPS: "Follower jumps",
    Component.REACH: "Reach per follower",
    Component.INTERACTIONS: "Comments, shares and saves",
    Component.TARGET_COUNTRIES: "Audience in target countries",
    Component.GROWTH_STEADINESS: "Steady growth",
}


# --- the rules, from resources/quality.json ---------------------------------------------------


@dataclass(frozen=True)
class ComponentRule:
    weight: float
    scale: tuple[tuple[float, float], ...]
    """(value, sub-score) points joined by straight lines, flat beyond the ends."""
    settings: Mapping[str, Any] = field(default_factory=dict)

    def sub_score(self, value: float) -> float:
        points = self.scale
        if value <= points[0][0]:
            return points[0][1]
        for (x0, y0), (x1, y1) in pairwise(points):
            if value <= x1:
                return y0 + (y1 - y0) * (value - x0) / (x1 - x0) if x1 > x0 else y1
        return points[-1][1]

    def __getitem__(self, name: str) -> Any:
        return self.settings[name]


@dataclass(frozen=True)
class QualityRules:
    bands: tuple[tuple[int, str], ...]
    """(lowest score, label), highest first."""
    components: Mapping[Component, ComponentRule]
    min_judged_weight: float = 0.0
    """The least weight the parts that can be judged must carry for there to be a score."""

    def band(self, score: float) -> str:
        return next(label for lowest, label in self.bands if score >= lowest)

    def jump_rules(self) -> JumpRules:
        settings = self.components[Component.FOLLOWER_JUMPS].settings
        return JumpRules(**{f.name: settings[f.name] for f in fields(JumpRules)})

    @property
    def snapshot_days(self) -> int:
        """How many days of snapshots before today the score reads: the jump scan's window,
        the baselines before its first day, and the weeks of the steadiness component."""
        jumps = self.jump_rules()
        around = jumps.match_days_before + jumps.match_days_after
        scan = jumps.window_days + jumps.baseline_days + 2 * around + 1
        weeks = self.components[Component.GROWTH_STEADINESS]["weeks"] + 1
        return max(scan, weeks * 7)

    @property
    def post_days(self) -> int:
        """How many days of posts the score reads: the jump scan's engagement baselines too."""
        jumps = self.jump_rules()
        windows = [
            rule["window_days"]
            for rule in self.components.values()
            if "window_days" in rule.settings
        ]
        return max(self.snapshot_days + jumps.engagement_baseline_days, *windows)


@cache
def quality_rules() -> QualityRules:
    data = load_json("quality.json")
    components = {}
    for name, row in data["components"].items():
        settings = {k: v for k, v in row.items() if k not in ("weight", "scale", "_why")}
        scale = tuple((float(x), float(y)) for x, y in row["scale"])
        components[Component(name)] = ComponentRule(float(row["weight"]), scale, settings)
    bands = tuple(sorted(((b["min_score"], b["label"]) for b in data["bands"]), reverse=True))
    return QualityRules(bands, components, float(data["min_judged_weight"]))


# --- a part, judged ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """One component: what was measured, what it was compared with, and what it did to the score."""

    component: Component
    value: float | None
    """The measured figure (a rate, a share, a spread); None when it cannot be judged."""
    value_text: str
    """The value in words, or why it cannot be judged."""
    compared_with: str
    advice: str
    """What would improve it (or, for one that cannot be judged, what would let it be)."""
    source: str = ""
    """Where the figure it is compared with comes from, or how the comparison is made."""
    sub_score: float | None = None
    """0–1; None when it cannot be judged."""
    points: float | None = None
    """Points earned of `max_points`: the component's share of the score."""
    max_points: float | None = None
    weight_factor: float = 1.0
    """How much of its weight the component carries (less when its benchmark is another platform's)."""

    @property
    def judged(self) -> bool:
        return self.sub_score is not None

    @property
    def points_lost(self) -> float | None:
        if self.points is None or self.max_points is None:
            return None
        return self.max_points - self.points


@dataclass(frozen=True)
class Comparison:
    """What a component's value is set against (short), and where that comes from."""

    text: str
    source: str


def cannot_judge(component: Component, why: str, compared: Comparison, advice: str) -> Judgement:
    return Judgement(component, None, why, compared.text, advice, compared.source)


def judgement(
    component: Component,
    rule: ComponentRule,
    value: float,
    value_text: str,
    compared: Comparison,
    advice: str,
) -> Judgement:
    sub_score = min(1.0, max(0.0, rule.sub_score(value)))
    return Judgement(
        component, value, value_text, compared.text, advice, compared.source, sub_score
    )


def percent(rate: float, digits: int = 1) -> str:
    """0.0483 → '4.8 %'."""
    return f"{rate * 100:.{digits}f} %"


def published_percent(rate: float) -> str:
    """A published figure as published: 0.04 → '4 %', 0.024 → '2.4 %'."""
    return f"{rate * 100:.3g} %"
