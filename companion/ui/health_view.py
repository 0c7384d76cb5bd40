"""Audience health on screen: the score, each part with what it was compared with and its effect, and the follower jumps."""

from collections.abc import Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import day_text
from companion.core.follower_jumps import FollowerJump, MatchedBy
from companion.core.quality import Judgement, QualityReport
from companion.core.quality_rules import quality_rules
from companion.core.settings import Settings
from companion.store.database import Store
from companion.store.quality import creator_health_steps
from companion.ui.chart_view import chart_theme
from companion.ui.context import AppContext
from companion.ui.pages.base import count_phrase
from companion.ui.theme import set_role
from companion.ui.workers import Worker

NOT_KNOWN = "—"
PART_HEADINGS = ("Part", "Value", "Compared with", "Effect on score", "How to improve")
JUMP_HEADINGS = (
    "Day",
    "Gained",
    "Usual day",
    "Reach around it",
    "Best post",
    "Verdict",
)
MOST_JUMPS_SHOWN = 20
PART_STRETCH = (3, 4, 3, 2, 5)
JUMP_STRETCH = (2, 2, 2, 3, 3, 4)


# --- what it says ---------------------------------------------------------------------------------


def score_text(report: QualityReport | None) -> str:
    """'89', or '—' when nothing could be judged."""
    return NOT_KNOWN if report is None or report.score is None else f"{report.score:.0f}"


def badge_text(report: QualityReport) -> str:
    """The Dashboard card's line: 'Audience health 89 · Healthy'."""
    if report.score is None:
        return "Audience health: not enough numbers yet"
    return f"Audience health {score_text(report)} · {report.band}"


def effect_text(judgement: Judgement) -> str:
    """'+19 of 25' points, or 'Left out' for a part that cannot be judged."""
    if not judgement.judged:
        return "Left out"
    if judgement.points is None or judgement.max_points is None:
        return "No score yet"
    return f"+{judgement.points:.0f} of {judgement.max_points:.0f}"


def summary_text(report: QualityReport) -> str:
    """How the score was made: how many parts were judged, and which were left out."""
    judged = len(report.components) - len(report.left_out)
    if report.score is None:
        least = quality_rules().min_judged_weight
        return (
            f"Too little is known for a score yet: the parts that can be judged carry "
            f"{report.judged_weight:.0f} of its 100 points, and {least:.0f} are needed. "
            "Each part below says what it needs."
        )
    text = f"Out of 100, from {judged} of {len(report.components)} parts, each weighted."
    if report.left_out:
        names = ", ".join(j.component.label for j in report.left_out)
        text += f" Left out, and not counted against you: {names}."
    flagged = len(report.flagged_days)
    if flagged:
        text += f" {count_phrase(flagged, 'day')} with a follower jump nothing explains."
    return text


def health_tooltip(report: QualityReport) -> str:
    """The parts in a few lines, for the Dashboard card."""
    lines = [summary_text(report)]
    for judgement in report.components:
        lines.append(
            f"{judgement.component.label}: {effect_text(judgement)} · {judgement.value_text}"
        )
    lines.append("Click for the details on the Audience page.")
    return "\n".join(lines)


def jumps_caption(report: QualityReport) -> str:
    """What the list of jumps holds: how many, and how many nothing explains."""
    if not report.jumps:
        return "No day in the last year gained far more followers than usual."
    days = count_phrase(len(report.jumps), "day")
    flagged = len(report.flagged_days)
    if not flagged:
        return f"{days} gained far more than usual, each matched by reach, engagement or another account."
    return (
        f"{days} gained far more than usual; {flagged} not matched by reach or engagement, "
        "listed first and marked on the chart."
    )


def jump_verdict(jump: FollowerJump) -> str:
    """'Not matched by reach or engagement', or what matched it and by how much."""
    if jump.matched_by is MatchedBy.REACH and jump.reach_ratio is not None:
        return f"Matched: reach × {jump.reach_ratio:.1f}"
    if jump.matched_by is MatchedBy.ENGAGEMENT and jump.engagement_ratio is not None:
        return f"Matched: a post's engagements × {jump.engagement_ratio:.1f}"
    if jump.matched_by is MatchedBy.ELSEWHERE:
        return f"Matched: came with {jump.matched_elsewhere}'s jump"
    return "Not matched by reach or engagement"


