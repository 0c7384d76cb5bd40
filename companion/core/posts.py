"""What kind of thing a creator published: a post, a carousel, a reel or short, a story, a video, a live."""

from enum import StrEnum


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
