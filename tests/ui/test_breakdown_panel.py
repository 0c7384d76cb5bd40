"""Audience breakdowns on the Audience page: shown, entered, edited and removed, all undoable."""

from datetime import date

import pytest

from companion.core.audience import Dimension, make_breakdown
from companion.store.accounts import list_accounts
from companion.store.audience import breakdown_on, breakdowns_of, save_breakdown
from companion.store.database import Store, open_store
from companion.ui.breakdown_dialog import BreakdownDialog
from companion.ui.breakdown_panel import BreakdownPanel, shown_rows
from companion.ui.context import AppContext
from tests.store.test_accounts import add_account

TODAY = date(2026, 11, 20)
READ_ON = date(2026, 11, 6)


@pytest.fixture
def account_id(store: Store) -> int:
    return add_account(store, "instagram", "mayaeats")


@pytest.fixture
def panel(qtbot, store: Store, account_id: int) -> BreakdownPanel:
    panel = BreakdownPanel(AppContext(store), lambda: TODAY)
    qtbot.addWidget(panel)
    panel.show_account(list_accounts(store)[0])
    return panel


def countries(read_on: date = READ_ON):
    entries = [("US", 0.29), ("GB", 0.156), ("PT", 0.141), ("ES", 0.066)]
    return make_breakdown(Dimension.COUNTRY, read_on, entries, TODAY)


def typed(dialog: BreakdownDialog, *rows: tuple[str, str]) -> None:
    for (bucket_widget, share_edit), (bucket, share) in zip(dialog.rows, rows, strict=False):
        if bucket:
            bucket_widget.setText(bucket)
        share_edit.setText(share)


def test_without_breakdowns_each_dimension_says_it_is_not_entered(panel: BreakdownPanel):
    for column in panel.columns.values():
        assert column.breakdown is None
        assert column.empty_label.isVisibleTo(panel)
    assert panel.enter_button.isEnabled()


def test_the_latest_breakdown_of_each_dimension_is_shown_largest_first(
    qtbot, store: Store, account_id: int, panel: BreakdownPanel
):
    save_breakdown(store, account_id, countries(date(2026, 5, 1)))
    newer = countries()
    save_breakdown(store, account_id, newer)
    panel.show_account(panel.account)
    column = panel.columns[Dimension.COUNTRY]
    assert column.breakdown == newer
    assert column.caption.text() == "6 Nov 2026"
    assert column.bars.rows[0] == ("United States", 0.29)
    assert column.bars.rows[-1][0] == "Other"
    assert column.bars.rows[-1][1] == pytest.approx(1 - 0.653)
    # An older reading can be chosen.
    panel.date_combo.setCurrentIndex(panel.date_combo.findText("1 May 2026"))
    assert panel.columns[Dimension.COUNTRY].breakdown.read_on == date(2026, 5, 1)


def test_every_age_band_is_listed_and_only_the_unlisted_part_is_summed():
    bands = [("13-17", 0.03), ("18-24", 0.25), ("25-34", 0.39), ("35-44", 0.2)]
    bands += [("45-54", 0.07), ("55-64", 0.03), ("65+", 0.02)]
    rows = shown_rows(make_breakdown(Dimension.AGE, READ_ON, bands, TODAY))
    assert len(rows) == 8
    assert rows[-1][0] == "Not listed"


def test_entering_a_breakdown_saves_it_and_undo_removes_it(
    qtbot, store: Store, account_id: int, panel: BreakdownPanel
):
    dialog = panel.enter_breakdown(Dimension.COUNTRY)
    typed(dialog, ("Portugal", "41.5"), ("United States (US)", "30%"), ("br", "12,5"))
    assert dialog.save_button.isEnabled()
    assert dialog.total_label.text() == "Total 84.0% · 16.0% other"
    dialog.accept()
    saved = breakdown_on(store, account_id, Dimension.COUNTRY, TODAY)
    assert [(s.bucket, s.share) for s in saved.shares] == [
        ("PT", pytest.approx(0.415)),
        ("US", pytest.approx(0.3)),
        ("BR", pytest.approx(0.125)),
    ]
    assert panel.columns[Dimension.COUNTRY].breakdown == saved
    panel.context.undo_stack.undo()
    assert breakdowns_of(store, account_id) == []
    assert panel.columns[Dimension.COUNTRY].breakdown is None
    panel.context.undo_stack.redo()
    assert breakdowns_of(store, account_id) == [saved]


