"""The Settings page: each change is saved at once, shown inline when refused, and undoable."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl

from companion.core.settings import CUSTOM_PRESET, Settings
from companion.core.tiers import Tier, TierThresholds
from companion.store.backup import list_backups
from companion.store.database import Store, open_store
from companion.store.errors import StoreError
from companion.store.settings import load_settings
from companion.ui.context import AppContext
from companion.ui.pages import settings as settings_module
from companion.ui.pages.dashboard import DashboardPage
from companion.ui.pages.settings import SettingsPage, describe_backup_reason
from tests.store.test_accounts import NEWEST_DAY, add_account, add_daily_followers


@pytest.fixture
def context(store: Store) -> AppContext:
    return AppContext(store)


@pytest.fixture
def page(qtbot, context: AppContext) -> SettingsPage:
    built = SettingsPage(context)
    qtbot.addWidget(built)
    return built


def choose_preset(page: SettingsPage, preset_id: str) -> None:
    """What picking an entry in the combo does (activated is only emitted for the user's pick)."""
    combo = page.tiers.preset_combo
    index = combo.findData(preset_id)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def set_thresholds(page: SettingsPage, **values: int) -> None:
    for tier_name, value in values.items():
        page.tiers.spin_boxes[Tier(tier_name)].setValue(value)


def tick_country(page: SettingsPage, code: str, checked: bool = True) -> None:
    """What clicking a country's tick box does: the list view sets the check state."""
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    model = page.countries.model
    model.setData(model.index_of(code), state.value, Qt.ItemDataRole.CheckStateRole)


def check_state(page: SettingsPage, code: str) -> Qt.CheckState:
    model = page.countries.model
    return Qt.CheckState(model.data(model.index_of(code), Qt.ItemDataRole.CheckStateRole))


def can_tick(page: SettingsPage, code: str) -> bool:
    model = page.countries.model
    flags = model.flags(model.index_of(code))
    return bool(flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsUserCheckable)


def test_the_page_shows_the_saved_settings(qtbot, store: Store):
    context = AppContext(store)
    context.update_settings(
        Settings(tier_preset="micro-10k-80k", currency="EUR", target_countries=("PT", "US"))
    )
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.title == "Settings"
    assert page.tiers.preset_combo.currentData() == "micro-10k-80k"
    assert page.tiers.spin_boxes[Tier.MACRO].value() == 80_000
    assert "Shopping Links" in page.tiers.source_label.text()
    assert page.currency.combo.currentText() == "EUR"
    assert page.currency.name_label.text() == "Euro"
    assert page.countries.summary_label.text().startswith("PT, US")
    assert check_state(page, "PT") == Qt.CheckState.Checked


def test_presets_are_offered_with_their_source_and_custom_last(page: SettingsPage):
    combo = page.tiers.preset_combo
    ids = [combo.itemData(i) for i in range(combo.count())]
    assert ids == ["standard", "micro-1k-100k", "micro-10k-80k", CUSTOM_PRESET]
    assert "GRIN" in combo.itemData(0, Qt.ItemDataRole.ToolTipRole)


def test_threshold_fields_are_editable_only_for_custom(page: SettingsPage):
    assert not any(box.isEnabled() for box in page.tiers.spin_boxes.values())
    choose_preset(page, CUSTOM_PRESET)
    assert all(box.isEnabled() for box in page.tiers.spin_boxes.values())
    choose_preset(page, "standard")
    assert not any(box.isEnabled() for box in page.tiers.spin_boxes.values())


def test_threshold_fields_show_thousands_separators(page: SettingsPage):
    assert page.tiers.spin_boxes[Tier.MEGA].text() == "1,000,000 followers"


def test_the_example_line_follows_the_thresholds(page: SettingsPage):
    assert page.tiers.example_label.text() == "An account with 24,000 followers is Micro."
    choose_preset(page, CUSTOM_PRESET)
    set_thresholds(page, micro=30_000)
    assert page.tiers.example_label.text() == "An account with 24,000 followers is Nano."


def test_the_example_uses_the_creators_own_accounts_when_there_are_some(qtbot, store: Store):
    account = add_account(store, "instagram", "mayaeats")
    add_daily_followers(store, account, [85_000], NEWEST_DAY)
    page = SettingsPage(AppContext(store))
    qtbot.addWidget(page)
    assert page.tiers.example_label.text() == "Instagram @mayaeats: 85,000 followers → Micro"
    choose_preset(page, "micro-10k-80k")
    assert page.tiers.example_label.text() == "Instagram @mayaeats: 85,000 followers → Macro"


def test_choosing_a_preset_saves_it_and_re_tiers_the_dashboard(qtbot, store: Store):
    account = add_account(store, "instagram", "mayaeats")
    add_daily_followers(store, account, [84_000, 85_000], NEWEST_DAY)
    context = AppContext(store)
    dashboard = DashboardPage(context)
    settings_page = SettingsPage(context)
    qtbot.addWidget(dashboard)
    qtbot.addWidget(settings_page)
    card = dashboard.account_cards[0]
    assert card.tier_label.text() == "Micro"

    with qtbot.waitSignal(context.settings_changed):
        choose_preset(settings_page, "micro-10k-80k")

    assert load_settings(store).tier_preset == "micro-10k-80k"
    assert card.tier_label.text() == "Macro"
    assert card.next_tier_label.text() == "915,000 to Mega"
    assert context.undo_stack.undoText() == "Use the Narrow micro tier definition"


def test_custom_thresholds_are_saved_and_re_tier_the_dashboard(qtbot, store: Store):
    account = add_account(store, "instagram", "mayaeats")
    add_daily_followers(store, account, [24_000], NEWEST_DAY)
    context = AppContext(store)
    dashboard = DashboardPage(context)
    page = SettingsPage(context)
    qtbot.addWidget(dashboard)
    qtbot.addWidget(page)

    choose_preset(page, CUSTOM_PRESET)
    set_thresholds(page, micro=30_000)

    saved = load_settings(store)
    assert saved.tier_preset == CUSTOM_PRESET
    assert saved.custom_thresholds == TierThresholds(1_000, 30_000, 100_000, 1_000_000)
    card = dashboard.account_cards[0]
    assert card.tier_label.text() == "Nano"
    assert card.next_tier_label.text() == "6,000 to Micro"


def test_typing_a_threshold_saves_once_when_enter_is_pressed(qtbot, page: SettingsPage, store):
    choose_preset(page, CUSTOM_PRESET)
    box = page.tiers.spin_boxes[Tier.MACRO]
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "250000")
    assert load_settings(store).custom_thresholds.macro == 100_000
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert load_settings(store).custom_thresholds.macro == 250_000
    assert page.context.undo_stack.count() == 2


