"""The platforms a creator can have accounts on."""

from enum import StrEnum


class Platform(StrEnum):
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"
    X = "x"
    FACEBOOK = "facebook"
    THREADS = "threads"
    TWITCH = "twitch"
    PINTEREST = "pinterest"
    LINKEDIN = "linkedin"
    NEWSLETTER = "newsletter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Platform.INSTAGRAM: "Instagram",
    Platform.TIKTOK: "TikTok",
    Platform.YOUTUBE: "YouTube",
    Platform.X: "X (Twitter)",
    Platform.FACEBOOK: "Facebook",
    Platform.THREADS: "Threads",
    Platform.TWITCH: "Twitch",
    Platform.PINTEREST: "Pinterest",
    Platform.LINKEDIN: "LinkedIn",
    Platform.NEWSLETTER: "Newsletter / blog",
    Platform.OTHER: "Other",
}
