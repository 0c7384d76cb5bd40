"""The Deals page: brand deals from pitch to paid (an empty state until that feature lands)."""

from companion.store.records import RecordCounts
from companion.ui.pages.base import PlannedPage, count_phrase


class DealsPage(PlannedPage):
    title = "Deals"
    icon_name = "deals"
    heading = "Brand deals, from pitch to paid"
    promise = (
        "Keep every collaboration in one place: what you deliver and when, your fee, "
        "discount codes and affiliate links, usage rights, exclusivity, invoices and payments."
    )

    def describe_record(self, counts: RecordCounts) -> str:
        if not counts.deals:
            return ""
        return (
            f"Your record holds {count_phrase(counts.deals, 'deal')} "
            f"with {count_phrase(counts.brands, 'brand')} "
            f"and {count_phrase(counts.deliverables, 'deliverable')}."
        )
