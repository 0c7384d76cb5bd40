"""What kind of thing a creator published: a post, a carousel, a reel or short, a story, a video, a live."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from companion.core.engagement import Interactions, engagement_total


class PostKind(StrEnum):
    POST = "post"
    CAROUSEL = "carousel"
    REEL = "reel"
    STORY = "story"
    VIDEO = "video"
    LIVE = "live"

    @property
    def label(self) -> str:
        return _LABELS[self]


# Short vertical video goes by a different name on each platform (Reels, Shorts, TikToks);
# one kind keeps "how do my short videos do" a single question across platforms.
_LABELS = {
    PostKind.POST: "Post",
    PostKind.CAROUSEL: "Carousel",
    PostKind.REEL: "Reel / Short",
    PostKind.STORY: "Story",
    PostKind.VIDEO: "Video",
    PostKind.LIVE: "Live",
}


@dataclass(frozen=True)
class Post:
    """One published piece of content and its numbers, as they stand now (None: not known)."""

    account_id: int
    published_at: datetime
    kind: PostKind
    id: int | None = None
    platform_post_id: str | None = None
    caption: str | None = None
    url: str | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    views: int | None = None
    reach: int | None = None
    impressions: int | None = None
    source: str = "manual"

    @property
    def interactions(self) -> Interactions:
        return Interactions(self.likes, self.comments, self.shares, self.saves)

    @property
    def engagements(self) -> int | None:
        return engagement_total(self.likes, self.comments, self.shares, self.saves)
