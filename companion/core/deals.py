"""Brand deals: the stages a deal moves through, the kinds of collaboration, and deliverable states — REFERENCE.md §4."""

from enum import StrEnum


class DealStage(StrEnum):
    """Where a deal stands, in pipeline order; declined ends a deal at any point."""

    PITCHED = "pitched"
    NEGOTIATING = "negotiating"
    CONTRACTED = "contracted"
    IN_PRODUCTION = "in_production"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    PAID = "paid"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    DealStage.PITCHED: "Pitched",
    DealStage.NEGOTIATING: "Negotiating",
    DealStage.CONTRACTED: "Contracted",
    DealStage.IN_PRODUCTION: "In production",
    DealStage.DELIVERED: "Delivered",
    DealStage.INVOICED: "Invoiced",
    DealStage.PAID: "Paid",
    DealStage.DECLINED: "Declined",
}


class DealKind(StrEnum):
    """The collaboration types brands and creators agree on (REFERENCE.md §4)."""

    SPONSORED_POST = "sponsored_post"
    GIFTED = "gifted"
    REVIEW = "review"
    AFFILIATE = "affiliate"
    DISCOUNT_CODE = "discount_code"
    AMBASSADOR = "ambassador"
    EVENT = "event"
    UGC_LICENSE = "ugc_license"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DealKind.SPONSORED_POST: "Sponsored post",
    DealKind.GIFTED: "Gifted product",
    DealKind.REVIEW: "Review",
    DealKind.AFFILIATE: "Affiliate (commission)",
    DealKind.DISCOUNT_CODE: "Discount code",
    DealKind.AMBASSADOR: "Ambassador (long-term)",
    DealKind.EVENT: "Event attendance",
    DealKind.UGC_LICENSE: "Content licensing / UGC",
}


class DeliverableStatus(StrEnum):
    """How far one promised piece of content has come, in order."""

    PLANNED = "planned"
    DRAFTED = "drafted"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return _DELIVERABLE_LABELS[self]


_DELIVERABLE_LABELS = {
    DeliverableStatus.PLANNED: "Planned",
    DeliverableStatus.DRAFTED: "Drafted",
    DeliverableStatus.SUBMITTED: "Submitted for approval",
    DeliverableStatus.APPROVED: "Approved",
    DeliverableStatus.PUBLISHED: "Published",
}
