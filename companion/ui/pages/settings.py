"""The Settings page: tier thresholds, currency, target countries, and the data folder with its backups."""

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QFontMetrics,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account, AccountStanding, Snapshot, standings
from companion.core.countries import (
    all_countries,
    country_name,
    matches,
    summarise,
)
from companion.core.settings import CUSTOM_PRESET, InvalidSetting, Settings
from companion.core.tiers import (
    RANKED_TIERS,
    InvalidThresholds,
    TierThresholds,
    preset_by_id,
    tier_for,
    tier_presets,
)
from companion.store.accounts import latest_snapshots, list_accounts
from companion.store.backup import Backup, backup_folder, list_backups, take_backup
from companion.store.errors import BackupFailed
from companion.ui.context import AppContext
from companion.ui.pages.base import Page
from companion.ui.theme import scaled_font, set_role
from companion.ui.undo import change_settings

CONTENT_MAX_WIDTH = 720
FORM_LABEL_WIDTH = 130
LONGEST_CAPTION = "Recent backups"
FORM_SPACING = 16
EXAMPLE_FOLLOWERS = 24_000
MOST_FOLLOWERS = 2_000_000_000

COMMON_CURRENCIES = (
    ("USD", "US dollar"),
    ("EUR", "Euro"),
    ("GBP", "British pound"),
    ("CAD", "Canadian dollar"),
    ("AUD", "Australian dollar"),
    ("NZD", "New Zealand dollar"),
    ("CHF", "Swiss franc"),
    ("SEK", "Swedish krona"),
    ("NOK", "Norwegian krone"),
    ("DKK", "Danish krone"),
    ("PLN", "Polish złoty"),
    ("CZK", "Czech koruna"),
    ("JPY", "Japanese yen"),
    ("KRW", "South Korean won"),
    ("CNY", "Chinese yuan"),
    ("HKD", "Hong Kong dollar"),
    ("SGD", "Singapore dollar"),
    ("INR", "Indian rupee"),
    ("IDR", "Indonesian rupiah"),
    ("PHP", "Philippine peso"),
    ("THB", "Thai baht"),
    ("MYR", "Malaysian ringgit"),
    ("BRL", "Brazilian real"),
    ("MXN", "Mexican peso"),
    ("ARS", "Argentine peso"),
    ("COP", "Colombian peso"),
    ("ZAR", "South African rand"),
    ("NGN", "Nigerian naira"),
    ("KES", "Kenyan shilling"),
    ("AED", "UAE dirham"),
    ("SAR", "Saudi riyal"),
    ("TRY", "Turkish lira"),
)
_CURRENCY_NAMES = dict(COMMON_CURRENCIES)
_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole

_BACKUP_REASONS = {
    "manual": "Backed up by you",
    "daily": "Daily backup",
    "before-restore": "Before restoring a backup",
}


def describe_backup_reason(reason: str) -> str:
    """'before-v2' → 'Before upgrading to version 2', in the creator's words."""
    if reason in _BACKUP_REASONS:
        return _BACKUP_REASONS[reason]
    if reason.startswith("before-v") and reason[len("before-v") :].isdigit():
        return f"Before upgrading to version {reason[len('before-v') :]}"
    return reason.replace("-", " ").capitalize()


def backup_time(taken_at: datetime) -> str:
    return f"{taken_at.day} {taken_at:%b %Y, %H:%M}"


def tier_example(followers: int, thresholds: TierThresholds) -> str:
    return f"An account with {followers:,} followers is {tier_for(followers, thresholds).label}."


def standing_line(standing: AccountStanding) -> str:
    account = standing.account
    return (
        f"{account.platform.label} {account.shown_handle}: {standing.followers:,} followers "
        f"→ {standing.tier.label}"
    )


def threshold_change_text(old: TierThresholds, new: TierThresholds) -> tuple[str, str]:
    """The undo entry's text, and its merge key: steps of one threshold merge into one entry."""
    changed = [tier for tier in RANKED_TIERS if old.start_of(tier) != new.start_of(tier)]
    if len(changed) != 1:
        return "Change the custom tier thresholds", "thresholds"
    tier = changed[0]
    return f"Start {tier.label} at {new.start_of(tier):,} followers", f"threshold-{tier.value}"


def preset_short_name(preset_id: str) -> str:
    preset = preset_by_id(preset_id)
    return preset.name.split(":")[0] if preset else "Custom"


# Building blocks shared by the sections


