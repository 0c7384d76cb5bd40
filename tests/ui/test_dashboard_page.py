"""The Dashboard page: a card per account with its followers and tier, counts, and the empty state."""

from datetime import date
from pathlib import Path

import pytest

from companion.core.settings import Settings
from companion.store.database import Store, open_store
from companion.ui.context import AppContext
from companion.ui.pages.dashboard import (
    EMPTY_BODY,
    DashboardPage,
    as_of_text,
    columns_for,
    counted,
)
from tests.store.test_accounts import (
    NEWEST_DAY,
    add_account,
    add_daily_followers,
    add_small_creator,
)


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    opened.close()


def make_page(qtbot, store: Store) -> DashboardPage:
    page = DashboardPage(AppContext(store))
    qtbot.addWidget(page)
    return page


def card_texts(page: DashboardPage) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (
            card.platform_label.text(),
            card.handle_label.text(),
            card.followers_label.text(),
            card.as_of_label.text(),
            card.tier_label.text(),
            card.next_tier_label.text(),
        )
        for card in page.account_cards
    ]


def test_an_empty_database_shows_the_empty_state(qtbot, store: Store):
    page = make_page(qtbot, store)
    assert page.title == "Dashboard"
    assert page.showing_empty_state
    assert page.empty_state.body_label.text() == EMPTY_BODY
    assert page.account_cards == []


def test_one_card_per_account_with_followers_and_tier(qtbot, store: Store):
    add_small_creator(store)
    page = make_page(qtbot, store)
    assert not page.showing_empty_state
    assert card_texts(page) == [
        (
            "Instagram",
            "@mayaeats",
            "24,000",
            "followers · as of 20 Nov 2026",
            "Micro",
            "76,000 to Macro",
        ),
        (
            "TikTok",
            "@mayaeats",
            "61,200",
            "followers · as of 20 Nov 2026",
            "Micro",
            "38,800 to Macro",
        ),
        (
            "YouTube",
            "@MayaEatsTheWorld",
            "6,588",
            "followers · as of 20 Nov 2026",
            "Nano",
            "3,412 to Micro",
        ),
    ]


def test_the_title_area_names_the_creator(qtbot, store: Store):
    add_small_creator(store)
    page = make_page(qtbot, store)
    assert page.creator_label.text() == "Maya Lopes  ·  3 accounts"
    assert "Standard" in page.tiers_note.text()


def test_an_account_without_numbers_says_so(qtbot, store: Store):
    add_account(store, "newsletter", "Maya's Table", display_name=None)
    page = make_page(qtbot, store)
    (card,) = page.account_cards
    assert card.followers_label.text() == "—"
    assert card.as_of_label.text() == "no follower numbers yet"
    assert card.tier_label.text() == ""
    assert page.creator_label.text() == "1 account"


def test_a_mega_account_is_at_the_top_tier(qtbot, store: Store):
    account = add_account(store, "youtube", "bigchannel")
    add_daily_followers(store, account, [1_250_000], NEWEST_DAY)
    page = make_page(qtbot, store)
    (card,) = page.account_cards
    assert (card.tier_label.text(), card.next_tier_label.text()) == ("Mega", "the top tier")


def test_cards_re_tier_when_the_settings_change(qtbot, store: Store):
    add_small_creator(store)
    page = make_page(qtbot, store)
    page.context.update_settings(Settings(tier_preset="micro-1k-100k"))
    assert [card.tier_label.text() for card in page.account_cards] == ["Micro", "Micro", "Micro"]
    assert page.account_cards[2].next_tier_label.text() == "93,412 to Macro"
    assert "Broad micro" in page.tiers_note.text()


def test_the_page_reloads_when_the_record_changes(qtbot, store: Store):
    page = make_page(qtbot, store)
    assert page.showing_empty_state
    add_small_creator(store)
    page.context.notify_data_changed()
    assert not page.showing_empty_state
    assert len(page.account_cards) == 3


