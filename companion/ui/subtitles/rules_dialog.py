"""The check settings: every limit the checks hold cues to, and which checks run.

The dialog only asks; the editor keeps the answer in the record and checks again with it.
"""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.core.subtitles.cues import SubtitleError
from companion.core.subtitles.rules import (
    CHECKS,
    Rules,
    default_rules,
    reading_speed_presets,
)
from companion.ui.subtitles.timing_dialogs import ERROR_COLORS
from companion.ui.theme import current_colors, set_role

CUSTOM_SPEED = "Your own"
CHECK_COLUMNS = 2
# (limit, label, lowest, highest, step, suffix); the ranges only keep typos out.
_INT_LIMITS = (
    ("max_chars_per_line", "Characters a line, at most", 10, 120, 1, ""),
    ("max_lines", "Lines a cue, at most", 1, 6, 1, ""),
    ("min_duration_ms", "On screen, at least", 100, 10_000, 50, " ms"),
    ("max_duration_ms", "On screen, at most", 500, 60_000, 500, " ms"),
    ("min_gap_ms", "Gap between cues, at least", 0, 2_000, 10, " ms"),
)


class RulesDialog(QDialog):
    """A form with one field per limit and one box per check; OK stays off while the limits
    contradict each other."""

    def __init__(self, rules: Rules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check settings")
        self.presets = reading_speed_presets()
        self.limits: dict[str, QSpinBox] = {}
        self.speed = QDoubleSpinBox()
        self.speed.setRange(5, 40)
        self.speed.setDecimals(1)
        self.speed.setSingleStep(0.5)
        self.speed.setSuffix(" characters a second")
        self.audience = QComboBox()
        for name, speed in self.presets.items():
            self.audience.addItem(f"{name.capitalize()} ({speed:g})", name)
        self.audience.addItem(CUSTOM_SPEED, None)
        self.checks = {name: QCheckBox(label) for name, label in CHECKS.items()}
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLORS[current_colors().dark]};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self._build()
        self.show_rules(rules)
        self._connect()

    def _build(self) -> None:
        note = QLabel(
            "The defaults follow the Netflix timed-text style guide for English. Children read "
            "more slowly (13 characters a second); some guides allow 20."
        )
        set_role(note, "muted")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Audience", self.audience)
        form.addRow("Reading speed, at most", self.speed)
        for name, label, lowest, highest, step, suffix in _INT_LIMITS:
            field = QSpinBox()
            field.setRange(lowest, highest)
            field.setSingleStep(step)
            field.setSuffix(suffix)
            field.setGroupSeparatorShown(True)
            self.limits[name] = field
            form.addRow(label, field)
        checks = QGroupBox("Checks to run")
        grid = QGridLayout(checks)
        for position, box in enumerate(self.checks.values()):
            grid.addWidget(box, position // CHECK_COLUMNS, position % CHECK_COLUMNS)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(checks)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(lambda: self.show_rules(default_rules()))
        self.audience.currentIndexChanged.connect(self._audience_chosen)
        self.speed.valueChanged.connect(self._speed_typed)
        for field in self.limits.values():
            field.valueChanged.connect(self.validate)

    def show_rules(self, rules: Rules) -> None:
        self.speed.setValue(rules.max_chars_per_second)
        for name, field in self.limits.items():
            field.setValue(int(getattr(rules, name)))
        for name, box in self.checks.items():
            box.setChecked(rules.runs(name))
        self._speed_typed()
        self.validate()

    def rules(self) -> Rules:
        """The rules as the form shows them; SubtitleError when they contradict each other."""
        limits = {name: field.value() for name, field in self.limits.items()}
        off = frozenset(name for name, box in self.checks.items() if not box.isChecked())
        return default_rules().with_changes(
            max_chars_per_second=self.speed.value(), switched_off=off, **limits
        )

    def validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            self.rules()
        except SubtitleError as error:
            self.problem.setText(error.message)
            ok.setEnabled(False)
        else:
            self.problem.setText("")
            ok.setEnabled(True)

    def _audience_chosen(self) -> None:
        name = self.audience.currentData()
        if name is not None:
            self.speed.setValue(self.presets[name])

    def _speed_typed(self) -> None:
        # The audience follows the speed, so a typed 13 reads as "Children".
        chosen = next(
            (i for i in range(self.audience.count()) if self._preset_at(i) == self.speed.value()),
            self.audience.count() - 1,
        )
        self.audience.blockSignals(True)
        self.audience.setCurrentIndex(chosen)
        self.audience.blockSignals(False)

    def _preset_at(self, index: int) -> float | None:
        name = self.audience.itemData(index)
        return None if name is None else self.presets[name]


def ask_rules(parent: QWidget, rules: Rules) -> Rules | None:
    """The rules the creator settles on; None when they cancel."""
    dialog = RulesDialog(rules, parent)
    try:
        return dialog.rules() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
