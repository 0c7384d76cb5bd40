"""The Media Kit page: empty state, choices and profile remembered, live preview, Export PDF…"""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from companion.cli import main
from companion.core.mediakit_profile import (
    MOST_TOP_POSTS,
    ChosenPost,
    KitProfile,
    KitSection,
    Paper,
)
from companion.demo import generate_demo
from companion.exit_codes import EXIT_OK
from companion.store.database import Store, open_store
from companion.store.mediakit import load_choices, load_profile, save_profile
from companion.ui.context import AppContext
from companion.ui.pages.mediakit import NO_ACCOUNTS_BODY, MediaKitPage
from tests.exporters.mediakit_data import pdf_text

WAIT_MS = 15_000


@pytest.fixture
def demo_store(store: Store) -> Store:
    generate_demo(store)
    return store


def shown_page(qtbot, store: Store) -> MediaKitPage:
    page = MediaKitPage(AppContext(store))
    qtbot.addWidget(page)
    page.resize(1300, 860)
    page.show()
    qtbot.waitExposed(page)
    return page


def wait_for_pages(qtbot, page: MediaKitPage, count: int | None = None) -> None:
    def drawn() -> None:
        status = page.preview_status.text()
        assert page.page_images and " · figures as of " in status
        assert count is None or (len(page.page_images) == count and status.startswith(f"{count} "))

    qtbot.waitUntil(drawn, timeout=WAIT_MS)


def section_item(page: MediaKitPage, section: KitSection):
    rows = page.section_list
    return next(
        rows.item(i)
        for i in range(rows.count())
        if rows.item(i).data(Qt.ItemDataRole.UserRole) == section.value
    )


def test_without_accounts_the_page_says_what_a_kit_needs(qtbot, store):
    page = shown_page(qtbot, store)
    assert page.stack.currentWidget() is page.empty_state
    assert page.empty_state.body_label.text() == NO_ACCOUNTS_BODY
    assert not page.export_button.isVisible()


