"""The Qt binding installed is one the app can run on for hours."""

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_do_not_leak_references_to_none(qtbot):
    # PySide6 6.12.0 dropped one reference to None per void call; on Python 3.11 a long
    # session then aborted with "deallocating None" (hence the pin in pyproject.toml).
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("Nina Ferreira")
    assert before - sys.getrefcount(None) < 50
