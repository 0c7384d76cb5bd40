"""Published engagement-rate benchmarks per tier, read from `resources/benchmarks.json` (REFERENCE.md §2)."""

from dataclasses import dataclass

from companion.core.resources import load_json
from companion.core.tiers import Tier

REFERENCE_PLATFORM = "instagram"


@dataclass(frozen=True)
class Benchmark:
    """What an account's ER is compared with, and where that figure comes from."""

    platform: str
    tier: Tier | None
    min_followers: int
    max_followers: int | None
    engagement_rate: float
    source: str
    low: float | None = None
    high: float | None = None
    primary: bool = False

    def applies_to(self, followers: int) -> bool:
        above_min = followers >= self.min_followers
        below_max = self.max_followers is None or followers <= self.max_followers
        return above_min and below_max


@dataclass(frozen=True)
class BenchmarkMatch:
    benchmark: Benchmark
    same_platform: bool
    """False when the sources publish no figure for the account's own platform."""


def benchmarks() -> tuple[Benchmark, ...]:
    return tuple(
        Benchmark(
            platform=row["platform"],
            tier=Tier(row["tier"]) if row["tier"] else None,
            min_followers=row["min_followers"],
            max_followers=row["max_followers"],
            engagement_rate=row["er"],
            source=row["source"],
            low=row.get("low"),
            high=row.get("high"),
            primary=row.get("primary", False),
        )
        for row in load_json("benchmarks.json")["rows"]
    )


def benchmark_for(tier: Tier, platform: str) -> BenchmarkMatch | None:
    """The primary benchmark for a tier on a platform, else Instagram's; None for emerging accounts."""
    primary = [b for b in benchmarks() if b.primary and b.tier is tier]
    for candidate in primary:
        if candidate.platform == platform:
            return BenchmarkMatch(candidate, same_platform=True)
    for candidate in primary:
        if candidate.platform == REFERENCE_PLATFORM:
            return BenchmarkMatch(candidate, same_platform=platform == REFERENCE_PLATFORM)
    return None
