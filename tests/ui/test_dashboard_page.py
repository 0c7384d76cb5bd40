"""The Dashboard page: cards with growth, tier and engagement against the benchmark, charts
after the first paint, top posts, the record, and the empty state."""

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from companion.core import report as core_report
from companion.core.accounts import Account
from companion.core.growth import Change
from companion.core.platforms import Platform
from companion.core.settings import Settings
from companion.store.database import Store, open_store
from companion.store.reports import account_reports, dashboard_reports, load_dashboard
from companion.ui.chart_view import chart_theme
from companion.ui.context import AppContext
from companion.ui.pages.base import count_phrase
from companion.ui.pages.dashboard import (
    EMPTY_BODY,
    NO_NUMBERS,
    PENDING,
    SPARKLINE_DAYS,
    DashboardPage,
    account_colour,
    account_labels,
    as_of_text,
    change_text,
    columns_for,
    missing_days_text,
)
from companion.ui.sparkline import days_without_numbers, runs, sparkline_summary
from companion.ui.theme import Appearance, install_theme
from tests.store.test_accounts import (
    NEWEST_DAY,
    add_account,
    add_daily_followers,
    add_small_creator,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def make_page(qtbot, store: Store) -> DashboardPage:
    page = DashboardPage(AppContext(store), today=lambda: NEWEST_DAY)
    qtbot.addWidget(page)
    return page


def shown_page(qtbot, store: Store) -> DashboardPage:
    """A page on screen, painted, with its details and charts drawn."""
    page = make_page(qtbot, store)
    page.resize(1100, 1000)
    page.show()
    qtbot.waitExposed(page)
    assert page.wait_for_charts()
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


# --- a creator whose numbers are known ------------------------------------------------------


def add_post(store: Store, account_id: int, days_ago: int, likes: int, caption: str) -> None:
    published = datetime.combine(NEWEST_DAY - timedelta(days=days_ago), time(18), UTC)
    with store.transaction():
        store.db["post"].insert(
            {
                "account_id": account_id,
                "published_at": published.isoformat(),
                "kind": "reel",
                "caption": caption,
                "likes": likes,
            }
        )


def remove_days(store: Store, account_id: int, *days_ago: int) -> None:
    with store.transaction():
        for days in days_ago:
            day = (NEWEST_DAY - timedelta(days=days)).isoformat()
            store.conn.execute(
                "DELETE FROM snapshot WHERE account_id = ? AND date = ?", (account_id, day)
            )


def add_known_creator(store: Store) -> dict[str, int]:
    """Three accounts, 120 days each, ending on 20 Nov 2026:

    - Instagram: 18,050 + 50 a day → 24,000, with 10 and 11 days ago missing; four posts at
      exactly 2 % of that day's followers (below the Micro benchmark of 4 %);
    - TikTok: 61,200 every day; three posts at 6, 7 and 8 % (above Micro's 4 %);
    - YouTube: 2,300 + 50 a day → 8,250 (Nano); two posts only, at 5 and 4.5 %.
    """
    ids = {
        "instagram": add_account(store, "instagram", "mayaeats"),
        "tiktok": add_account(store, "tiktok", "@mayaeats"),
        "youtube": add_account(store, "youtube", "MayaEatsTheWorld"),
    }
    add_daily_followers(store, ids["instagram"], [18_050 + 50 * i for i in range(120)], NEWEST_DAY)
    remove_days(store, ids["instagram"], 10, 11)
    add_daily_followers(store, ids["tiktok"], [61_200] * 120, NEWEST_DAY)
    add_daily_followers(store, ids["youtube"], [2_300 + 50 * i for i in range(120)], NEWEST_DAY)
    for days_ago in (2, 4, 6, 8):
        followers = 24_000 - 50 * days_ago
        add_post(store, ids["instagram"], days_ago, followers // 50, f"Instagram {days_ago}")
    for days_ago, rate in ((1, 0.06), (3, 0.07), (5, 0.08)):
        add_post(store, ids["tiktok"], days_ago, round(61_200 * rate), f"TikTok {days_ago}")
    add_post(store, ids["youtube"], 7, 395, "Tortellini in Bologna")  # 5 % of 7,900
    add_post(store, ids["youtube"], 9, 351, "Pastéis de nata")  # 4.5 % of 7,800
    return ids


@pytest.fixture
def known_page(qtbot, store: Store) -> DashboardPage:
    add_known_creator(store)
    page = make_page(qtbot, store)
    page.show_details()
    return page


def card(page: DashboardPage, platform: Platform):
    return next(c for c in page.account_cards if c.account.platform is platform)


# --- cards --------------------------------------------------------------------------------


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
    page.show_details()
    (only,) = page.account_cards
    assert only.followers_label.text() == "—"
    assert only.as_of_label.text() == "no follower numbers yet"
    assert only.tier_label.text() == ""
    assert only.next_tier_label.text() == NO_NUMBERS
    assert only.sparkline.isHidden() and only.engagement_row.isHidden()
    assert page.creator_label.text() == "1 account"


def test_a_mega_account_is_at_the_top_tier(qtbot, store: Store):
    account = add_account(store, "youtube", "bigchannel")
    add_daily_followers(store, account, [1_250_000], NEWEST_DAY)
    page = make_page(qtbot, store)
    (only,) = page.account_cards
    assert (only.tier_label.text(), only.next_tier_label.text()) == ("Mega", "the top tier")


def test_growth_and_engagement_wait_for_the_first_paint(qtbot, store: Store):
    add_known_creator(store)
    page = make_page(qtbot, store)
    instagram = card(page, Platform.INSTAGRAM)
    assert instagram.followers_label.text() == "24,000"
    assert instagram.change_label.text() == PENDING
    assert page.record is None and page.top_posts is None
    page.show_details()
    assert instagram.change_label.text() == "+1,500 (+6.7 %) in 30 days"


def test_the_30_day_change_says_how_many_days_are_missing(known_page: DashboardPage):
    instagram = card(known_page, Platform.INSTAGRAM)
    assert instagram.change_label.text() == "+1,500 (+6.7 %) in 30 days"
    assert instagram.missing_label.text() == "· 2 days missing"
    assert not instagram.missing_label.isHidden()
    youtube = card(known_page, Platform.YOUTUBE)
    assert youtube.change_label.text() == "+1,500 (+22.2 %) in 30 days"
    assert youtube.missing_label.isHidden()
    assert card(known_page, Platform.TIKTOK).change_label.text() == "No change in 30 days"


def test_engagement_below_its_benchmark_says_below_in_the_loss_colour(known_page):
    instagram = card(known_page, Platform.INSTAGRAM)
    assert instagram.engagement_label.text() == "2.0 %"
    assert instagram.engagement_caption.text() == "engagement rate · 30 days"
    assert instagram.signal_label.text() == "▼ below the Micro benchmark of 4 %"
    theme = chart_theme(known_page.palette())
    assert theme.loss in instagram.signal_label.styleSheet()
    assert theme.gain in instagram.change_label.styleSheet()
    tooltip = instagram.engagement_row.toolTip()
    assert "Mean engagement rate by followers of 4 posts in the last 30 days" in tooltip
    assert "VERB article" in tooltip
    assert "Instagram's" not in tooltip


def test_engagement_above_its_benchmark_says_above_and_whose_benchmark_it_is(known_page):
    tiktok = card(known_page, Platform.TIKTOK)
    assert tiktok.engagement_label.text() == "7.0 %"
    assert tiktok.signal_label.text() == "▲ above the Micro benchmark of 4 %"
    assert chart_theme(known_page.palette()).gain in tiktok.signal_label.styleSheet()
    tooltip = tiktok.engagement_row.toolTip()
    assert "median 7.0 %" in tooltip
    assert "The sources publish no figure for TikTok" in tooltip
    assert "Instagram's benchmark" in tooltip


def test_fewer_than_three_posts_give_a_dash_and_the_reason(known_page: DashboardPage):
    youtube = card(known_page, Platform.YOUTUBE)
    assert youtube.engagement_label.text() == "—"
    assert youtube.signal_label.text() == "2 posts with a rate in 30 days; 3 needed"
    assert chart_theme(known_page.palette()).muted in youtube.signal_label.styleSheet()
    assert "needs at least 3 posts" in youtube.engagement_row.toolTip()


def test_the_projection_to_the_next_tier(known_page: DashboardPage):
    youtube = card(known_page, Platform.YOUTUBE)
    assert youtube.projection_label.text() == "Projected to reach Micro on 25 Dec 2026"
    instagram = card(known_page, Platform.INSTAGRAM)
    assert instagram.projection_label.text() == "Projected to reach Macro on 18 Jan 2031"
    tiktok = card(known_page, Platform.TIKTOK)
    assert tiktok.projection_label.text() == ""
    assert tiktok.projection_label.isHidden()


def test_the_sparkline_shows_90_days_with_the_gap_left_open(known_page: DashboardPage):
    sparkline = card(known_page, Platform.INSTAGRAM).sparkline
    assert len(sparkline.points) == 88
    assert [len(run) for run in runs(sparkline.points)] == [78, 10]
    assert "2 days without numbers" in sparkline.toolTip()
    assert sparkline.grab().width() > 0


def test_top_posts_of_the_last_30_days(known_page: DashboardPage):
    assert known_page.top_posts is not None
    assert known_page.top_posts.rows == [
        ("15 Nov", "TikTok", "Reel / Short", "TikTok 5", "8.0 %"),
        ("17 Nov", "TikTok", "Reel / Short", "TikTok 3", "7.0 %"),
        ("19 Nov", "TikTok", "Reel / Short", "TikTok 1", "6.0 %"),
        ("13 Nov", "YouTube", "Reel / Short", "Tortellini in Bologna", "5.0 %"),
        ("11 Nov", "YouTube", "Reel / Short", "Pastéis de nata", "4.5 %"),
    ]


def test_the_cards_agree_with_companion_stats(store: Store):
    pytest.importorskip("companion.demo").generate_demo(store, today=NEWEST_DAY)
    settings = Settings()
    record = load_dashboard(store, NEWEST_DAY)
    stats = account_reports(store, settings, NEWEST_DAY, posts_since=record.posts_since)
    assert dashboard_reports(record, settings.thresholds) == stats


def test_cards_re_tier_when_the_settings_change(qtbot, store: Store):
    add_small_creator(store)
    page = make_page(qtbot, store)
    page.context.update_settings(Settings(tier_preset="micro-1k-100k"))
    assert [card.tier_label.text() for card in page.account_cards] == ["Micro", "Micro", "Micro"]
    assert page.account_cards[2].next_tier_label.text() == "93,412 to Macro"
    assert "Broad micro" in page.tiers_note.text()


def test_benchmarks_and_projections_follow_the_tiers(known_page: DashboardPage):
    known_page.context.update_settings(Settings(tier_preset="micro-1k-100k"))
    youtube = card(known_page, Platform.YOUTUBE)
    assert youtube.tier_label.text() == "Micro"
    assert youtube.projection_label.text() == "More than 5 years to Macro at this pace"
    assert known_page.reports[2].engagement.benchmark.benchmark.tier.label == "Micro"


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
    page.show_details()
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


def test_the_demo_creator_has_three_cards_with_realistic_numbers(qtbot, store: Store):
    demo = pytest.importorskip("companion.demo")
    demo.generate_demo(store, today=date(2026, 11, 20))
    page = make_page(qtbot, store)
    page.show_details()
    followers = {
        card.platform_label.text(): int(card.followers_label.text().replace(",", ""))
        for card in page.account_cards
    }
    assert set(followers) == {"Instagram", "TikTok", "YouTube"}
    assert 15_000 < followers["Instagram"] < 35_000
    assert 45_000 < followers["TikTok"] < 80_000
    assert 4_000 < followers["YouTube"] < 12_000
    assert all(card.as_of_label.text().endswith("Nov 2026") for card in page.account_cards)
    assert all(card.change_label.text().endswith("in 30 days") for card in page.account_cards)
    assert page.creator_label.text().startswith(demo.CREATOR_NAME)
    assert page.top_posts is not None and len(page.top_posts.rows) == 5


def test_each_card_shows_its_audience_health_worked_out_off_the_gui_thread(
    qtbot, qapp, store: Store
):
    from tests.ui.test_health_view import add_bought_spike

    add_bought_spike(store)
    page = make_page(qtbot, store)
    page.show_details()
    (card,) = page.account_cards
    assert page.health.busy  # on a worker: the cards keep their place until it is in
    assert card.health_label.text() == PENDING
    page.resize(1100, 1000)
    page.show()
    assert page.wait_for_charts()
    report = page.health.reports[card.account.id]
    assert f">Audience health {report.score:.0f} · {report.band}  ›</a>" in card.health_label.text()
    tooltip = card.health_label.toolTip()
    assert "1 day with a follower jump nothing explains." in tooltip
    assert "Follower jumps: +" in tooltip and "Click for the details" in tooltip
    install_theme(qapp).set_appearance(Appearance.DARK)
    assert f"color: {chart_theme(page.palette()).line};" in card.health_label.text()


def test_a_cards_health_opens_that_account_on_the_audience_page(qtbot, db_path: Path, make_window):
    from tests.ui.test_health_view import add_bought_spike

    with open_store(db_path) as store:
        add_bought_spike(store, "mayaeats")
        second = add_bought_spike(store, "mayatravels")
    window = make_window()
    dashboard = window.page("dashboard")
    assert dashboard.wait_for_charts()
    card = next(c for c in dashboard.account_cards if c.account.id == second)
    card.health_label.linkActivated.emit("health")
    assert window.current_page_key() == "audience"
    audience = window.page("audience")
    assert audience.account_combo.currentData() == second
    assert audience.lower_tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: audience.health_view.report is not None, timeout=20_000)
    assert audience.health_view.report.account.id == second


def test_switching_to_an_empty_database_and_changing_tiers_is_safe(qtbot, store: Store, tmp_path):
    add_small_creator(store)
    page = make_page(qtbot, store)
    page.show_details()
    with open_store(tmp_path / "empty" / "companion.sqlite") as empty:
        page.context.replace_store(empty)
        assert page.showing_empty_state
        page.context.update_settings(Settings(tier_preset="micro-10k-80k"))
        assert page.account_cards == []
        page.context.replace_store(store)
    assert len(page.account_cards) == 3
    assert all(card.report is not None for card in page.account_cards)


def test_dark_mode_uses_the_dark_theme_colours(qtbot, qapp, known_page: DashboardPage):
    install_theme(qapp).set_appearance(Appearance.DARK)
    qtbot.waitUntil(lambda: chart_theme(known_page.palette()).dark)
    theme = chart_theme(known_page.palette())
    instagram = card(known_page, Platform.INSTAGRAM)
    assert theme.loss in instagram.signal_label.styleSheet()
    assert theme.gain in card(known_page, Platform.TIKTOK).signal_label.styleSheet()


# --- charts -------------------------------------------------------------------------------


def test_the_charts_are_drawn_after_the_first_paint_and_not_before(qtbot, store: Store):
    add_known_creator(store)
    page = make_page(qtbot, store)
    assert not page.charts.started
    assert page.charts.followers_view is None and page.charts.engagement_view is None
    page.resize(1100, 1000)
    page.show()
    qtbot.waitExposed(page)
    assert page.wait_for_charts()
    assert page.charts.followers_view.figure is page.charts.followers_chart.figure
    assert page.charts.engagement_view.figure is page.charts.engagement_chart.figure
    assert len(page.charts.followers_chart.lines) == 3
    assert len(page.charts.engagement_chart.benchmarks) == 2  # Micro 4 %, Nano 8 %


def test_the_charts_are_made_and_first_drawn_off_the_window_thread(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
):
    import threading

    from matplotlib.figure import Figure

    add_known_creator(store)
    made_on: list[str] = []
    original = Figure.draw

    def counted(figure, renderer):
        made_on.append(threading.current_thread().name)
        return original(figure, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    page = shown_page(qtbot, store)
    qtbot.waitUntil(lambda: page.charts.followers_view.has_drawn)
    qtbot.waitUntil(lambda: page.charts.engagement_view.has_drawn)
    # Drawn off screen on workers (matplotlib's warm-up too), never again on screen.
    assert made_on and threading.main_thread().name not in made_on


def test_the_engagement_chart_waits_for_the_followers_chart_to_draw(qtbot, store: Store):
    """One chart's first draw at a time, so the window is never held up by both at once."""
    add_known_creator(store)
    page = make_page(qtbot, store)
    page.resize(1100, 1000)
    events: list[str] = []
    show_engagement = page.charts._show_engagement
    followers_drawn = page.charts._on_followers_drawn

    def asked() -> None:
        events.append("engagement asked for")
        show_engagement()

    def drawn() -> None:
        events.append("followers drawn")
        followers_drawn()

    page.charts._show_engagement = asked
    page.charts._on_followers_drawn = drawn
    page.show()
    qtbot.waitExposed(page)
    assert page.wait_for_charts()
    assert events[:2] == ["followers drawn", "engagement asked for"]


def test_toggling_an_account_hides_its_lines(qtbot, store: Store):
    ids = add_known_creator(store)
    page = shown_page(qtbot, store)
    page.charts.toggles.boxes[ids["tiktok"]].setChecked(False)
    followers, engagement = page.charts.followers_chart, page.charts.engagement_chart
    assert not followers.lines[ids["tiktok"]].get_visible()
    assert not engagement.lines[ids["tiktok"]].get_visible()
    assert followers.lines[ids["instagram"]].get_visible()
    assert followers.axes.get_ylim()[1] < 61_200  # fitted to what is left
    page.charts.toggles.boxes[ids["tiktok"]].setChecked(True)
    assert followers.lines[ids["tiktok"]].get_visible()


def test_the_charts_follow_a_reload(qtbot, store: Store):
    add_known_creator(store)
    page = shown_page(qtbot, store)
    account = add_account(store, "pinterest", "mayaeats")
    add_daily_followers(store, account, [900 + i for i in range(30)], NEWEST_DAY)
    page.context.notify_data_changed()
    assert page.wait_for_charts()
    assert len(page.charts.followers_chart.lines) == 4
    assert set(page.charts.toggles.boxes) == {c.account.id for c in page.account_cards}


def test_merely_building_the_page_imports_neither_matplotlib_nor_the_reports(tmp_path: Path):
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import date
        from PySide6.QtWidgets import QApplication
        from companion.store.database import open_store
        from companion.ui.context import AppContext
        from companion.ui.pages.dashboard import DashboardPage
        from tests.store.test_accounts import add_small_creator

        app = QApplication([])
        store = open_store({str(tmp_path / "companion.sqlite")!r})
        add_small_creator(store)
        page = DashboardPage(AppContext(store), today=lambda: date(2026, 11, 20))
        before = sorted(m for m in ("matplotlib", "companion.core.report") if m in sys.modules)
        page.resize(1100, 900)
        page.show()
        drawn = page.wait_for_charts()
        after = sorted(m for m in ("matplotlib", "companion.core.report") if m in sys.modules)
        print(before, drawn, after)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "[] True ['companion.core.report', 'matplotlib']"


# --- wording and small parts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (None, "No numbers from 30 days ago yet"),
        (Change(date(2026, 10, 21), NEWEST_DAY, 24_000, 24_000, 0), "No change in 30 days"),
        (Change(date(2026, 10, 21), NEWEST_DAY, 22_500, 24_000, 0), "+1,500 (+6.7 %) in 30 days"),
        (
            Change(date(2026, 10, 21), NEWEST_DAY, 1_000, 990, 0),
            "\u221210 (\u22121.0 %) in 30 days",
        ),
        (Change(date(2026, 10, 21), NEWEST_DAY, 0, 12, 0), "+12 in 30 days"),
    ],
)
def test_change_text(change: Change | None, text: str):
    assert change_text(change) == text