def test_invalid_custom_thresholds_are_shown_inline_and_not_saved(page: SettingsPage, store):
    choose_preset(page, CUSTOM_PRESET)
    before = load_settings(store)

    set_thresholds(page, micro=500)

    error = page.tiers.error_label
    assert not error.isHidden()
    assert "Micro must start at or above Nano (500 is below 1,000)" in error.text()
    assert load_settings(store) == before
    assert page.context.settings == before

    set_thresholds(page, nano=400)
    assert error.isHidden()
    assert load_settings(store).custom_thresholds == TierThresholds(400, 500, 100_000, 1_000_000)


def test_undo_reverts_a_settings_change_and_the_fields_follow(page: SettingsPage, store):
    context = page.context
    choose_preset(page, "micro-1k-100k")
    assert load_settings(store).tier_preset == "micro-1k-100k"

    context.undo_stack.undo()

    assert load_settings(store).tier_preset == "standard"
    assert context.settings.tier_preset == "standard"
    assert page.tiers.preset_combo.currentData() == "standard"
    assert page.tiers.spin_boxes[Tier.NANO].value() == 1_000

    context.undo_stack.redo()
    assert page.tiers.preset_combo.currentData() == "micro-1k-100k"
    assert page.tiers.spin_boxes[Tier.MICRO].value() == 1_000


def test_arrow_steps_on_one_threshold_are_one_undo_entry(page: SettingsPage, store):
    context = page.context
    choose_preset(page, CUSTOM_PRESET)
    box = page.tiers.spin_boxes[Tier.MEGA]
    for _ in range(3):
        box.stepUp()
    assert load_settings(store).custom_thresholds.mega > 1_000_000
    assert context.undo_stack.count() == 2

    context.undo_stack.undo()
    assert load_settings(store).custom_thresholds.mega == 1_000_000
    assert box.value() == 1_000_000


def test_currency_is_saved_and_a_bad_code_is_shown_inline(qtbot, page: SettingsPage, store):
    combo = page.currency.combo
    combo.activated.emit(combo.findText("EUR"))
    assert load_settings(store).currency == "EUR"
    assert page.currency.name_label.text() == "Euro"

    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "eu")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert not page.currency.error_label.isHidden()
    assert "three-letter ISO 4217 code" in page.currency.error_label.text()
    assert load_settings(store).currency == "EUR"

    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "chf")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert load_settings(store).currency == "CHF"
    assert page.currency.error_label.isHidden()