def test_age_and_gender_offer_their_fixed_buckets(panel: BreakdownPanel):
    dialog = panel.enter_breakdown(Dimension.GENDER)
    labels = [bucket.text() for bucket, _ in dialog.rows]
    assert labels == ["Female", "Male", "Other"]
    assert not dialog.add_row_button.isVisibleTo(dialog)
    dialog.dimension_combo.setCurrentIndex(list(Dimension).index(Dimension.AGE))
    assert [bucket.text() for bucket, _ in dialog.rows][:2] == ["13–17", "18–24"]
    dialog.reject()


def test_an_empty_dialog_only_disables_save_and_mistakes_name_the_row(panel: BreakdownPanel):
    dialog = panel.enter_breakdown(Dimension.GENDER)
    assert not dialog.save_button.isEnabled()
    assert not dialog.message.is_problem
    typed(dialog, ("", "sixty"))
    assert dialog.message.is_problem
    assert "Female: “sixty” is not a share" in dialog.message.text()
    typed(dialog, ("", "70"), ("", "40"))
    assert "add up to 110.0%" in dialog.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.reject()


def test_a_country_that_does_not_exist_is_refused(panel: BreakdownPanel):
    dialog = panel.enter_breakdown(Dimension.COUNTRY)
    typed(dialog, ("Atlantis", "20"))
    assert "“Atlantis” is not a country code" in dialog.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.reject()


def test_editing_shows_the_kept_shares_and_saving_replaces_them_undoably(
    qtbot, store: Store, account_id: int, panel: BreakdownPanel
):
    original = countries()
    save_breakdown(store, account_id, original)
    panel.show_account(panel.account)
    column = panel.columns[Dimension.COUNTRY]
    column.edit_action.trigger()
    dialog = panel.findChild(BreakdownDialog)
    assert dialog.read_on == READ_ON
    assert dialog.rows[0][0].text() == "United States (US)"
    assert dialog.rows[0][1].text() == "29"
    assert "saving replaces them" in dialog.note.text()
    dialog.rows[0][1].setText("31")
    dialog.accept()
    assert breakdown_on(store, account_id, Dimension.COUNTRY, READ_ON).shares[0].share == 0.31
    panel.context.undo_stack.undo()
    assert breakdown_on(store, account_id, Dimension.COUNTRY, READ_ON) == original


def test_removing_a_breakdown_is_undoable(store: Store, account_id: int, panel: BreakdownPanel):
    original = countries()
    save_breakdown(store, account_id, original)
    panel.show_account(panel.account)
    panel.columns[Dimension.COUNTRY].remove_action.trigger()
    assert breakdowns_of(store, account_id) == []
    panel.context.undo_stack.undo()
    assert breakdowns_of(store, account_id) == [original]


def test_a_read_only_record_shows_breakdowns_but_offers_no_edits(
    qtbot, db_path, store: Store, account_id: int
):
    save_breakdown(store, account_id, countries())
    store.close()
    with open_store(db_path, read_only=True) as read_only:
        panel = BreakdownPanel(AppContext(read_only), lambda: TODAY)
        qtbot.addWidget(panel)
        panel.show_account(list_accounts(read_only)[0])
        assert panel.columns[Dimension.COUNTRY].breakdown is not None
        assert not panel.enter_button.isEnabled()
        assert not panel.columns[Dimension.COUNTRY].menu_button.isVisibleTo(panel)
        assert panel.enter_breakdown() is None
