"""The demo's caption drafts (`resources/demo/captions.json`) as rows, one in every status."""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from companion.core.captions import CaptionStatus
from companion.core.platforms import Platform
from companion.demo.data import demo_data, without_notes
from companion.demo.deals import deal_ids
from companion.demo.rows import Row, day_from_today, moment
from companion.demo.subtitles import subtitled_reel
from companion.demo.timeline import SUBTITLE_REEL_DAYS_AGO


@dataclass(frozen=True)
class CaptionPlan:
    title: str
    body: str
    platforms: tuple[Platform, ...]
    status: CaptionStatus
    planned_in_days: int | None
    updated_days_ago: int
    deal_key: str | None = None


@cache
def caption_plans() -> tuple[CaptionPlan, ...]:
    """The drafts; the posted one is the subtitled reel's caption, dated by the reel."""
    return tuple(_caption(entry) for entry in demo_data("captions.json")["drafts"])


def _caption(entry: dict[str, Any]) -> CaptionPlan:
    fields = without_notes(entry)
    platforms = tuple(Platform(name) for name in fields["platforms"])
    status = CaptionStatus(fields["status"])
    if "posted_as" in fields:
        posted_as = {"subtitled_reel": subtitled_reel().post_caption}
        return CaptionPlan(
            fields["title"],
            posted_as[fields["posted_as"]],
            platforms,
            status,
            -SUBTITLE_REEL_DAYS_AGO,
            SUBTITLE_REEL_DAYS_AGO,
        )
    return CaptionPlan(
        fields["title"],
        fields["body"],
        platforms,
        status,
        fields["planned_in_days"],
        fields["updated_days_ago"],
        deal_key=fields.get("deal_key"),
    )


def caption_rows(today: date, subtitled_reel_day: date) -> list[Row]:
    ids_by_key = deal_ids()
    rows = []
    for caption_id, caption in enumerate(caption_plans(), start=1):
        planned_for = day_from_today(today, caption.planned_in_days)
        if caption.status is CaptionStatus.POSTED:
            planned_for = subtitled_reel_day.isoformat()
        rows.append(
            {
                "id": caption_id,
                "title": caption.title,
                "body": caption.body,
                "platforms": json.dumps(
                    [p.value for p in caption.platforms], separators=(",", ":")
                ),
                "deal_id": ids_by_key.get(caption.deal_key or ""),
                "status": caption.status.value,
                "planned_for": planned_for,
                "updated": moment(today, caption.updated_days_ago, 21, 5),
            }
        )
    return rows
