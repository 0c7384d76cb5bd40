"""The Media Kit page: a PDF a brand can read in a minute (an empty state until that feature lands)."""

from companion.store.records import RecordCounts
from companion.ui.pages.base import PlannedPage, count_phrase


class MediaKitPage(PlannedPage):
    title = "Media Kit"
    icon_name = "mediakit"
    heading = "A media kit from your own numbers"
    promise = (
        "Turn your record into a short PDF a brand can read in a minute: who you are, who "
        "follows you, how they engage, and the collaborations you are proud of."
    )

    def describe_record(self, counts: RecordCounts) -> str:
        if not counts.accounts:
            return ""
        return (
            f"It will draw on your record of {count_phrase(counts.accounts, 'account')}, "
            f"{count_phrase(counts.posts, 'post')} and {count_phrase(counts.deals, 'deal')}."
        )
