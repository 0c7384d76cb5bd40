"""The Subtitles page with the demo creator: the known files and their last check, opening, linking to a post, and the Posts page's badge."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from companion.core.subtitles.checks import Severity
from companion.core.subtitles.cues import Cue
from companion.demo import SUBTITLED_REEL_CAPTION, generate_demo, subtitle_path
from companion.store.accounts import list_accounts
from companion.store.database import open_store
from companion.store.posts import list_posts
from companion.store.subtitle_files import get_subtitle_file, list_subtitle_files
from companion.ui.context import AppContext
from companion.ui.pages import subtitles as subtitles_page
from companion.ui.pages.subtitles import SubtitlesPage, check_text
from companion.ui.post_model import POST_ID_ROLE, PostColumn
from companion.ui.subtitles import questions
from companion.ui.subtitles.cue_model import CueColumn
from companion.ui.subtitles.file_status import worst_severity
from companion.ui.subtitles.post_link import LinkChoice, LinkPostDialog
from companion.ui.subtitles.post_links import badge_tooltip, open_in_subtitles
from companion.ui.subtitles.preview import CuePreview, Run, styled_lines
from companion.ui.subtitles.questions import Unsaved
from tests.ui.subtitle_helpers import OPEN_TIMEOUT_MS, Answers, sample_copy

TODAY = date(2026, 11, 20)


@pytest.fixture
def demo_store(store):
    generate_demo(store, today=TODAY)
    return store


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


def shown_page(qtbot, store) -> SubtitlesPage:
    page = SubtitlesPage(AppContext(store))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def open_on(qtbot, page, path: Path) -> None:
    with qtbot.waitSignal(page.editor.file_opened, timeout=OPEN_TIMEOUT_MS):
        assert page.open_file(path)


def test_without_files_the_page_explains_and_offers_to_open_one(qtbot, store, monkeypatch):
    page = shown_page(qtbot, store)
    assert page.stack.currentWidget() is page.empty_state
    assert not page.files_panel.isVisible()
    asked = []
    monkeypatch.setattr(questions, "choose_subtitle_file", lambda *args: asked.append(args))
    page.open_button.click()
    assert len(asked) == 1


def test_the_demo_file_is_listed_and_its_check_kept_once_opened(qtbot, demo_store, answers):
    page = shown_page(qtbot, demo_store)
    item = page.file_list.item(0)
    assert item.text().splitlines() == [
        "pasteis-de-nata-reel.en.vtt",
        "Pastéis de nata at home (recipe reel)",
        "not checked yet",
        "linked to a post",
    ]
    with qtbot.waitSignal(page.editor.file_opened, timeout=OPEN_TIMEOUT_MS):
        page.file_list.itemClicked.emit(item)
    assert page.stack.currentWidget() is page.editor
    assert page.editor.model.rowCount() == 20
    [file] = list_subtitle_files(demo_store)
    assert file.last_check is not None and file.last_check.warnings == 2
    checked = file.last_checked.astimezone()
    assert check_text(file) == f"2 warnings · checked {checked.day} {checked:%b}"
    last_year = replace(file, last_checked=file.last_checked.replace(year=checked.year - 1))
    assert check_text(last_year).endswith(f"{checked:%b} {checked.year - 1}")
    assert page.file_list.item(0).text().splitlines()[2].startswith("2 warnings · checked")


def test_a_file_opened_from_elsewhere_joins_the_list(qtbot, demo_store, tmp_path, answers):
    page = shown_page(qtbot, demo_store)
    open_on(qtbot, page, sample_copy("sample.srt", tmp_path))
    assert [file.name for file in list_subtitle_files(demo_store)] == [
        "pasteis-de-nata-reel.en.vtt",
        "sample.srt",
    ]
    assert page.file_list.count() == 2 and page.count_label.text() == "2 files"


def test_a_read_only_record_opens_files_without_writing_to_it(qtbot, db_path, tmp_path, answers):
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as store:
        page = shown_page(qtbot, store)
        open_on(qtbot, page, sample_copy("sample.srt", tmp_path))
        assert page.editor.model.rowCount() == 5
        assert list_subtitle_files(store) == []
        assert not page.editor.toolbar.action_link.isEnabled()


def test_link_the_open_file_to_a_post_and_undo(qtbot, demo_store, tmp_path, answers, monkeypatch):
    page = shown_page(qtbot, demo_store)
    path = sample_copy("sample.vtt", tmp_path)
    open_on(qtbot, page, path)
    post = list_posts(demo_store)[3]
    monkeypatch.setattr(subtitles_page, "ask_for_post_link", lambda *args: LinkChoice(post.id))
    page.editor.toolbar.action_link.trigger()
    [file] = [file for file in list_subtitle_files(demo_store) if file.path == path]
    assert file.post_id == post.id
    assert "linked to a post" in page.file_list.item(1).text()
    page.context.undo_stack.undo()
    assert get_subtitle_file(demo_store, file.id).post_id is None


def test_the_link_dialog_finds_posts_by_caption_and_date_and_can_unlink(qtbot, demo_store):
    posts = list_posts(demo_store)
    [linked] = [post for post in posts if post.caption == SUBTITLED_REEL_CAPTION]
    dialog = LinkPostDialog("reel.vtt", list_accounts(demo_store), posts, linked.id)
    qtbot.addWidget(dialog)
    assert dialog.choice() == LinkChoice(linked.id), "the linked post is chosen to begin with"
    assert not dialog.unlink_button.isHidden()
    unlinked = LinkPostDialog("other.vtt", list_accounts(demo_store), posts, None)
    qtbot.addWidget(unlinked)
    assert unlinked.unlink_button.isHidden(), "a file linked to no post cannot be unlinked"
    dialog.search_field.setText("pastéis de nata at home")
    shown = [
        dialog.post_list.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(dialog.post_list.count())
    ]
    assert linked.id in shown and len(shown) < len(posts)
    day = linked.published_at.astimezone().date().isoformat()
    dialog.search_field.setText(day)
    assert dialog.post_list.count() >= 1
    dialog.unlink_button.click()
    assert dialog.choice() == LinkChoice(None)


def test_maybe_close_asks_about_unsaved_edits(qtbot, demo_store, answers):
    page = shown_page(qtbot, demo_store)
    open_on(qtbot, page, subtitle_path(demo_store))
    page.editor.model.setData(page.editor.model.index(0, CueColumn.TEXT), "Edited")
    answers.unsaved = Unsaved.CANCEL
    assert not page.maybe_close()
    answers.unsaved = Unsaved.DISCARD
    assert page.maybe_close()
    assert answers.asked == ["unsaved pasteis-de-nata-reel.en.vtt"] * 2


def test_posts_with_subtitles_show_a_badge_and_open_them(make_window, qtbot, db_path, answers):
    with open_store(db_path) as store:
        generate_demo(store, today=TODAY)
        [file] = list_subtitle_files(store)
    window = make_window()
    window.show_page("posts")
    posts = window.page("posts")
    proxy = posts.proxy
    rows = [
        row
        for row in range(proxy.rowCount())
        if proxy.index(row, 0).data(POST_ID_ROLE) == file.post_id
    ]
    [row] = rows
    index = proxy.index(row, PostColumn.CAPTION)
    assert [f.name for f in posts.subtitle_badges.files_of(index)] == [file.name]
    assert posts.subtitle_badges.files_of(proxy.index((row + 1) % proxy.rowCount(), 3)) == []
    assert badge_tooltip([file]) == f"Subtitles:\n{file.name}: not checked yet"
    assert open_in_subtitles(posts, file.path)
    page = window.page("subtitles")
    qtbot.waitUntil(lambda: page.editor.session is not None, timeout=OPEN_TIMEOUT_MS)
    assert window.current_page_key() == "subtitles"
    assert page.editor.session.path == file.path
    posts.subtitle_badges.reload()  # the Posts page reloads when it is shown again
    [checked] = posts.subtitle_badges.files_of(index)
    assert checked.last_check == page.editor.findings.summary
    assert f"{file.name}: {check_text(checked)}" in badge_tooltip([checked])
    assert "warning" in check_text(checked)
    assert worst_severity(checked) is Severity.WARNING


def test_ctrl_o_on_the_page_opens_a_subtitle_file_not_a_database(make_window, qtbot, monkeypatch):
    window = make_window()
    window.show_page("subtitles")
    page = window.page("subtitles")
    asked = []
    monkeypatch.setattr(questions, "choose_subtitle_file", lambda *args: asked.append(args))
    page.open_button.setFocus()
    qtbot.keyClick(page.open_button, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1


def test_styled_lines_keep_italics_across_lines_and_drop_other_tags():
    assert styled_lines("<i>Hello\n<c.yellow>there</c></i> &amp; more") == [
        [Run("Hello", italic=True)],
        [Run("there", italic=True), Run(" & more")],
    ]


def bright_rows(image: QImage) -> list[int]:
    """The rows of the picture where white subtitle text is drawn."""
    inset = 8  # the frame's rounded corners show the window behind them
    return [
        y
        for y in range(inset, image.height() - inset)
        if any(
            image.pixelColor(x, y).lightness() > 240 for x in range(inset, image.width() - inset, 2)
        )
    ]


@pytest.mark.parametrize(("settings", "at_top"), [("", False), ("line:0", True)])
def test_the_preview_draws_the_cue_where_its_settings_put_it(qtbot, settings, at_top):
    preview = CuePreview()
    qtbot.addWidget(preview)
    preview.resize(320, 180)
    preview.show_cue(Cue(0, 1_000, "Hello there", settings=settings))
    rows = bright_rows(preview.grab().toImage())
    assert rows, "the text is drawn"
    middle = (min(rows) + max(rows)) / 2
    assert (middle < 60) is at_top and (middle > 120) is not at_top


def test_edit_find_opens_the_find_bar_once_a_file_is_open(qtbot, demo_store, answers):
    page = shown_page(qtbot, demo_store)
    said = []
    page.context.status_message.connect(said.append)
    page.find()
    assert said == ["Open a subtitle file to find and replace in it."]
    open_on(qtbot, page, subtitle_path(demo_store))
    page.find()
    assert page.editor.find_bar.isVisible() and page.editor.find_bar.find_field.hasFocus()
