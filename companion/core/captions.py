"""Caption drafts: the states a caption goes through from first idea to posted — REFERENCE.md §5."""

from enum import StrEnum


class CaptionStatus(StrEnum):
    IDEA = "idea"
    DRAFT = "draft"
    READY = "ready"
    SCHEDULED = "scheduled"
    POSTED = "posted"

    @property
    def label(self) -> str:
        return self.value.capitalize()
