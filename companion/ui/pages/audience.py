"""The Audience page: followers over time and who they are (an empty state until that feature lands)."""

from companion.store.records import RecordCounts
from companion.ui.pages.base import PlannedPage, count_phrase


class AudiencePage(PlannedPage):
    title = "Audience"
    icon_name = "audience"
    heading = "Your audience, over time"
    promise = (
        "See how each account grows day by day, spot the jumps that brands ask about, and see "
        "who follows you: countries, ages and genders, next to the markets you want to reach."
    )

    def describe_record(self, counts: RecordCounts) -> str:
        if not counts.snapshots:
            return ""
        return (
            f"Your record holds {count_phrase(counts.snapshots, 'daily follower count')} "
            f"across {count_phrase(counts.accounts, 'account')}."
        )
