"""Seeded randomness for the demo: a generator per part, and whole numbers shared out by weight."""

import math
import random
from collections.abc import Sequence


def part_rng(seed: int, *parts: object) -> random.Random:
    """A generator of its own for each part of the demo, so changing one part leaves the rest.

    String seeds are hashed with SHA-512 by `random`, so this is stable across runs and
    machines (unlike `hash()`).
    """
    return random.Random(":".join([str(seed), *map(str, parts)]))


def split_by_weight(total: int, weights: Sequence[float]) -> list[int]:
    """`total` shared out by weight, whole numbers that add up exactly (largest remainder)."""
    scale = total / sum(weights)
    exact = [weight * scale for weight in weights]
    parts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def rounded_shares(weights: dict[str, float]) -> dict[str, float]:
    """Weights as shares rounded to 4 places that sum to exactly 1 (the biggest takes the rest)."""
    total = sum(weights.values())
    units = {bucket: round(weight / total * 10_000) for bucket, weight in weights.items()}
    biggest = max(units, key=lambda bucket: (units[bucket], bucket))
    units[biggest] += 10_000 - sum(units.values())
    return {bucket: unit / 10_000 for bucket, unit in units.items()}
