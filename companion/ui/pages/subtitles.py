"""The Subtitles page: check, fix and convert subtitle files (an empty state until that feature lands)."""

from companion.store.records import RecordCounts
from companion.ui.pages.base import PlannedPage, count_phrase


class SubtitlesPage(PlannedPage):
    title = "Subtitles"
    icon_name = "subtitles"
    heading = "Subtitles that are easy to read"
    promise = (
        "Open, check, fix and convert WebVTT and SRT subtitle files for your videos: "
        "lines that are too long, text that flashes by too fast, cues that overlap, "
        "and timing that needs a shift."
    )

    def describe_record(self, counts: RecordCounts) -> str:
        if not counts.subtitle_files:
            return ""
        return f"Your record knows {count_phrase(counts.subtitle_files, 'subtitle file')}."
