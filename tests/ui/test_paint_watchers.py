"""Waiting for the window's paints: work that must not take turns on the interpreter with them."""

import time

from PySide6.QtWidgets import QLabel, QListWidget

from companion.ui.app import AfterPainting


def shown_label(qtbot) -> QLabel:
    label = QLabel("725 days since 21 Nov 2024")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    return label


def test_it_settles_once_the_widget_has_stopped_painting(qtbot):
    label = shown_label(qtbot)
    calls: list[float] = []
    asked = time.monotonic()
    after = AfterPainting(label, label, quiet_ms=80, latest_ms=5000)
    after.settled.connect(lambda: calls.append(time.monotonic()))
    after.arm()
    for _ in range(4):  # a paint every 40 ms: never 80 ms without one
        qtbot.wait(40)
        label.repaint()
    assert calls == []
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=2000)
    assert calls[0] - asked >= 0.2
    qtbot.wait(150)
    assert len(calls) == 1  # once for one arming


def test_it_settles_soon_when_nothing_paints(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    calls: list[str] = []
    after = AfterPainting(label, label, quiet_ms=30, latest_ms=5000)
    after.settled.connect(lambda: calls.append("run"))
    after.arm()
    qtbot.waitUntil(lambda: calls == ["run"], timeout=1000)


def test_it_settles_at_the_latest_however_much_is_painted(qtbot):
    label = shown_label(qtbot)
    calls: list[str] = []
    after = AfterPainting(label, label, quiet_ms=100, latest_ms=200)
    after.settled.connect(lambda: calls.append("run"))
    after.arm()
    deadline = time.monotonic() + 0.6
    while not calls and time.monotonic() < deadline:
        label.repaint()
        qtbot.wait(20)
    assert calls == ["run"]


def test_arming_again_restarts_the_wait_and_settles_once(qtbot):
    label = shown_label(qtbot)
    calls: list[float] = []
    after = AfterPainting(label, label, quiet_ms=60, latest_ms=5000)
    after.settled.connect(lambda: calls.append(time.monotonic()))
    after.arm()
    qtbot.wait(40)
    rearmed = time.monotonic()
    after.arm()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=1000)
    assert calls[0] - rearmed >= 0.055
    qtbot.wait(100)
    assert len(calls) == 1
    after.arm()
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=1000)


def test_a_view_s_viewport_is_watched_for_the_view(qtbot):
    """A widget Qt made (a view's viewport) is watched on behalf of the view, which owns it."""
    view = QListWidget()
    qtbot.addWidget(view)
    view.addItems([f"day {n}" for n in range(50)])
    view.show()
    qtbot.waitExposed(view)
    calls: list[str] = []
    after = AfterPainting(view.viewport(), view, quiet_ms=30, latest_ms=2000)
    after.settled.connect(lambda: calls.append("run"))
    after.arm()
    view.viewport().update()
    qtbot.waitUntil(lambda: calls == ["run"], timeout=1000)