def jump_cells(jump: FollowerJump) -> tuple[str, ...]:
    """A jump's row: its day and numbers, each against the usual."""
    reach = (
        f"{jump.reach:,} (usual {jump.usual_reach:,.0f})"
        if jump.reach is not None and jump.usual_reach is not None
        else NOT_KNOWN
    )
    if jump.engagements is not None and jump.usual_engagements is not None:
        post = f"{jump.engagements:,} (usual {jump.usual_engagements:,.0f})"
    elif jump.engagements is not None:
        post = f"{jump.engagements:,}"
    else:
        post = "No post around it"
    return (
        day_text(jump.day),
        f"{jump.change:+,}",
        f"{jump.usual:+,.0f}",
        reach,
        post,
        jump_verdict(jump),
    )


def ordered_jumps(jumps: Sequence[FollowerJump]) -> list[FollowerJump]:
    """The unmatched jumps first, newest first within each group."""
    return sorted(jumps, key=lambda jump: (not jump.flagged, -jump.day.toordinal()))


# --- working it out ------------------------------------------------------------------------------


class HealthLoader(QObject):
    """Works out every account's audience health on a worker thread; one per context, shared by
    the pages (see `health_loader`), so the Dashboard and the Audience page work it out once.

    Every account at once, because a jump on one account can be explained by a viral week on
    another. A request for a record, settings and day already worked out (or under way) is
    not started again; a newer one cancels the one under way.
    """

    loaded = Signal(object)
    """Carries {account id: QualityReport}."""
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reports: dict[int, QualityReport] = {}
        self.worker: Worker | None = None
        self._asked: tuple[object, ...] | None = None
        # Started workers stay referenced here, on the GUI thread, until they have ended.
        self._started: list[Worker] = []

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def request(self, store: Store, settings: Settings, today: date) -> None:
        """Work the scores out for the record as it is now, unless that is done or under way."""
        asked = (store.path, settings, today, *record_version(store))
        if asked == self._asked:
            return
        self._asked = asked
        if self.worker is not None:
            self.worker.cancel()
        self._started = [worker for worker in self._started if worker.running]
        worker = Worker(partial(creator_health_steps, store.path, settings, today))
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.worker = worker
        self._started.append(worker)
        worker.start()

    def _on_finished(self, reports: list[QualityReport]) -> None:
        if self.sender() is not self.worker:
            return
        self.worker = None
        self.reports = {report.account.id: report for report in reports}
        self.loaded.emit(self.reports)

    def _on_failed(self, error: BaseException) -> None:
        if self.sender() is not self.worker:
            return
        self.worker = None
        self._asked = None
        self.failed.emit(f"Audience health could not be worked out ({error}).")


def health_loader(context: AppContext) -> HealthLoader:
    """The context's HealthLoader, made on first use and living as long as the context."""
    loader = context.findChild(HealthLoader)
    return loader if loader is not None else HealthLoader(context)


def record_version(store: Store) -> tuple[int, int]:
    """Changes to the record: this connection's writes and other connections' commits."""
    others = store.conn.execute("PRAGMA data_version").fetchone()[0]
    return store.conn.total_changes, others


# --- widgets --------------------------------------------------------------------------------------


