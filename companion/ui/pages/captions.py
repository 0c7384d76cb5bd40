"""The Captions page: caption drafts checked per platform (an empty state until that feature lands)."""

from companion.store.records import RecordCounts
from companion.ui.pages.base import PlannedPage, count_phrase


class CaptionsPage(PlannedPage):
    title = "Captions"
    icon_name = "captions"
    heading = "Captions, drafted and checked"
    promise = (
        "Write and plan captions, see at a glance whether they fit each platform's limits, "
        "and make sure a sponsored post says so up front, not hidden among the hashtags."
    )

    def describe_record(self, counts: RecordCounts) -> str:
        if not counts.captions:
            return ""
        return f"Your record holds {count_phrase(counts.captions, 'caption draft')}."