def test_missing_days_text():
    change = Change(date(2026, 10, 21), NEWEST_DAY, 1, 2, 1)
    assert missing_days_text(change) == "1 day missing"
    assert missing_days_text(None) == ""


def test_accounts_are_named_by_platform_and_by_handle_where_the_platform_repeats():
    accounts = [
        Account(1, Platform.INSTAGRAM, "nina"),
        Account(2, Platform.INSTAGRAM, "nina.travels"),
        Account(3, Platform.TIKTOK, "nina"),
    ]
    assert account_labels(accounts) == {
        1: "Instagram @nina",
        2: "Instagram @nina.travels",
        3: "TikTok",
    }


def test_no_account_is_drawn_in_the_benchmark_colour(qtbot, store: Store):
    page = make_page(qtbot, store)
    theme = chart_theme(page.palette())
    colours = [account_colour(theme, index) for index in range(12)]
    assert theme.benchmark not in colours
    assert len(set(colours[:6])) == 6  # the six accounts of a big record all differ


def test_the_sparkline_covers_the_reports_90_days():
    assert SPARKLINE_DAYS == core_report.SPARKLINE_DAYS


def test_sparkline_runs_break_where_a_day_is_missing():
    points = [(NEWEST_DAY - timedelta(days=d), 100 + d) for d in (6, 5, 4, 2, 1, 0)]
    assert [len(run) for run in runs(points)] == [3, 3]
    assert days_without_numbers(points) == 1
    assert sparkline_summary(points, 90) == (
        "Followers, last 90 days: 106 on 14 Nov 2026, 100 on 20 Nov 2026; 1 day without numbers."
    )
    assert sparkline_summary([], 90) == "No follower numbers in the last 90 days."


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


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 brands"), (1, "1 brand"), (2, "2 brands"), (1_204, "1,204 brands")]
)
def test_count_phrase(count: int, text: str):
    assert count_phrase(count, "brand") == text