def test_a_currency_not_in_the_list_is_accepted_when_it_is_a_code(qtbot, page: SettingsPage, store):
    line = page.currency.combo.lineEdit()
    line.clear()
    qtbot.keyClicks(line, "ISK")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert load_settings(store).currency == "ISK"
    assert page.currency.name_label.text() == ""


def test_target_countries_chosen_persist_after_reopening_the_store(qtbot, db_path: Path):
    store = open_store(db_path)
    page = SettingsPage(AppContext(store))
    qtbot.addWidget(page)
    for code in ("US", "GB", "PT"):
        tick_country(page, code)
    tick_country(page, "GB", checked=False)
    tick_country(page, "GB")
    assert page.countries.summary_label.text().startswith("US, PT, GB")
    page.close()
    store.close()

    with open_store(db_path) as reopened:
        assert load_settings(reopened).target_countries == ("US", "PT", "GB")
        again = SettingsPage(AppContext(reopened))
        qtbot.addWidget(again)
        checked = [
            country.code
            for country in again.countries.model.countries
            if check_state(again, country.code) == Qt.CheckState.Checked
        ]
        assert sorted(checked) == ["GB", "PT", "US"]
        assert again.countries.summary_label.text().startswith("US, PT, GB")


def test_undo_unticks_a_country(page: SettingsPage, store):
    tick_country(page, "PT")
    assert page.context.undo_stack.undoText() == "Add Portugal to target countries"
    page.context.undo_stack.undo()
    assert load_settings(store).target_countries == ()
    assert check_state(page, "PT") == Qt.CheckState.Unchecked


def test_clear_all_empties_the_target_countries(qtbot, page: SettingsPage, store):
    tick_country(page, "US")
    tick_country(page, "DE")
    qtbot.mouseClick(page.countries.clear_button, Qt.MouseButton.LeftButton)
    assert load_settings(store).target_countries == ()
    assert page.countries.summary_label.text().startswith("None yet")


def test_searching_countries_filters_by_name_or_code(qtbot, page: SettingsPage):
    qtbot.keyClicks(page.countries.search, "portu")
    shown = page.countries.filter
    assert shown.rowCount() == 1
    assert shown.index(0, 0).data().startswith("Portugal")
    page.countries.search.setText("GB")
    assert shown.index(0, 0).data().startswith("United Kingdom")
    page.countries.search.clear()
    assert shown.rowCount() == 249


def test_back_up_now_makes_a_backup_file_and_says_where(qtbot, page: SettingsPage, store):
    assert list_backups(store.path) == []
    assert page.data_folder.backups.isHidden()

    with qtbot.waitSignal(page.context.status_message) as message:
        qtbot.mouseClick(page.data_folder.backup_button, Qt.MouseButton.LeftButton)

    backups = list_backups(store.path)
    assert len(backups) == 1
    assert backups[0].path.is_file()
    assert backups[0].reason == "manual"
    assert backups[0].path.name in message.args[0]
    assert backups[0].path.name in page.data_folder.result_label.text()
    assert not page.data_folder.backups.isHidden()
    row = page.data_folder.backups.topLevelItem(0)
    assert row.text(1) == "Backed up by you"


def test_the_data_folder_shows_the_database_and_opens_its_folder(
    qtbot, page: SettingsPage, store, monkeypatch
):
    opened: list[QUrl] = []
    monkeypatch.setattr(settings_module.QDesktopServices, "openUrl", opened.append)
    assert page.data_folder.file_label.text() == store.path.name
    assert page.data_folder.folder_label.text() == str(store.path.parent)
    qtbot.mouseClick(page.data_folder.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(store.path.parent))]


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("manual", "Backed up by you"),
        ("daily", "Daily backup"),
        ("before-v2", "Before upgrading to version 2"),
        ("before-restore", "Before restoring a backup"),
        ("something-new", "Something new"),
    ],
)
def test_backup_reasons_read_as_words(reason: str, words: str):
    assert describe_backup_reason(reason) == words


def test_a_change_made_elsewhere_shows_on_the_page(page: SettingsPage):
    page.context.update_settings(page.context.settings.with_changes(currency="GBP"))
    assert page.currency.combo.currentText() == "GBP"