def test_summary_cards_count_the_record(qtbot, store: Store):
    ids = add_small_creator(store)
    with store.transaction():
        store.db["brand"].insert_all([{"id": 1, "name": "Oatly"}, {"id": 2, "name": "Vanmoof"}])
        store.db["deal"].insert_all(
            {
                "brand_id": 1 + n % 2,
                "title": f"Deal {n}",
                "kind": "sponsored_post",
                "stage": "agreed",
                "currency": "EUR",
                "created": "2026-01-01",
                "updated": "2026-01-01",
            }
            for n in range(3)
        )
        store.db["post"].insert_all(
            {"account_id": ids["instagram"], "published_at": "2026-11-01", "kind": "reel"}
            for _ in range(1_204)
        )
        store.db["caption"].insert(
            {"title": "Nata", "status": "draft", "updated": "2026-11-01T10:00:00+00:00"}
        )
    page = make_page(qtbot, store)
    values = {key: card.value_label.text() for key, card in page.summary_cards.items()}
    assert values == {"posts": "1,204", "deals": "3", "captions": "1", "subtitles": "0"}
    assert page.summary_cards["deals"].caption_label.text() == "with 2 brands"
    assert page.summary_cards["posts"].caption_label.text() == "across 3 accounts"


def test_cards_go_three_to_a_row_in_a_wide_window(qtbot, store: Store):
    for n in range(6):
        account = add_account(store, "instagram", f"maya{n}")
        add_daily_followers(store, account, [1_000 * (n + 1)], NEWEST_DAY)
    page = make_page(qtbot, store)
    page.resize(1040, 760)
    page.show()
    qtbot.waitExposed(page)
    grid = page.account_grid.grid
    positions = [grid.getItemPosition(grid.indexOf(card))[:2] for card in page.account_cards]
    assert positions == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    widths = {card.width() for card in page.account_cards}
    assert max(widths) - min(widths) <= 1


@pytest.mark.parametrize(
    ("width", "cards", "columns"),
    [
        (976, 3, 3),
        (976, 6, 3),
        (700, 3, 2),
        (250, 3, 1),
        (976, 4, 4),
        (700, 4, 2),
        (0, 4, 1),
    ],
)
def test_columns_for(width: int, cards: int, columns: int):
    most = 4 if cards == 4 else 3
    minimum = 170 if cards == 4 else 280
    assert columns_for(width, minimum, most, cards) == columns


def test_as_of_reads_as_a_short_date():
    assert as_of_text(date(2026, 11, 5)) == "as of 5 Nov 2026"


def test_the_demo_creator_has_three_cards_with_realistic_numbers(qtbot, store: Store):
    demo = pytest.importorskip("companion.demo")
    demo.generate_demo(store, today=date(2026, 11, 20))
    page = make_page(qtbot, store)
    followers = {
        card.platform_label.text(): int(card.followers_label.text().replace(",", ""))
        for card in page.account_cards
    }
    assert set(followers) == {"Instagram", "TikTok", "YouTube"}
    assert 15_000 < followers["Instagram"] < 35_000
    assert 45_000 < followers["TikTok"] < 80_000
    assert 4_000 < followers["YouTube"] < 12_000
    assert all(card.as_of_label.text().endswith("Nov 2026") for card in page.account_cards)
    assert page.creator_label.text().startswith(demo.CREATOR_NAME)


def test_switching_to_an_empty_database_and_changing_tiers_is_safe(qtbot, store: Store, tmp_path):
    add_small_creator(store)
    page = make_page(qtbot, store)
    with open_store(tmp_path / "empty" / "companion.sqlite") as empty:
        page.context.replace_store(empty)
        assert page.showing_empty_state
        page.context.update_settings(Settings(tier_preset="micro-10k-80k"))
        assert page.account_cards == []
        page.context.replace_store(store)
    assert len(page.account_cards) == 3


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 brands"), (1, "1 brand"), (2, "2 brands"), (1_204, "1,204 brands")]
)
def test_counted(count: int, text: str):
    assert counted(count, "brand") == text
