"""Pinning scheduled posts to the demo's story: the viral TikTok, sponsored posts, the subtitled reel."""

from dataclasses import dataclass
from datetime import date, datetime

from companion.core.deals import DeliverableStatus
from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.demo.deals import deal_plans
from companion.demo.post_text import post_texts
from companion.demo.posts import PlannedPost
from companion.demo.subtitles import subtitled_reel
from companion.demo.timeline import (
    SUBTITLE_REEL_DAYS_AGO,
    VIRAL_DAYS_AGO,
    VIRAL_POST_LIFT,
    Timeline,
)


class PostPinner:
    """Gives a scheduled post a role, re-dating it where a deal says when it went out."""

    def __init__(self, schedules: dict[Platform, list[PlannedPost]]) -> None:
        self._schedules = schedules
        self._taken: set[int] = set()

    def pin(
        self,
        platform: Platform,
        on: date,
        kind: PostKind,
        caption: str,
        *,
        move: bool = True,
    ) -> PlannedPost:
        """The free post nearest to `on` (the same kind if one is close), now of `kind`."""

        def distance(numbered: tuple[int, PlannedPost]) -> tuple[int, int]:
            number, post = numbered
            days = abs((post.published.date() - on).days)
            # A post of the right kind a few days off beats the wrong kind on the day.
            return (days if post.kind is kind else days + 7, number)

        free = [
            (number, post)
            for number, post in enumerate(self._schedules[platform])
            if id(post) not in self._taken
        ]
        _, post = min(free, key=distance)
        self._taken.add(id(post))
        post.kind = kind
        post.caption = caption
        if move:
            post.published = datetime.combine(on, post.published.timetz())
        return post


@dataclass(frozen=True)
class PinnedPosts:
    viral: PlannedPost
    subtitled: PlannedPost
    sponsored: dict[tuple[str, int], PlannedPost]
    """The post of each published deliverable, by (deal key, deliverable index)."""


def pin_posts(schedules: dict[Platform, list[PlannedPost]], timeline: Timeline) -> PinnedPosts:
    """Pin the viral TikTok, every published deliverable and the subtitled reel to posts."""
    pinner = PostPinner(schedules)
    viral = pinner.pin(
        Platform.TIKTOK,
        timeline.ago(VIRAL_DAYS_AGO),
        PostKind.VIDEO,
        post_texts().viral_caption,
        move=False,
    )
    viral.lift = VIRAL_POST_LIFT
    sponsored = {}
    for deal in deal_plans():
        for index, deliverable in enumerate(deal.deliverables):
            if deliverable.status is DeliverableStatus.PUBLISHED and deliverable.post_caption:
                sponsored[(deal.key, index)] = pinner.pin(
                    deliverable.platform,
                    timeline.ago(-deliverable.due_in_days),
                    deliverable.format,
                    deliverable.post_caption,
                )
    subtitled = pinner.pin(
        Platform.INSTAGRAM,
        timeline.ago(SUBTITLE_REEL_DAYS_AGO),
        PostKind.REEL,
        subtitled_reel().post_caption,
    )
    for posts in schedules.values():
        posts.sort(key=lambda post: post.published)
    return PinnedPosts(viral, subtitled, sponsored)