def test_read_only_databases_show_settings_but_disable_the_fields(qtbot, db_path: Path):
    with open_store(db_path) as writable:
        AppContext(writable).update_settings(Settings(currency="EUR"))
    with open_store(db_path, read_only=True) as store:
        page = SettingsPage(AppContext(store))
        qtbot.addWidget(page)
        assert not page.read_only_note.isHidden()
        assert page.currency.combo.currentText() == "EUR"
        assert not page.currency.combo.isEnabled()
        assert not page.tiers.preset_combo.isEnabled()
        assert not any(box.isEnabled() for box in page.tiers.spin_boxes.values())
        assert not can_tick(page, "US")
        assert not page.countries.clear_button.isEnabled()


def test_a_writable_database_has_no_read_only_note(page: SettingsPage):
    assert page.read_only_note.isHidden()


def test_switching_database_shows_its_settings_and_pushes_nothing(qtbot, tmp_path: Path):
    first = open_store(tmp_path / "one" / "companion.sqlite")
    second_path = tmp_path / "two" / "companion.sqlite"
    with open_store(second_path) as second:
        AppContext(second).update_settings(Settings(currency="GBP", target_countries=("GB",)))
    context = AppContext(first)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    tick_country(page, "US")
    second = open_store(second_path, read_only=True)
    context.replace_store(second)
    first.close()
    assert page.data_folder.folder_label.text() == str(second_path.parent)
    assert page.currency.combo.currentText() == "GBP"
    assert page.countries.summary_label.text().startswith("GB")
    assert not can_tick(page, "GB")
    assert context.undo_stack.count() == 0
    second.close()


@pytest.mark.parametrize(
    ("new", "text", "key"),
    [
        ((1_000, 30_000, 100_000, 1_000_000), "Start Micro at 30,000 followers", "threshold-micro"),
        ((500, 5_000, 100_000, 1_000_000), "Change the custom tier thresholds", "thresholds"),
    ],
)
def test_threshold_changes_read_as_one_sentence(new, text: str, key: str):
    old = TierThresholds(1_000, 10_000, 100_000, 1_000_000)
    assert settings_module.threshold_change_text(old, TierThresholds(*new)) == (text, key)


def test_reopening_read_only_data_writable_keeps_the_countries_order(qtbot, db_path: Path):
    with open_store(db_path) as store:
        AppContext(store).update_settings(Settings(target_countries=("US", "GB", "PT")))
    read_only = open_store(db_path, read_only=True)
    context = AppContext(read_only)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    writable = open_store(db_path)
    context.replace_store(writable)
    read_only.close()
    assert can_tick(page, "US")
    assert load_settings(writable).target_countries == ("US", "GB", "PT")
    assert context.undo_stack.count() == 0
    writable.close()


def test_a_change_that_cannot_be_saved_is_not_shown_as_saved(
    qtbot, page: SettingsPage, store, monkeypatch
):
    def disk_full(*args: object) -> None:
        raise StoreError("The disk is full.", store.path)

    monkeypatch.setattr("companion.ui.context.save_settings", disk_full)
    with qtbot.waitSignal(page.context.status_message) as message:
        choose_preset(page, "micro-10k-80k")
    assert "The disk is full." in message.args[0]
    assert page.tiers.preset_combo.currentData() == "standard"
    assert page.context.settings == Settings()
    assert page.context.undo_stack.count() == 0

    tick_country(page, "PT")
    assert check_state(page, "PT") == Qt.CheckState.Unchecked
    assert page.context.undo_stack.count() == 0


def test_a_failed_step_does_not_merge_into_the_saved_one(qtbot, page: SettingsPage, monkeypatch):
    choose_preset(page, CUSTOM_PRESET)
    set_thresholds(page, mega=2_000_000)
    monkeypatch.setattr(
        "companion.ui.context.save_settings",
        lambda *args: (_ for _ in ()).throw(StoreError("The disk is full.")),
    )
    set_thresholds(page, mega=3_000_000)
    assert page.context.settings.custom_thresholds.mega == 2_000_000
    assert page.tiers.spin_boxes[Tier.MEGA].value() == 2_000_000
    monkeypatch.undo()
    page.context.undo_stack.undo()
    assert page.context.settings.custom_thresholds.mega == 1_000_000


def test_clicking_a_tick_box_in_the_list_saves_the_country(qtbot, page: SettingsPage, store):
    page.resize(1000, 1400)
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClicks(page.countries.search, "portugal")
    view = page.countries.list
    index = page.countries.filter.index(0, 0)
    option_rect = view.visualRect(index)
    box = QPoint(option_rect.left() + option_rect.height() // 2, option_rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert load_settings(store).target_countries == ("PT",)
    assert check_state(page, "PT") == Qt.CheckState.Checked
