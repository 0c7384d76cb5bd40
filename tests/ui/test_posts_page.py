"""The Posts page: loading when shown, filters, Find, and add, edit, delete with undo; the post form."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, QItemSelectionModel, Qt

from companion.core.accounts import Snapshot
from companion.core.posts import Post, PostKind
from companion.demo import generate_demo
from companion.store.database import Store, open_store
from companion.store.posts import add_post, get_post, list_posts
from companion.ui import post_dialog
from companion.ui.context import AppContext
from companion.ui.pages import posts as posts_page
from companion.ui.pages.posts import NO_ACCOUNTS_BODY, NO_POSTS_BODY, PostsPage
from companion.ui.post_commands import AddPost
from companion.ui.post_dialog import (
    FUTURE_POST,
    NEGATIVE_COUNT,
    NOT_A_COUNT,
    NOT_A_LINK,
    PostDialog,
)
from companion.ui.post_model import PostColumn, RowMaker, load_posts
from companion.ui.snapshot_commands import save_day
from tests.store.test_accounts import add_account, add_daily_followers

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SELECT_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


@pytest.fixture
def nina(store: Store) -> int:
    """One Instagram account with 30 days of 2,000 followers up to TODAY; returns its id."""
    account_id = add_account(store, "instagram", "nina.eats")
    add_daily_followers(store, account_id, [2_000] * 30, TODAY)
    return account_id


def a_post(account_id: int, **fields: object) -> Post:
    values: dict[str, object] = {
        "account_id": account_id,
        "published_at": datetime(2026, 11, 10, 18, 0, tzinfo=UTC),
        "kind": PostKind.REEL,
        "caption": "Pastéis de nata at home",
        "likes": 100,
        "comments": 20,
    }
    values.update(fields)
    return Post(**values)  # type: ignore[arg-type]


def shown_page(qtbot, store: Store) -> PostsPage:
    page = PostsPage(AppContext(store))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    assert not page.stale
    return page


def answer_form_with(monkeypatch: pytest.MonkeyPatch, answer: Post | None) -> list[Post | None]:
    """Replace the post form: it returns `answer`; the list records the post each call edited."""
    asked: list[Post | None] = []

    def ask(parent, accounts, maker, post=None, account_id=None):
        asked.append(post)
        return answer

    monkeypatch.setattr(post_dialog, "ask_for_post", ask)
    return asked


def answer_confirm_with(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[int]:
    counts: list[int] = []

    def confirm(parent, count):
        counts.append(count)
        return answer

    monkeypatch.setattr(posts_page, "confirm_delete", confirm)
    return counts


def select_posts(page: PostsPage, *post_ids: int) -> None:
    selection = page.table.selectionModel()
    selection.clear()
    for post_id in post_ids:
        index = page.proxy.mapFromSource(page.model.index(page.model.position_of(post_id), 0))
        selection.select(index, SELECT_ROWS)


def shown_text(page: PostsPage, post_id: int, column: PostColumn) -> str:
    position = page.model.position_of(post_id)
    return page.model.data(page.model.index(position, column))


def stored(store: Store) -> list[Post]:
    return sorted(list_posts(store), key=lambda p: p.id or 0)


# --- loading and showing --------------------------------------------------------------------


def test_posts_are_read_when_the_page_is_first_shown_not_when_it_is_built(qtbot, store, nina):
    add_post(store, a_post(nina))
    page = PostsPage(AppContext(store))
    qtbot.addWidget(page)
    assert page.stale and page.model.rowCount() == 0
    page.show()
    assert not page.stale
    assert page.model.rowCount() == 1
    assert page.title == "Posts"


def test_the_demo_record_shows_every_post_with_its_rates(qtbot, store):
    generate_demo(store, today=TODAY)
    page = shown_page(qtbot, store)
    assert page.model.rowCount() == page.proxy.rowCount() == 400
    assert page.count_label.text() == "400 posts"
    assert page.stack.currentWidget() is page.table
    first = page.proxy.index(0, PostColumn.ER_FOLLOWERS)
    assert page.proxy.data(first).endswith(" %")
    assert page.account_combo.count() == 4  # All accounts + Instagram, TikTok, YouTube


def test_a_record_change_while_hidden_is_read_when_shown_again(qtbot, store, nina):
    page = shown_page(qtbot, store)
    page.hide()
    add_post(store, a_post(nina))
    page.context.notify_data_changed()
    assert page.stale and page.model.rowCount() == 0
    page.show()
    assert not page.stale
    assert page.model.rowCount() == 1


def test_new_follower_counts_are_read_again_for_er_by_followers(qtbot, store, nina):
    post = add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    assert shown_text(page, post.id, PostColumn.ER_FOLLOWERS) == "6.0 %"
    save_day(page.context, Snapshot(nina, date(2026, 11, 10), 4_000))
    assert shown_text(page, post.id, PostColumn.ER_FOLLOWERS) == "3.0 %"


def test_without_accounts_the_empty_state_says_posts_need_an_account(qtbot, store):
    page = shown_page(qtbot, store)
    assert page.stack.currentWidget() is page.empty_state
    assert page.empty_state.body_label.text() == NO_ACCOUNTS_BODY
    assert page.empty_add_button.isHidden()
    assert not page.filter_bar.isVisible()


def test_without_posts_the_empty_state_offers_add_post(qtbot, store, nina, monkeypatch):
    page = shown_page(qtbot, store)
    assert page.stack.currentWidget() is page.empty_state
    assert page.empty_state.body_label.text() == NO_POSTS_BODY
    assert page.empty_add_button.text() == "Add post…"
    assert page.empty_add_button.isVisible() and page.empty_add_button.isEnabled()
    answer_form_with(monkeypatch, a_post(nina))
    page.empty_add_button.click()
    assert page.stack.currentWidget() is page.table
    assert page.model.rowCount() == 1


def test_a_read_only_database_shows_posts_but_allows_no_change(qtbot, db_path, monkeypatch):
    with open_store(db_path) as writable:
        account_id = add_account(writable, "instagram", "nina.eats")
        add_post(writable, a_post(account_id))
    store = open_store(db_path, read_only=True)
    try:
        page = shown_page(qtbot, store)
        assert page.model.rowCount() == 1
        assert page.read_only_note.isVisible()
        for button in (page.add_button, page.edit_button, page.delete_button):
            assert not button.isEnabled()
        answer_form_with(monkeypatch, a_post(account_id, likes=1))
        answer_confirm_with(monkeypatch, True)
        select_posts(page, 1)
        page.add_post()
        page.edit_selected()
        page.delete_selected()
        assert len(list_posts(store)) == 1
        assert page.context.undo_stack.count() == 0
    finally:
        store.close()


def test_no_matches_says_so_and_shows_all_again(qtbot, store, nina):
    add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    page.search_field.setText("croissant")
    assert page.stack.currentIndex() == 2
    assert page.count_label.text() == "0 of 1 post"
    page.clear_filters_button.click()
    assert page.stack.currentWidget() is page.table
    assert page.count_label.text() == "1 post"


def test_the_combos_filter_by_account_and_kind(qtbot, store, nina):
    tiktok = add_account(store, "tiktok", "ninaeats")
    add_post(store, a_post(nina, kind=PostKind.REEL))
    add_post(store, a_post(tiktok, kind=PostKind.VIDEO))
    add_post(store, a_post(nina, kind=PostKind.CAROUSEL, caption="Lisbon"))
    page = shown_page(qtbot, store)
    page.account_combo.setCurrentIndex(page.account_combo.findData(nina))
    assert page.proxy.rowCount() == 2
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(PostKind.CAROUSEL.value))
    assert page.proxy.rowCount() == 1
    assert page.count_label.text() == "1 of 3 posts"


def test_clicking_a_header_sorts_by_that_column(qtbot, store, nina):
    for likes in (5, 50, None, 20):
        add_post(store, a_post(nina, likes=likes, comments=None))
    page = shown_page(qtbot, store)
    page.table.sortByColumn(PostColumn.ER_FOLLOWERS, Qt.SortOrder.DescendingOrder)
    shown = [page.proxy.index(row, PostColumn.ER_FOLLOWERS).data() for row in range(4)]
    assert shown == ["2.5 %", "1.0 %", "0.2 %", "—"]


def test_a_hidden_column_stays_hidden_next_time(qtbot, store, nina):
    page = shown_page(qtbot, store)
    page._show_column(PostColumn.IMPRESSIONS, False)
    again = shown_page(qtbot, store)
    assert again.table.horizontalHeader().isSectionHidden(PostColumn.IMPRESSIONS)
    assert not again.table.horizontalHeader().isSectionHidden(PostColumn.REACH)


def test_find_focuses_and_selects_the_search_field(qtbot, store, nina):
    add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    page.search_field.setText("nata")
    page.table.setFocus()
    assert page.can_find()
    page.find()
    assert page.focusWidget() is page.search_field
    assert page.search_field.selectedText() == "nata"


def test_edit_find_in_the_window_searches_the_posts(make_window, db_path):
    with open_store(db_path) as store:
        account_id = add_account(store, "instagram", "nina.eats")
        add_post(store, a_post(account_id))
    window = make_window()
    window.show_page("posts")
    page = window.page("posts")
    assert not page.stale
    assert window.action_find.isEnabled()
    window.action_find.trigger()
    assert window.focusWidget() is page.search_field


# --- adding, editing, deleting with undo ---------------------------------------------------------


def test_adding_a_post_saves_it_shows_it_and_undo_and_redo_restore_exactly(
    qtbot, store, nina, monkeypatch
):
    page = shown_page(qtbot, store)
    answer_form_with(monkeypatch, a_post(nina))
    page.add_button.click()
    [added] = stored(store)
    assert added == a_post(nina, id=added.id)
    assert page.model.position_of(added.id) is not None
    assert page.selected_rows()[0].post_id == added.id
    stack = page.context.undo_stack
    assert stack.undoText() == "Add “Pastéis de nata at home”"
    stack.undo()
    assert stored(store) == [] and page.model.rowCount() == 0
    stack.redo()
    assert stored(store) == [added]
    assert page.model.rowCount() == 1


def test_editing_likes_recomputes_the_rates_and_undo_puts_the_numbers_back(
    qtbot, store, nina, monkeypatch
):
    original = add_post(store, a_post(nina, reach=1_000, views=4_000))
    page = shown_page(qtbot, store)
    assert shown_text(page, original.id, PostColumn.ER_FOLLOWERS) == "6.0 %"
    grown = replace(original, likes=380)
    answer_form_with(monkeypatch, grown)
    select_posts(page, original.id)
    page.edit_button.click()
    assert get_post(store, original.id) == grown
    assert shown_text(page, original.id, PostColumn.LIKES) == "380"
    assert shown_text(page, original.id, PostColumn.ER_FOLLOWERS) == "20.0 %"
    assert shown_text(page, original.id, PostColumn.ER_REACH) == "40.0 %"
    assert shown_text(page, original.id, PostColumn.ER_VIEWS) == "10.0 %"
    page.context.undo_stack.undo()
    assert get_post(store, original.id) == original
    assert shown_text(page, original.id, PostColumn.ER_FOLLOWERS) == "6.0 %"
    page.context.undo_stack.redo()
    assert get_post(store, original.id) == grown


def test_double_click_edits_the_post(qtbot, store, nina, monkeypatch):
    original = add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    asked = answer_form_with(monkeypatch, None)
    page.table.doubleClicked.emit(page.proxy.index(0, PostColumn.CAPTION))
    assert asked == [original]
    assert page.context.undo_stack.count() == 0


def test_an_edit_that_changes_nothing_leaves_no_undo_entry(qtbot, store, nina, monkeypatch):
    original = add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    answer_form_with(monkeypatch, original)
    page.edit_post(original)
    assert page.context.undo_stack.count() == 0


def test_deleting_one_post_does_not_ask_and_undo_puts_it_back_with_its_id(
    qtbot, store, nina, monkeypatch
):
    kept = add_post(store, a_post(nina, caption="kept"))
    gone = add_post(store, a_post(nina, caption="gone", shares=3, url="https://x.test/p/1"))
    page = shown_page(qtbot, store)
    asked = answer_confirm_with(monkeypatch, False)
    select_posts(page, gone.id)
    page.delete_button.click()
    assert asked == []
    assert stored(store) == [kept]
    assert page.model.position_of(gone.id) is None
    page.context.undo_stack.undo()
    assert stored(store) == [kept, gone]
    assert shown_text(page, gone.id, PostColumn.CAPTION) == "gone"


def test_deleting_several_asks_first_and_cancelling_deletes_nothing(
    qtbot, store, nina, monkeypatch
):
    posts = [add_post(store, a_post(nina, caption=f"post {i}")) for i in range(4)]
    page = shown_page(qtbot, store)
    asked = answer_confirm_with(monkeypatch, False)
    select_posts(page, posts[0].id, posts[1].id, posts[3].id)
    page.delete_selected()
    assert asked == [3]
    assert stored(store) == posts
    assert page.context.undo_stack.count() == 0


def test_deleting_several_then_undo_and_redo_restore_exactly(qtbot, store, nina, monkeypatch):
    posts = [add_post(store, a_post(nina, caption=f"post {i}", likes=i)) for i in range(4)]
    page = shown_page(qtbot, store)
    answer_confirm_with(monkeypatch, True)
    select_posts(page, posts[0].id, posts[1].id, posts[3].id)
    page.delete_selected()
    assert stored(store) == [posts[2]]
    assert page.model.rowCount() == 1
    stack = page.context.undo_stack
    assert stack.undoText() == "Delete 3 posts"
    stack.undo()
    assert stored(store) == posts
    assert page.model.rowCount() == 4
    stack.redo()
    assert stored(store) == [posts[2]]


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_the_delete_key_deletes_the_selected_post(qtbot, store, nina, key):
    post = add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    select_posts(page, post.id)
    qtbot.keyClick(page.table, key)
    assert stored(store) == []


def test_return_edits_the_selected_post(qtbot, store, nina, monkeypatch):
    post = add_post(store, a_post(nina))
    page = shown_page(qtbot, store)
    asked = answer_form_with(monkeypatch, None)
    select_posts(page, post.id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert asked == [post]


def test_a_change_that_cannot_be_saved_leaves_no_undo_entry(qtbot, db_path):
    with open_store(db_path) as writable:
        account_id = add_account(writable, "instagram", "nina.eats")
    store = open_store(db_path, read_only=True)
    try:
        context = AppContext(store)
        messages: list[str] = []
        context.status_message.connect(messages.append)
        assert not AddPost(context, a_post(account_id)).push()
        assert context.undo_stack.count() == 0
        assert messages and messages[0].startswith("Not saved:")
    finally:
        store.close()


# --- the post form -----------------------------------------------------------------------------


@pytest.fixture
def maker(store: Store, nina: int) -> RowMaker:
    return load_posts(store)[0]


def make_dialog(qtbot, maker: RowMaker, post: Post | None = None) -> PostDialog:
    dialog = PostDialog(list(maker.accounts.values()), maker, post, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_form_builds_the_post_as_typed(qtbot, maker, nina):
    dialog = make_dialog(qtbot, maker)
    dialog.published_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(NOW.timestamp()) - 3600))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("carousel"))
    dialog.caption_edit.setPlainText("  Ginjinha tasting  ")
    dialog.link_edit.setText("https://www.instagram.com/p/abc/")
    dialog.count_edits["likes"].setText("1,234")
    dialog.count_edits["views"].setText("1.2K")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.post() == Post(
        account_id=nina,
        published_at=NOW - timedelta(hours=1),
        kind=PostKind.CAROUSEL,
        caption="Ginjinha tasting",
        url="https://www.instagram.com/p/abc/",
        likes=1_234,
        views=1_200,
    )
    assert dialog.rates_label.text().startswith("ER by followers 61.7 %")


@pytest.mark.parametrize(
    ("field", "text", "problem"),
    [
        ("likes", "-5", NEGATIVE_COUNT),
        ("saves", "lots", NOT_A_COUNT),
        ("reach", "12.5", NOT_A_COUNT),
    ],
)
def test_bad_numbers_are_refused_at_the_field(qtbot, maker, field, text, problem):
    dialog = make_dialog(qtbot, maker)
    dialog.count_edits[field].setText(text)
    assert dialog.errors[field].isVisible()
    assert dialog.errors[field].text() == f"⚠ {problem}"
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.post() is None
    dialog.count_edits[field].setText("")
    assert not dialog.errors[field].isVisible()


def test_a_future_time_and_a_link_without_https_are_refused(qtbot, maker):
    dialog = make_dialog(qtbot, maker)
    dialog.published_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(NOW.timestamp()) + 86_400))
    dialog.link_edit.setText("instagram.com/p/abc")
    assert dialog.problems() == {"published": FUTURE_POST, "link": NOT_A_LINK}
    assert dialog.post() is None


def test_refused_input_through_the_page_writes_nothing(qtbot, store, nina, monkeypatch):
    page = shown_page(qtbot, store)

    def fill_in_badly(parent, accounts, maker, post=None, account_id=None):
        dialog = PostDialog(accounts, maker, post, parent, now=NOW)
        dialog.count_edits["likes"].setText("-3")
        dialog.accept()
        accepted = dialog.result() == dialog.DialogCode.Accepted
        return dialog.post() if accepted else None

    monkeypatch.setattr(post_dialog, "ask_for_post", fill_in_badly)
    page.add_post()
    assert stored(store) == []
    assert page.context.undo_stack.count() == 0


def test_a_post_before_the_first_follower_count_is_allowed_with_a_note(qtbot, maker, nina):
    early = a_post(nina, published_at=datetime(2025, 6, 1, 9, 0, tzinfo=UTC), id=7)
    dialog = make_dialog(qtbot, maker, early)
    assert dialog.follower_label.isVisible()
    assert "before the account's first follower count (22 Oct 2026)" in dialog.follower_label.text()
    assert "will show “—”" in dialog.follower_label.text()
    assert dialog.post() == early
    dialog.published_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(NOW.timestamp()) - 60))
    assert not dialog.follower_label.isVisible()


def test_editing_without_changes_gives_back_the_same_post(qtbot, maker, nina):
    stored_post = a_post(
        nina,
        id=3,
        published_at=datetime(2026, 11, 10, 18, 0, 42, 123456, tzinfo=UTC),
        platform_post_id="C1",
        source="csv",
        views=None,
    )
    dialog = make_dialog(qtbot, maker, stored_post)
    assert dialog.count_edits["likes"].text() == "100"
    assert dialog.post() == stored_post


def test_the_form_starts_on_the_account_asked_for(qtbot, store, nina):
    other = add_account(store, "tiktok", "ninaeats")
    maker = load_posts(store)[0]
    dialog = PostDialog(list(maker.accounts.values()), maker, account_id=other, now=NOW)
    qtbot.addWidget(dialog)
    assert dialog.account_id() == other
    assert "no follower counts yet" in dialog.follower_label.text()
