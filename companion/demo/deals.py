"""The demo's brands, deals and deliverables (`resources/demo/brands.json`, `deals.json`) as rows."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from companion.core.deals import DealKind, DealStage, DeliverableStatus
from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.demo.data import demo_data, without_notes
from companion.demo.rows import Row, day_from_today, moment

INVOICE_PREFIX = "NF"
FIRST_INVOICE_NUMBER = 14


@dataclass(frozen=True)
class BrandPlan:
    name: str
    website: str
    contact: str
    email: str
    notes: str
    currency: str = "USD"


@dataclass(frozen=True)
class DeliverablePlan:
    platform: Platform
    format: PostKind
    due_in_days: int
    """Days from today: negative is in the past."""
    status: DeliverableStatus
    post_caption: str | None = None
    """For a published deliverable: the sponsored post's caption, disclosure first."""


@dataclass(frozen=True)
class DealPlan:
    key: str
    brand: str
    title: str
    kind: DealKind
    stage: DealStage
    created_days_ago: int
    updated_days_ago: int
    fee: str | None = None
    product_value: str | None = None
    commission_pct: float | None = None
    discount_code: str | None = None
    affiliate_url: str | None = None
    usage_rights: str | None = None
    exclusivity_category: str | None = None
    exclusivity_in_days: int | None = None
    payment_terms_days: int | None = None
    invoiced_days_ago: int | None = None
    paid_days_ago: int | None = None
    shareable: bool = False
    notes: str | None = None
    deliverables: tuple[DeliverablePlan, ...] = ()


@cache
def brand_plans() -> tuple[BrandPlan, ...]:
    """The fictional brands; contacts, emails and notes are private, never in a media kit."""
    return tuple(BrandPlan(**without_notes(entry)) for entry in demo_data("brands.json")["brands"])


@cache
def deal_plans() -> tuple[DealPlan, ...]:
    """The deals, at least one in every stage, dated relative to today."""
    return tuple(_deal(entry) for entry in demo_data("deals.json")["deals"])


def _deal(entry: dict[str, Any]) -> DealPlan:
    fields = without_notes(entry)
    deliverables = tuple(_deliverable(item) for item in fields.pop("deliverables", []))
    return DealPlan(
        kind=DealKind(fields.pop("kind")),
        stage=DealStage(fields.pop("stage")),
        deliverables=deliverables,
        **fields,
    )


def _deliverable(entry: dict[str, Any]) -> DeliverablePlan:
    fields = without_notes(entry)
    return DeliverablePlan(
        platform=Platform(fields["platform"]),
        format=PostKind(fields["format"]),
        due_in_days=fields["due_in_days"],
        status=DeliverableStatus(fields["status"]),
        post_caption=fields.get("post_caption"),
    )


def _invoice_numbers(today: date) -> dict[str, str]:
    """Invoice numbers in the order the invoices went out, as a creator numbers them."""
    invoiced = sorted(
        (deal for deal in deal_plans() if deal.invoiced_days_ago is not None),
        key=lambda deal: -(deal.invoiced_days_ago or 0),
    )
    numbers = {}
    for number, deal in enumerate(invoiced, start=FIRST_INVOICE_NUMBER):
        year = (today - timedelta(days=deal.invoiced_days_ago or 0)).year
        numbers[deal.key] = f"{INVOICE_PREFIX}-{year}-{number:03d}"
    return numbers


def deal_ids() -> dict[str, int]:
    """Each deal's row id by its key."""
    return {deal.key: deal_id for deal_id, deal in enumerate(deal_plans(), start=1)}


def brand_rows() -> list[Row]:
    return [
        {
            "id": brand_id,
            "name": brand.name,
            "website": brand.website,
            "contact": brand.contact,
            "email": brand.email,
            "notes": brand.notes,
        }
        for brand_id, brand in enumerate(brand_plans(), start=1)
    ]


def deal_rows(today: date) -> list[Row]:
    brands = brand_plans()
    brand_ids = {brand.name: brand_id for brand_id, brand in enumerate(brands, start=1)}
    currencies = {brand.name: brand.currency for brand in brands}
    invoice_numbers = _invoice_numbers(today)
    rows = []
    for deal_id, deal in enumerate(deal_plans(), start=1):
        invoiced = None if deal.invoiced_days_ago is None else -deal.invoiced_days_ago
        paid = None if deal.paid_days_ago is None else -deal.paid_days_ago
        rows.append(
            {
                "id": deal_id,
                "brand_id": brand_ids[deal.brand],
                "title": deal.title,
                "kind": deal.kind.value,
                "stage": deal.stage.value,
                "fee": deal.fee,
                "currency": currencies[deal.brand],
                "product_value": deal.product_value,
                "commission_pct": deal.commission_pct,
                "discount_code": deal.discount_code,
                "affiliate_url": deal.affiliate_url,
                "usage_rights": deal.usage_rights,
                "exclusivity_category": deal.exclusivity_category,
                "exclusivity_until": day_from_today(today, deal.exclusivity_in_days),
                "payment_terms_days": deal.payment_terms_days,
                "invoice_no": invoice_numbers.get(deal.key),
                "invoiced_on": day_from_today(today, invoiced),
                "paid_on": day_from_today(today, paid),
                "shareable": int(deal.shareable),
                "notes": deal.notes,
                "created": moment(today, deal.created_days_ago, 10, 15),
                "updated": moment(today, deal.updated_days_ago, 17, 40),
            }
        )
    return rows


def deliverable_rows(today: date, linked_posts: dict[tuple[str, int], int]) -> list[Row]:
    """Every deal's deliverables; `linked_posts` gives the post of (deal key, index) if published."""
    rows = []
    for deal_id, deal in enumerate(deal_plans(), start=1):
        for index, deliverable in enumerate(deal.deliverables):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "deal_id": deal_id,
                    "platform": deliverable.platform.value,
                    "format": deliverable.format.value,
                    "due_on": day_from_today(today, deliverable.due_in_days),
                    "status": deliverable.status.value,
                    "post_id": linked_posts.get((deal.key, index)),
                }
            )
    return rows
