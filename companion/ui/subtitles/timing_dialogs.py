"""The timing dialogs: shift by ± milliseconds, set the first cue's start, stretch between two sync points, change frame rate, snap to frames.

Each dialog only asks; it returns what was asked for (a request) and the editor makes the edit
with companion.core.subtitles.timing. The `ask_…` functions are what the editor calls.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.core.subtitles.cues import Cue, SubtitleError, clock, parse_clock
from companion.core.subtitles.timing import FrameRate, SyncPoint
from companion.ui.theme import current_colors, set_role

MAX_SHIFT_MS = 24 * 3_600_000
ERROR_COLORS = {False: "#B42318", True: "#FF8A80"}


@dataclass(frozen=True)
class ShiftRequest:
    offset_ms: int
    selected_only: bool


@dataclass(frozen=True)
class StretchRequest:
    first: SyncPoint
    second: SyncPoint


@dataclass(frozen=True)
class FrameRateRequest:
    timed_for: FrameRate
    played_at: FrameRate


class TimingDialog(QDialog):
    """A short form with an explanation, OK and Cancel; OK stays off while the form is wrong."""

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLORS[current_colors().dark]};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(explanation)
        set_role(note, "muted")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def time_field(self, ms: int) -> QLineEdit:
        field = QLineEdit(clock(ms))
        field.setPlaceholderText("00:01:02.500")
        field.textChanged.connect(self.validate)
        return field

    def validate(self) -> None:
        try:
            self.request()
        except SubtitleError as error:
            self.problem.setText(error.message)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        else:
            self.problem.setText("")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def request(self) -> object:
        raise NotImplementedError


class ShiftDialog(TimingDialog):
    def __init__(self, selected: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Shift cues",
            "Move cues later (a positive number) or earlier (a negative one), in milliseconds: "
            "1000 is one second.",
            parent,
        )
        self.offset = QSpinBox()
        self.offset.setRange(-MAX_SHIFT_MS, MAX_SHIFT_MS)
        self.offset.setSingleStep(100)
        self.offset.setSuffix(" ms")
        self.offset.setGroupSeparatorShown(True)
        self.selected_only = QCheckBox(f"Only the {selected:,} selected cues")
        self.selected_only.setEnabled(selected > 0)
        self.selected_only.setChecked(selected > 1)
        self.form.addRow("Shift by", self.offset)
        self.form.addRow("", self.selected_only)
        self.offset.valueChanged.connect(self.validate)
        self.validate()

    def request(self) -> ShiftRequest:
        if self.offset.value() == 0:
            raise SubtitleError("Type how far to move the cues.")
        return ShiftRequest(self.offset.value(), self.selected_only.isChecked())


class FirstStartDialog(TimingDialog):
    def __init__(self, first_start_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(
            "Set the first cue's start",
            "Every cue moves together so that the first one starts at this time in the video.",
            parent,
        )
        self.start = self.time_field(first_start_ms)
        self.form.addRow("First cue starts at", self.start)
        self.validate()

    def request(self) -> int:
        return parse_clock(self.start.text())


class StretchDialog(TimingDialog):
    """Two cues and where they really start: everything between (and beyond) follows."""

    def __init__(self, cues: Sequence[Cue], first: int, second: int, parent: QWidget | None = None):
        super().__init__(
            "Stretch between two sync points",
            "For subtitles that drift: pick a cue near the start and one near the end, and "
            "type when each is really spoken in the video.",
            parent,
        )
        self.cues = cues
        self.first_cue, self.first_time = self._point(first)
        self.second_cue, self.second_time = self._point(second)
        self.form.addRow("First sync cue", self.first_cue)
        self.form.addRow("should start at", self.first_time)
        self.form.addRow("Second sync cue", self.second_cue)
        self.form.addRow("should start at", self.second_time)
        self.validate()

    def _point(self, index: int) -> tuple[QSpinBox, QLineEdit]:
        number = QSpinBox()
        number.setRange(1, max(1, len(self.cues)))
        number.setValue(index + 1)
        number.setPrefix("cue ")
        field = self.time_field(self.cues[index].start_ms)
        number.valueChanged.connect(
            lambda value: field.setText(clock(self.cues[value - 1].start_ms))
        )
        return number, field

    def request(self) -> StretchRequest:
        points = []
        for number, field in (
            (self.first_cue, self.first_time),
            (self.second_cue, self.second_time),
        ):
            points.append(
                SyncPoint(self.cues[number.value() - 1].start_ms, parse_clock(field.text()))
            )
        if points[0].was_ms == points[1].was_ms:
            raise SubtitleError("Pick two cues that start at different times.")
        if (points[1].now_ms - points[0].now_ms) * (points[1].was_ms - points[0].was_ms) <= 0:
            raise SubtitleError("The later cue must also start later in the video.")
        return StretchRequest(*points)


def rate_combo(chosen: FrameRate) -> QComboBox:
    combo = QComboBox()
    for rate in FrameRate:
        combo.addItem(f"{rate.value} fps", rate.value)
    combo.setCurrentIndex(list(FrameRate).index(chosen))
    return combo


class FrameRateDialog(TimingDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Change frame rate",
            "For a video that plays at another speed than the one the subtitles were timed "
            "for, e.g. a 23.976 fps film shown at 25 fps.",
            parent,
        )
        self.timed_for = rate_combo(FrameRate.FPS_23_976)
        self.played_at = rate_combo(FrameRate.FPS_25)
        self.form.addRow("Timed for", self.timed_for)
        self.form.addRow("Video plays at", self.played_at)
        self.timed_for.currentIndexChanged.connect(self.validate)
        self.played_at.currentIndexChanged.connect(self.validate)
        self.validate()

    def request(self) -> FrameRateRequest:
        timed_for = FrameRate(self.timed_for.currentData())
        played_at = FrameRate(self.played_at.currentData())
        if timed_for is played_at:
            raise SubtitleError("Choose two different frame rates.")
        return FrameRateRequest(timed_for, played_at)


class SnapDialog(TimingDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Snap to frames",
            "Move every start and end to the nearest frame of the video, as editors cutting "
            "on frames place them.",
            parent,
        )
        self.rate = rate_combo(FrameRate.FPS_25)
        self.form.addRow("Video frame rate", self.rate)
        self.validate()

    def request(self) -> FrameRate:
        return FrameRate(self.rate.currentData())


def _ask(dialog: TimingDialog) -> object | None:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()
    finally:
        dialog.deleteLater()


def ask_shift(parent: QWidget, selected: int) -> ShiftRequest | None:
    return _ask(ShiftDialog(selected, parent))  # type: ignore[return-value]


def ask_first_start(parent: QWidget, first_start_ms: int) -> int | None:
    return _ask(FirstStartDialog(first_start_ms, parent))  # type: ignore[return-value]


def ask_stretch(
    parent: QWidget, cues: Sequence[Cue], first: int, second: int
) -> StretchRequest | None:
    return _ask(StretchDialog(cues, first, second, parent))  # type: ignore[return-value]


def ask_frame_rate(parent: QWidget) -> FrameRateRequest | None:
    return _ask(FrameRateDialog(parent))  # type: ignore[return-value]


def ask_snap(parent: QWidget) -> FrameRate | None:
    return _ask(SnapDialog(parent))  # type: ignore[return-value]
