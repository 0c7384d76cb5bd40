"""Roles: the look a widget gets from its role, kept in step with the theme, with no app-wide style sheet."""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from companion.ui.pages.base import CardFrame
from companion.ui.status_bar import StatusBar
from companion.ui.theme import (
    DARK,
    LIGHT,
    ROLE_LOOKS,
    Appearance,
    install_theme,
    scaled_font,
    set_role,
)


def text_colour(widget: QWidget) -> str:
    return widget.palette().color(widget.foregroundRole()).name().upper()


def test_a_role_gives_its_font_and_colour(qtbot, qapp):
    install_theme(qapp).set_appearance(Appearance.LIGHT)
    title, note = QLabel("Dashboard"), QLabel("Tiers follow the Standard definition.")
    qtbot.addWidget(title)
    qtbot.addWidget(note)
    set_role(title, "pageTitle")
    set_role(note, "muted")
    assert title.objectName() == "pageTitle"
    assert title.font().pointSizeF() == 20
    assert title.font().weight() == QFont.Weight.DemiBold
    assert text_colour(title) == LIGHT.text
    assert text_colour(note) == LIGHT.muted
    assert note.font().weight() == QApplication.font().weight()


def test_a_scaled_heading_has_the_roles_heading_weight(qtbot):
    heading, line = QLabel("Growth and engagement"), QLabel("Nina Ferreira · 3 accounts")
    qtbot.addWidget(heading)
    qtbot.addWidget(line)
    size = heading.font().pointSizeF()
    heading.setFont(scaled_font(heading, 1.25))
    line.setFont(scaled_font(line, 1.15, bold=False))
    assert heading.font().pointSizeF() == size * 1.25
    assert heading.font().weight() == QFont.Weight.DemiBold  # as set_role's headings
    assert line.font().pointSizeF() == size * 1.15
    assert line.font().weight() == QApplication.font().weight()


def test_roles_take_the_new_theme_colours(qtbot, qapp):
    manager = install_theme(qapp)
    manager.set_appearance(Appearance.LIGHT)
    note = QLabel("followers · as of 7 Dec 2026")
    qtbot.addWidget(note)
    set_role(note, "cardCaption")
    manager.set_appearance(Appearance.DARK)
    assert text_colour(note) == DARK.muted
    manager.set_appearance(Appearance.LIGHT)
    assert text_colour(note) == LIGHT.muted


def test_a_role_sets_text_interaction_without_a_style_sheet(qtbot):
    handle = QLabel("@nina.eats.abroad")
    qtbot.addWidget(handle)
    set_role(handle, "cardHandle")
    flags = handle.textInteractionFlags()
    assert flags == type(flags).TextSelectableByMouse
    assert handle.styleSheet() == ""


def test_a_button_that_stops_being_primary_loses_the_accent(qtbot, qapp):
    install_theme(qapp).set_appearance(Appearance.LIGHT)
    button = QPushButton("Import")
    qtbot.addWidget(button)
    set_role(button, "primaryButton")
    assert LIGHT.accent in button.styleSheet()
    set_role(button, "")
    assert button.styleSheet() == ""
    assert button.objectName() == ""


def test_every_role_with_a_style_sheet_says_something_in_both_themes():
    for role, look in ROLE_LOOKS.items():
        if look.sheet is not None:
            assert look.sheet(LIGHT) != look.sheet(DARK), role


def test_the_app_has_no_application_wide_style_sheet(make_window):
    """One would take every widget's polish and paint through Qt's style sheet engine."""
    make_window()
    assert QApplication.instance().styleSheet() == ""


def test_a_card_is_painted_in_the_surface_colour_inside_a_border(qtbot, qapp):
    install_theme(qapp).set_appearance(Appearance.DARK)
    page = QWidget()
    qtbot.addWidget(page)
    card = CardFrame(page)
    card.resize(120, 80)
    page.resize(140, 100)
    card.move(10, 10)
    image = page.grab().toImage()
    assert image.pixelColor(70, 50).name().upper() == DARK.surface
    assert image.pixelColor(70, 10).name().upper() == DARK.border
    assert image.pixelColor(5, 5).name().upper() == DARK.window


def test_the_status_bar_has_a_line_along_its_top(qtbot, qapp):
    install_theme(qapp).set_appearance(Appearance.LIGHT)
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.resize(300, 24)
    image = bar.grab().toImage()
    assert image.pixelColor(150, 0).name().upper() == LIGHT.border
    assert image.pixelColor(150, 12) != image.pixelColor(150, 0)