def _label(text: str, object_name: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    if object_name:
        set_role(label, object_name)
    label.setWordWrap(wrap)
    if wrap:
        _let_take_the_row(label)
    return label


def _let_take_the_row(label: QLabel) -> None:
    """A wrapping label asks for a narrow width unless told it may take the whole row.

    The policy is changed in place: a fresh QSizePolicy would lose word wrap's height-for-width.
    """
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    label.setSizePolicy(policy)


def _heading(text: str) -> QLabel:
    label = _label(text, "sectionTitle", wrap=False)
    label.setFont(scaled_font(label, 1.25))
    return label


class FormNote(QLabel):
    """A wrapping line lined up with the fields above it (an error, a result); hidden while empty.

    It sits outside the QFormLayout, which gives wrapping labels the wrong height.
    """

    def __init__(self, object_name: str = "muted") -> None:
        super().__init__()
        set_role(self, object_name)
        self.setWordWrap(True)
        _let_take_the_row(self)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_text(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class InlineError(FormNote):
    """What is wrong with the value just typed, shown by the field; nothing is saved."""

    def __init__(self) -> None:
        super().__init__("fieldError")

    def show_text(self, text: str | None) -> None:
        super().show_text(f"⚠ {text}" if text else None)


@cache
def _label_column_width() -> int:
    """Every form's captions share one width, so fields line up from section to section."""
    metrics = QFontMetrics(QApplication.font())
    return max(FORM_LABEL_WIDTH, metrics.horizontalAdvance(LONGEST_CAPTION) + 12)


def _aligned_with_fields(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(_label_column_width() + FORM_SPACING, 0, 0, 0)
    row.addWidget(widget)
    return row


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setHorizontalSpacing(FORM_SPACING)
    form.setVerticalSpacing(10)
    return form


def _add_row(
    form: QFormLayout, label: str, field: QWidget | QBoxLayout, *, top: bool = False
) -> None:
    """A labelled row; `top` lines the label up with the first line of a tall field."""
    caption = QLabel(label)
    caption.setFixedWidth(_label_column_width())
    vertical = Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter
    caption.setAlignment(Qt.AlignmentFlag.AlignRight | vertical)
    if isinstance(field, QWidget):
        caption.setBuddy(field)
    form.addRow(caption, field)


def _add_note(form: QFormLayout, note: QWidget) -> None:
    """A field without a label of its own, lined up with the fields (never a wrapping label)."""
    spacer = QLabel("")
    spacer.setFixedWidth(_label_column_width())
    form.addRow(spacer, note)


class Section(QWidget):
    """A heading, a line of helper text, and the section's fields below them."""

    def __init__(self, context: AppContext, heading: str, helper: str) -> None:
        super().__init__()
        self.context = context
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)
        self.body.addWidget(_heading(heading))
        self.body.addWidget(_label(helper, "muted"))
        self.body.addSpacing(8)

    def show_settings(self, settings: Settings) -> None:
        """Make the fields show these settings (after a change, an undo, another database)."""

    def propose(self, new: Settings, text: str, merge_key: str | None = None) -> None:
        """Save a change as one undo entry; if it could not be saved, show what is saved."""
        change_settings(self.context, new, text, merge_key)
        if self.context.settings != new:
            self.refresh()

    def refresh(self) -> None:
        self.show_settings(self.context.settings)

    def set_editable(self, editable: bool) -> None:
        """Read-only databases show settings but do not let them change."""


class TiersSection(Section):
    """Which follower counts make an account nano, micro, macro or mega."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(
            context,
            "Audience tiers",
            "The follower counts where each tier starts. Articles disagree, so pick the "
            "definition your brands use, or set your own.",
        )
        self._shown: tuple[str, TierThresholds] | None = None
        self._editable = True
        self._accounts: list[Account] = []
        self._latest: dict[int, Snapshot] = {}
        self.preset_combo = QComboBox()
        for preset in tier_presets():
            self.preset_combo.addItem(preset.name, preset.id)
            self.preset_combo.setItemData(
                self.preset_combo.count() - 1, preset.source, Qt.ItemDataRole.ToolTipRole
            )
        self.preset_combo.addItem("Custom: my own thresholds", CUSTOM_PRESET)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.source_label = _label("", "muted", wrap=False)
        self.spin_boxes = {tier: self._spin_box() for tier in RANKED_TIERS}
        self.error_label = InlineError()
        self.example_label = _label("", "", wrap=False)
        self.example_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = _form()
        _add_row(form, "Definition", self.preset_combo)
        _add_note(form, self.source_label)
        for tier, spin_box in self.spin_boxes.items():
            _add_row(form, f"{tier.label} from", spin_box)
        self.body.addLayout(form)
        self.body.addLayout(_aligned_with_fields(self.error_label))
        example = _form()
        _add_row(example, "Example", self.example_label, top=True)
        self.body.addLayout(example)

    def _spin_box(self) -> QSpinBox:
        spin_box = QSpinBox()
        spin_box.setRange(1, MOST_FOLLOWERS)
        spin_box.setGroupSeparatorShown(True)
        spin_box.setSuffix(" followers")
        spin_box.setStepType(QSpinBox.StepType.AdaptiveDecimalStepType)
        # Save when the creator has finished typing, not at every digit.
        spin_box.setKeyboardTracking(False)
        spin_box.setMaximumWidth(220)
        spin_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin_box.valueChanged.connect(self._threshold_changed)
        return spin_box

    def show_settings(self, settings: Settings) -> None:
        shown = (settings.tier_preset, settings.custom_thresholds)
        if shown == self._shown:
            return
        self._shown = shown
        index = self.preset_combo.findData(settings.tier_preset)
        self.preset_combo.setCurrentIndex(max(index, 0))
        for tier, spin_box in self.spin_boxes.items():
            spin_box.blockSignals(True)
            spin_box.setValue(settings.thresholds.start_of(tier))
            spin_box.blockSignals(False)
        preset = preset_by_id(settings.tier_preset)
        self.source_label.setText(
            f"Source: {preset.source}" if preset else "Your own thresholds: edit them below."
        )
        self.error_label.show_text(None)
        self._update_spin_boxes_enabled()
        self._show_example(settings.thresholds)

    def refresh(self) -> None:
        self._shown = None
        super().refresh()

    def show_accounts(self, accounts: list[Account], latest: dict[int, Snapshot]) -> None:
        """The creator's own accounts make a better example than a made-up one."""
        self._accounts = accounts
        self._latest = latest
        self._show_example(self.context.settings.thresholds)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.preset_combo.setEnabled(editable)
        self._update_spin_boxes_enabled()

    def _update_spin_boxes_enabled(self) -> None:
        custom = self.preset_combo.currentData() == CUSTOM_PRESET
        for spin_box in self.spin_boxes.values():
            spin_box.setEnabled(self._editable and custom)

    def _show_example(self, thresholds: TierThresholds) -> None:
        lines = [standing_line(s) for s in standings(self._accounts, self._latest, thresholds)]
        self.example_label.setText(
            "\n".join(lines) if lines else tier_example(EXAMPLE_FOLLOWERS, thresholds)
        )

    def _preset_chosen(self, index: int) -> None:
        preset_id = self.preset_combo.itemData(index)
        settings = self.context.settings
        if preset_id == settings.tier_preset:
            return
        self.propose(
            settings.with_changes(tier_preset=preset_id),
            f"Use the {preset_short_name(preset_id)} tier definition",
        )

    def _threshold_changed(self) -> None:
        values = {tier.value: box.value() for tier, box in self.spin_boxes.items()}
        try:
            thresholds = TierThresholds(**values)
        except InvalidThresholds as error:
            self.error_label.show_text(f"{error} Not saved until the thresholds fit.")
            return
        self.error_label.show_text(None)
        self._show_example(thresholds)
        text, merge_key = threshold_change_text(self.context.settings.custom_thresholds, thresholds)
        self.propose(
            self.context.settings.with_changes(custom_thresholds=thresholds),
            text,
            merge_key=merge_key,
        )


class CurrencySection(Section):
    """The currency deal fees and the media kit use unless a deal says otherwise."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(
            context,
            "Currency",
            "Fees and product values are shown in this currency unless a deal names another.",
        )
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in COMMON_CURRENCIES:
            self.combo.addItem(code)
            self.combo.setItemData(self.combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.combo.setMaximumWidth(120)
        self.combo.lineEdit().setMaxLength(3)
        self.combo.activated.connect(lambda index: self._commit(self.combo.itemText(index)))
        self.combo.lineEdit().editingFinished.connect(
            lambda: self._commit(self.combo.currentText())
        )
        self.name_label = _label("", "muted", wrap=False)
        self.error_label = InlineError()

        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.combo)
        row.addWidget(self.name_label)
        row.addStretch(1)
        form = _form()
        _add_row(form, "Currency", row)
        self.body.addLayout(form)
        self.body.addLayout(_aligned_with_fields(self.error_label))

    def show_settings(self, settings: Settings) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentText(settings.currency)
        self.combo.blockSignals(False)
        self.name_label.setText(_CURRENCY_NAMES.get(settings.currency, ""))
        self.error_label.show_text(None)

    def set_editable(self, editable: bool) -> None:
        self.combo.setEnabled(editable)

    def _commit(self, text: str) -> None:
        code = text.strip().upper()
        settings = self.context.settings
        if code == settings.currency:
            self.show_settings(settings)
            return
        try:
            new = settings.with_changes(currency=code)
        except InvalidSetting as error:
            self.error_label.show_text(str(error))
            return
        self.propose(new, f"Change the currency to {code}")


class CountryListModel(QAbstractListModel):
    """Every country, with a tick for each one the creator targets; ticking asks, it does not save.

    A tick emits `country_toggled(code, checked)`; the ticks change only through
    `show_chosen`, once the settings say so.
    """

    country_toggled = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countries = all_countries()
        self._rows = {country.code: row for row, country in enumerate(self.countries)}
        self._chosen: frozenset[str] = frozenset()
        self._editable = True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.countries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> object:
        country = self.countries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{country.name}  ({country.code})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return (
                Qt.CheckState.Checked if self.is_chosen(country.code) else Qt.CheckState.Unchecked
            )
        if role == Qt.ItemDataRole.UserRole:
            return country.code
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not self._editable:
            return Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: object, role: int = _EDIT
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._editable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.country_toggled.emit(self.countries[index.row()].code, checked)
        return True

    def index_of(self, code: str) -> QModelIndex:
        return self.index(self._rows[code], 0)

    def is_chosen(self, code: str) -> bool:
        return code in self._chosen

    def show_chosen(self, codes: Iterable[str]) -> None:
        self._chosen = frozenset(codes)
        self._everything_changed()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._everything_changed()

    def _everything_changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.countries) - 1, 0))


class CountryFilter(QSortFilterProxyModel):
    """Keeps the countries whose name (accents ignored) or exact code matches the search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        countries = all_countries()
        return 0 <= source_row < len(countries) and matches(countries[source_row], self._query)


class CountriesSection(Section):
    """The markets the creator wants to reach, for judging how well an audience fits."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(
            context,
            "Target countries",
            "The markets you want to reach. Your audience's countries are compared with "
            "these when the app judges how well your audience fits.",
        )
        self.model = CountryListModel(self)
        self.model.country_toggled.connect(self._country_toggled)
        self.filter = CountryFilter(self)
        self.filter.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or code, e.g. Portugal or PT")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter.set_query)
        self.list = QListView()
        self.list.setModel(self.filter)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        self.list.setMinimumHeight(200)
        self.list.setMaximumHeight(240)
        self.summary_label = _label("", "")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_button = QPushButton("Clear all")
        self.clear_button.clicked.connect(self._clear)

        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary_label, 1)
        summary_row.addWidget(self.clear_button)
        form = _form()
        _add_row(form, "Chosen", summary_row)
        _add_row(form, "Find", self.search)
        _add_note(form, self.list)
        self.body.addLayout(form)

    def show_settings(self, settings: Settings) -> None:
        codes = settings.target_countries
        self.model.show_chosen(codes)
        self.summary_label.setText(
            f"{summarise(codes)}  ·  {len(codes)} of {len(self.model.countries)}"
            if codes
            else "None yet: tick the countries your brands and audience are in."
        )
        self.summary_label.setToolTip(", ".join(country_name(code) for code in codes))
        self.clear_button.setVisible(bool(codes))

    def set_editable(self, editable: bool) -> None:
        self.model.set_editable(editable)
        self.clear_button.setEnabled(editable)

    def _country_toggled(self, code: str, checked: bool) -> None:
        settings = self.context.settings
        if checked == (code in settings.target_countries):
            return
        codes = [chosen for chosen in settings.target_countries if chosen != code]
        name = country_name(code)
        if checked:
            codes.append(code)
            text = f"Add {name} to target countries"
        else:
            text = f"Remove {name} from target countries"
        self.propose(settings.with_changes(target_countries=tuple(codes)), text)

    def _clear(self) -> None:
        settings = self.context.settings
        self.propose(settings.with_changes(target_countries=()), "Clear target countries")


class DataFolderSection(Section):
    """Where the database lives, opening that folder, and backups."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(
            context,
            "Data folder",
            "Everything you record lives in one database file on this computer. Backups are "
            "copies of it in the backups folder beside it; the last ten are kept.",
        )
        self.file_label = _selectable_path_label()
        self.folder_label = _selectable_path_label()
        self.open_button = QPushButton("Open folder")
        self.open_button.clicked.connect(self.open_folder)
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.result_label = FormNote()
        self.error_label = InlineError()
        self.backups = QTreeWidget()
        self.backups.setHeaderLabels(["Taken", "Why"])
        self.backups.setRootIsDecorated(False)
        self.backups.setAlternatingRowColors(True)
        self.backups.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.backups.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.backups.setColumnWidth(0, 200)
        self.no_backups_label = _label(
            "None yet: one is taken each day you open the app.", "muted", wrap=False
        )

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        form = _form()
        _add_row(form, "Database file", self.file_label)
        _add_row(form, "Folder", self.folder_label)
        _add_note(form, _buttons_widget(buttons))
        self.body.addLayout(form)
        self.body.addLayout(_aligned_with_fields(self.result_label))
        self.body.addLayout(_aligned_with_fields(self.error_label))
        backups = QVBoxLayout()
        backups.setSpacing(0)
        backups.addWidget(self.no_backups_label)
        backups.addWidget(self.backups)
        backups_form = _form()
        _add_row(backups_form, "Recent backups", backups, top=True)
        self.body.addSpacing(6)
        self.body.addLayout(backups_form)

    @property
    def folder(self) -> Path:
        return self.context.store.path.parent

    def reload(self) -> None:
        path = self.context.store.path
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        self.folder_label.setText(str(path.parent))
        self.folder_label.setToolTip(str(path.parent))
        self._show_backups(list_backups(self.context.store.path))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def back_up_now(self) -> None:
        try:
            path = take_backup(self.context.store)
        except BackupFailed as error:
            self.error_label.show_text(error.message)
            self.result_label.show_text(None)
            return
        self.error_label.show_text(None)
        self.result_label.show_text(f"Backed up to {path.name} in the backups folder.")
        self.context.status_message.emit(f"Backed up to {path.name} in {path.parent}")
        self._show_backups(list_backups(self.context.store.path))

    def _show_backups(self, backups: list[Backup]) -> None:
        self.backups.clear()
        for backup in backups:
            item = QTreeWidgetItem(
                [backup_time(backup.taken_at), describe_backup_reason(backup.reason)]
            )
            for column in range(2):
                item.setToolTip(column, str(backup.path))
            self.backups.addTopLevelItem(item)
        self.backups.setToolTip(f"In {backup_folder(self.context.store.path)}")
        self.backups.setVisible(bool(backups))
        self.no_backups_label.setVisible(not backups)
        self._fit_backups_height(len(backups))

    def _fit_backups_height(self, rows: int) -> None:
        """Tall enough for every backup kept, so the page scrolls and the list does not."""
        row_height = self.backups.sizeHintForRow(0) if rows else 0
        header = self.backups.header().sizeHint().height()
        frame = 2 * self.backups.frameWidth()
        self.backups.setFixedHeight(header + rows * max(row_height, 1) + frame + 2)


def _selectable_path_label() -> QLabel:
    """A path the creator can select and copy; a long one is cut at the edge, whole in the tooltip."""
    label = _label("", "", wrap=False)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    return label


def _buttons_widget(buttons: QHBoxLayout) -> QWidget:
    holder = QWidget()
    buttons.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(buttons)
    return holder


class SettingsPage(Page):
    """The creator's settings; every change is saved at once and can be undone."""

    title = "Settings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.tiers = TiersSection(context)
        self.currency = CurrencySection(context)
        self.countries = CountriesSection(context)
        self.data_folder = DataFolderSection(context)
        self.read_only_note = _label(
            "This database is open read-only, so settings are shown but cannot be changed.",
            "readOnlyNote",
        )
        self._build_layout()
        context.settings_changed.connect(self._show_settings)
        self.reload()

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.tiers, self.currency, self.countries, self.data_folder)

    def _build_layout(self) -> None:
        title = _label(self.title, "pageTitle", wrap=False)
        content = QWidget()
        content.setMaximumWidth(CONTENT_MAX_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 40)
        column.setSpacing(0)
        column.addWidget(title)
        column.addSpacing(4)
        column.addWidget(
            _label("Changes are saved as you make them; Edit ▸ Undo takes one back.", "muted")
        )
        column.addSpacing(8)
        column.addWidget(self.read_only_note)
        for section in self.sections:
            column.addSpacing(28)
            column.addWidget(section)
        column.addStretch(1)

        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(content, 1)
        row.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def reload(self) -> None:
        self._show_settings(self.context.settings)
        store = self.context.store
        self.tiers.show_accounts(list_accounts(store), latest_snapshots(store))
        self.data_folder.reload()
        editable = not self.context.read_only
        self.read_only_note.setVisible(not editable)
        for section in self.sections:
            section.set_editable(editable)

    def _show_settings(self, settings: Settings) -> None:
        for section in self.sections:
            section.show_settings(settings)
