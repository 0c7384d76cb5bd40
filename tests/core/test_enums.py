"""The stages and kinds of posts, deals, deliverables and captions: values the database stores, labels people read."""

from enum import StrEnum

import pytest

from companion.core.captions import CaptionStatus
from companion.core.deals import DealKind, DealStage, DeliverableStatus
from companion.core.posts import PostKind

ENUMS = (PostKind, DealStage, DealKind, DeliverableStatus, CaptionStatus)


@pytest.mark.parametrize("enum", ENUMS)
def test_every_member_has_a_readable_label(enum: type[StrEnum]):
    for member in enum:
        assert member.label and member.label[0].isupper()
        assert member.label != member.value
    assert len({member.label for member in enum}) == len(enum)


def test_deal_stages_are_in_pipeline_order():
    assert [stage.value for stage in DealStage] == [
        "pitched",
        "negotiating",
        "contracted",
        "in_production",
        "delivered",
        "invoiced",
        "paid",
        "declined",
    ]


def test_stored_values_are_stable():
    assert [kind.value for kind in PostKind] == [
        "post",
        "carousel",
        "reel",
        "story",
        "video",
        "live",
    ]
    assert [kind.value for kind in DealKind] == [
        "sponsored_post",
        "gifted",
        "review",
        "affiliate",
        "discount_code",
        "ambassador",
        "event",
        "ugc_license",
    ]
    assert [status.value for status in DeliverableStatus] == [
        "planned",
        "drafted",
        "submitted",
        "approved",
        "published",
    ]
    assert [status.value for status in CaptionStatus] == [
        "idea",
        "draft",
        "ready",
        "scheduled",
        "posted",
    ]


def test_values_round_trip_from_the_database_text():
    assert DealStage("in_production") is DealStage.IN_PRODUCTION
    assert PostKind("reel").label == "Reel / Short"