def _label(text: str, object_name: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    set_role(label, object_name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    set_role(label, "cardTitle")
    return label


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        widget = grid.takeAt(0).widget()
        if widget is not None:
            widget.deleteLater()


def _grid(stretch: Sequence[int]) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(10)
    for column, factor in enumerate(stretch):
        grid.setColumnStretch(column, factor)
    return grid


class HealthView(QScrollArea):
    """An account's audience health: the score, its parts, and its follower jumps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: QualityReport | None = None
        self.part_rows: list[tuple[str, ...]] = []
        self.jump_rows: list[tuple[str, ...]] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.score_label = _label(NOT_KNOWN, "cardValue")
        self.out_of_label = _label("/ 100", "cardCaption")
        self.band_label = _label("", "cardTitle")
        self.summary_label = _label("", "muted", wrap=True)
        self.parts = _grid(PART_STRETCH)
        self.jumps_title = _heading("Follower jumps")
        self.jumps_caption = _label("", "cardCaption", wrap=True)
        self.jumps = _grid(JUMP_STRETCH)
        self.flagged_labels: list[QLabel] = []
        self._lay_out()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_flagged()
        super().changeEvent(event)

    def _paint_flagged(self) -> None:
        """Unmatched jumps in the theme's loss colour, light or dark."""
        style = f"color: {chart_theme(self.palette()).loss}; font-weight: 600;"
        for label in self.flagged_labels:
            label.setStyleSheet(style)

    def _lay_out(self) -> None:
        score = QHBoxLayout()
        score.setSpacing(8)
        score.addWidget(self.score_label, 0, Qt.AlignmentFlag.AlignBaseline)
        score.addWidget(self.out_of_label, 0, Qt.AlignmentFlag.AlignBaseline)
        score.addSpacing(10)
        score.addWidget(self.band_label, 0, Qt.AlignmentFlag.AlignBaseline)
        score.addStretch(1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 4, 8, 8)
        column.setSpacing(6)
        column.addLayout(score)
        column.addWidget(self.summary_label)
        column.addSpacing(10)
        column.addLayout(self.parts)
        column.addSpacing(18)
        column.addWidget(self.jumps_title)
        column.addWidget(self.jumps_caption)
        column.addSpacing(4)
        column.addLayout(self.jumps)
        column.addStretch(1)
        self.setWidget(body)
        # The view sits on a card: the card's colour shows through (setWidget fills it).
        body.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)

    def show_message(self, text: str) -> None:
        """No score to show (no account, no numbers, or it could not be worked out)."""
        self.report = None
        self.score_label.setText(NOT_KNOWN)
        self.band_label.setText("")
        self.summary_label.setText(text)
        self._show_parts([])
        self._show_jumps([], "")

    def show_report(self, report: QualityReport) -> None:
        self.report = report
        self.score_label.setText(score_text(report))
        self.band_label.setText(report.band or "")
        self.summary_label.setText(summary_text(report))
        self._show_parts(report.components)
        self._show_jumps(ordered_jumps(report.jumps), jumps_caption(report))

    def _show_parts(self, judgements: Sequence[Judgement]) -> None:
        self.part_rows = [
            (j.component.label, j.value_text, j.compared_with, effect_text(j), j.advice)
            for j in judgements
        ]
        _clear(self.parts)
        if not self.part_rows:
            return
        for column, heading in enumerate(PART_HEADINGS):
            self.parts.addWidget(_heading(heading), 0, column)
        for row, (judgement, cells) in enumerate(zip(judgements, self.part_rows, strict=True), 1):
            for column, text in enumerate(cells):
                name = "cardCaption" if column in (2, 4) or not judgement.judged else ""
                label = _label(text, name, wrap=True)
                if column == 2:
                    label.setToolTip(judgement.source)
                self.parts.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)

    def _show_jumps(self, jumps: Sequence[FollowerJump], caption: str) -> None:
        self.jumps_caption.setText(caption)
        shown = list(jumps[:MOST_JUMPS_SHOWN])
        self.jump_rows = [jump_cells(jump) for jump in shown]
        self.flagged_labels = []
        _clear(self.jumps)
        self.jumps_title.setVisible(bool(caption))
        if not shown:
            return
        for column, heading in enumerate(JUMP_HEADINGS):
            self.jumps.addWidget(_heading(heading), 0, column)
        for row, (jump, cells) in enumerate(zip(shown, self.jump_rows, strict=True), 1):
            for column, text in enumerate(cells):
                label = _label(text, wrap=column >= 3)
                if jump.flagged:
                    self.flagged_labels.append(label)
                self.jumps.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
        if len(jumps) > len(shown):
            more = _label(f"and {len(jumps) - len(shown)} more", "cardCaption")
            self.jumps.addWidget(more, len(shown) + 1, 0, 1, len(JUMP_HEADINGS))
        self._paint_flagged()
