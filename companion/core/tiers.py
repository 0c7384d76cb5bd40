"""Audience tiers (nano, micro, macro, mega) from follower counts — REFERENCE.md §1.

The presets live in `resources/tiers.json`; this module is the only reader.
"""

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from companion.core.resources import load_json


class Tier(StrEnum):
    EMERGING = "emerging"
    NANO = "nano"
    MICRO = "micro"
    MACRO = "macro"
    MEGA = "mega"

    @property
    def label(self) -> str:
        return self.value.capitalize()


RANKED_TIERS = (Tier.NANO, Tier.MICRO, Tier.MACRO, Tier.MEGA)


class InvalidThresholds(ValueError):
    """Thresholds that cannot describe tiers, e.g. micro starting below nano."""


@dataclass(frozen=True)
class TierThresholds:
    """The lowest follower count of each tier."""

    nano: int
    micro: int
    macro: int
    mega: int

    def __post_init__(self) -> None:
        values = self.as_tuple()
        if values[0] < 1:
            raise InvalidThresholds("Nano must start at 1 follower or more.")
        for (lower, higher), (low_tier, high_tier) in zip(
            pairwise(values), pairwise(RANKED_TIERS), strict=True
        ):
            if higher < lower:
                raise InvalidThresholds(
                    f"{high_tier.label} must start at or above {low_tier.label} "
                    f"({higher:,} is below {lower:,})."
                )

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.nano, self.micro, self.macro, self.mega)

    def start_of(self, tier: Tier) -> int:
        return 0 if tier is Tier.EMERGING else getattr(self, tier.value)

    def exists(self, tier: Tier) -> bool:
        """False for a tier that the preset folds into the next (same start)."""
        if tier is Tier.EMERGING:
            return True
        index = RANKED_TIERS.index(tier)
        if index + 1 == len(RANKED_TIERS):
            return True
        return self.start_of(tier) < self.start_of(RANKED_TIERS[index + 1])


@dataclass(frozen=True)
class TierPreset:
    """A published set of tier thresholds (REFERENCE §1), named for Settings, with its source."""

    id: str
    name: str
    source: str
    thresholds: TierThresholds


def tier_presets() -> tuple[TierPreset, ...]:
    """The presets offered in Settings, the default first."""
    data = load_json("tiers.json")
    presets = tuple(
        TierPreset(p["id"], p["name"], p["source"], TierThresholds(**p["thresholds"]))
        for p in data["presets"]
    )
    return tuple(sorted(presets, key=lambda p: p.id != data["default"]))


def default_preset() -> TierPreset:
    return tier_presets()[0]


def preset_by_id(preset_id: str) -> TierPreset | None:
    return next((p for p in tier_presets() if p.id == preset_id), None)


def tier_for(followers: int, thresholds: TierThresholds) -> Tier:
    """The tier of an account with this many followers."""
    tier = Tier.EMERGING
    for candidate in RANKED_TIERS:
        if followers >= thresholds.start_of(candidate):
            tier = candidate
    return tier


def next_tier(followers: int, thresholds: TierThresholds) -> tuple[Tier, int] | None:
    """The next tier up and the follower count it starts at, or None at the top."""
    for candidate in RANKED_TIERS:
        start = thresholds.start_of(candidate)
        if followers < start and thresholds.exists(candidate):
            return candidate, start
    return None