def test_the_preview_shows_the_kits_two_pages(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    wait_for_pages(qtbot, page, 2)
    assert "2 pages · A4" in page.preview_status.text()
    assert page.pages_layout.count() == 2
    image = page.page_images[0]
    assert image.height() > image.width()


def test_choices_are_remembered_and_redraw_the_preview(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    wait_for_pages(qtbot, page, 2)
    charts = (KitSection.FOLLOWERS_CHART, KitSection.ENGAGEMENT_CHART)
    extras = (KitSection.RATE_CARD, KitSection.TESTIMONIALS)
    for section in (KitSection.AUDIENCE, KitSection.TOP_POSTS, *charts, *extras):
        section_item(page, section).setCheckState(Qt.CheckState.Unchecked)
    page.theme_combo.setCurrentIndex(page.theme_combo.findData("midnight"))
    page.paper_combo.setCurrentIndex(page.paper_combo.findData("letter"))
    page.refresh()
    choices = load_choices(demo_store)
    assert KitSection.AUDIENCE not in choices.sections
    assert (choices.theme, choices.paper) == ("midnight", Paper.LETTER)
    wait_for_pages(qtbot, page, 1)
    again = shown_page(qtbot, demo_store)
    assert again.theme_combo.currentData() == "midnight"
    assert section_item(again, KitSection.AUDIENCE).checkState() == Qt.CheckState.Unchecked


def test_unticking_an_account_leaves_it_out_of_the_kit(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    page.account_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    page.refresh()
    assert len(page.kit.platforms) == 2
    assert load_choices(demo_store).accounts is not None


def test_profile_edits_are_kept_and_printed(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    page.tabs.setCurrentWidget(page.profile_form)
    page.profile_form.niche_field.clear()
    qtbot.keyClicks(page.profile_form.niche_field, "Food & travel")
    page.profile_form.bio_field.setPlainText("Markets and kitchens, honestly reviewed.")
    page.refresh()
    assert load_profile(demo_store).niche == "Food & travel"
    assert page.kit.profile.bio == "Markets and kitchens, honestly reviewed."


def test_a_price_that_is_not_a_number_is_named_and_left_out(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    form = page.rates_form
    kept = load_profile(demo_store).rate_card
    form.add_button.click()
    row = form.table.rowCount() - 1
    for column, text in enumerate(("Instagram Reel", "lots", "USD", "")):
        form.table.item(row, column).setText(text)
    page.refresh()
    assert f"Rate card, row {row + 1}: the price 'lots' is not a number." in page.message.text()
    assert load_profile(demo_store).rate_card == kept


def test_at_most_three_posts_can_be_picked(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    rows = page.posts_form.list
    for index in range(MOST_TOP_POSTS + 1):
        rows.item(index).setCheckState(Qt.CheckState.Checked)
    assert len(page.posts_form.checked_ids()) == MOST_TOP_POSTS
    assert "untick one first" in page.posts_form.note.text()
    page.refresh()
    picked = [p.post_id for p in load_profile(demo_store).top_posts]
    assert picked == page.posts_form.checked_ids()
    assert len(page.kit.top_posts) == MOST_TOP_POSTS


def test_export_writes_the_same_file_as_the_command_line(qtbot, demo_store, tmp_path, monkeypatch):
    target = tmp_path / "from the window.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    page = shown_page(qtbot, demo_store)
    page.export_button.click()
    qtbot.waitUntil(lambda: page.export_worker is None and target.exists(), timeout=WAIT_MS)
    assert "Saved" in page.message.text()
    from_cli = tmp_path / "from the command line.pdf"
    code = main(["mediakit", "--db", str(demo_store.path), "-o", str(from_cli)])
    assert code == EXIT_OK
    assert target.read_bytes() == from_cli.read_bytes()
    assert "Figures as of" in pdf_text(target)


def test_an_export_that_cannot_be_written_says_so(qtbot, demo_store, tmp_path, monkeypatch):
    target = tmp_path / "missing folder" / "kit.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    page = shown_page(qtbot, demo_store)
    page.export_pdf()
    qtbot.waitUntil(lambda: page.export_worker is None, timeout=WAIT_MS)
    assert "was not saved" in page.message.text() and "kit.pdf" in page.message.text()
    assert page.export_button.isEnabled()


def test_read_only_previews_and_exports_but_keeps_nothing(qtbot, demo_store, db_path: Path):
    demo_store.close()
    with open_store(db_path, read_only=True) as reader:
        page = shown_page(qtbot, reader)
        assert page.read_only_note.isVisible()
        page.theme_combo.setCurrentIndex(page.theme_combo.findData("editorial"))
        page.refresh()
        assert load_choices(reader).theme == "fresh"
        assert page.kit is not None and page.kit.platforms
        wait_for_pages(qtbot, page)


def test_a_chosen_photo_is_kept_and_printed(qtbot, demo_store, tmp_path, monkeypatch):
    photo = tmp_path / "me.png"
    picture = QImage(400, 400, QImage.Format.Format_RGB32)
    picture.fill(QColor("#C08040"))
    assert picture.save(str(photo))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), "Images"))
    page = shown_page(qtbot, demo_store)
    page.profile_form.photo_button.click()
    assert not page.profile_form.photo_label.pixmap().isNull()
    page.refresh()
    assert load_profile(demo_store).photo_path == str(photo)
    page.profile_form.remove_photo_button.click()
    page.refresh()
    assert load_profile(demo_store).photo_path is None


def test_a_picture_for_a_post_ticks_it(qtbot, demo_store, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("/pics/market.jpg", ""))
    page = shown_page(qtbot, demo_store)
    rows = page.posts_form.list
    rows.setCurrentRow(1)
    page.posts_form.picture_button.click()
    assert "[picture]" in rows.item(1).text()
    page.refresh()
    (pick,) = load_profile(demo_store).top_posts
    assert pick == ChosenPost(rows.item(1).data(Qt.ItemDataRole.UserRole), "/pics/market.jpg")


def test_opening_the_page_keeps_picks_it_does_not_list(qtbot, demo_store):
    old = ChosenPost(1, "/pics/first-post.jpg")
    save_profile(demo_store, KitProfile(name="Nina", top_posts=(old,)))
    page = shown_page(qtbot, demo_store)
    page.refresh()
    assert load_profile(demo_store).top_posts == (old,)


def test_the_pages_fit_the_preview_without_a_sideways_scroll(qtbot, demo_store):
    page = shown_page(qtbot, demo_store)
    assert page.wait_for_charts()
    page.resize(1100, 800)
    ratio = page.devicePixelRatioF()

    def fitted() -> None:
        # The pages are drawn again for the new width a moment after the resize.
        assert page.wait_for_charts() and page.page_images
        assert page.page_images[0].width() / ratio <= page.preview.viewport().width()
        assert not page.preview.horizontalScrollBar().isVisible()

    qtbot.waitUntil(fitted, timeout=WAIT_MS)
