"""The demo's audience breakdowns: a shared profile (`resources/demo/audience.json`) tilted per platform."""

from dataclasses import dataclass
from functools import cache

from companion.core.platforms import Platform
from companion.demo.accounts import AccountPlan
from companion.demo.data import demo_data
from companion.demo.randomness import part_rng, rounded_shares
from companion.demo.rows import Row
from companion.demo.timeline import Timeline

AUDIENCE_DAYS_AGO = (182, 14)

Weights = dict[str, dict[str, float]]
"""Weights by dimension (country, age, gender, city), then by bucket."""


@dataclass(frozen=True)
class AudiencePlan:
    profile: Weights
    """The audience all her accounts share."""
    tilt: dict[Platform, Weights]
    """How each platform's audience leans away from the profile: factors, 1 where none is named."""


@cache
def audience_plan() -> AudiencePlan:
    """The profile and tilts in `resources/demo/audience.json`."""
    data = demo_data("audience.json")
    tilt = {Platform(platform): leaning for platform, leaning in data["tilt"].items()}
    return AudiencePlan(profile=data["profile"], tilt=tilt)


def audience_rows(
    seed: int, account_id: int, account: AccountPlan, timeline: Timeline
) -> list[Row]:
    """Shares of every bucket of every dimension, at each of the two audience dates."""
    plan = audience_plan()
    rng = part_rng(seed, "audience", account.platform)
    tilt = plan.tilt.get(account.platform, {})
    rows = []
    for days_ago in AUDIENCE_DAYS_AGO:
        day = timeline.ago(days_ago).isoformat()
        for dimension, base in plan.profile.items():
            leaning = tilt.get(dimension, {})
            weights = {
                bucket: weight * leaning.get(bucket, 1.0) * rng.lognormvariate(0.0, 0.08)
                for bucket, weight in base.items()
            }
            rows.extend(
                {
                    "account_id": account_id,
                    "date": day,
                    "dimension": dimension,
                    "bucket": bucket,
                    "share": share,
                }
                for bucket, share in rounded_shares(weights).items()
            )
    return rows
