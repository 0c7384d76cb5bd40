"""The look of the app: Fusion, a light and a dark palette that follow the system, and roles.

A role (ROLE_LOOKS) is what a widget is for, as its object name: a page's title, a muted
note, a card's caption, the sidebar. `set_role` gives a widget its role's font and colours,
and `restyle_roles` gives every widget its role's colours again when the theme changes.

The app has no application-wide style sheet. One takes every widget's polish and paint
through Qt's style sheet engine, whatever it says: it cost ≈24M instructions (callgrind, 3 %
of the start-up) before the window's first paint, and as much again for each page built. Style sheets
are set only where a role needs one (the sidebar, the primary buttons, a badge), on that
widget.
"""

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

APPEARANCE_KEY = "appearance"
STYLE = "Fusion"
STYLE_SET_PROPERTY = "companionStyleSet"
"""Marks an application whose style was chosen when it was made (see new_application)."""


class Appearance(StrEnum):
    """What the creator chose in View ▸ Appearance."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class ThemeColors(NamedTuple):
    """The handful of colours everything is drawn with; text on its background is at least 4.5:1.

    One of two constant sets (LIGHT, DARK): a named tuple, a fifth of the cost of a frozen
    dataclass to define on every start.
    """

    dark: bool
    window: str
    surface: str
    alt_surface: str
    sidebar: str
    hover: str
    border: str
    text: str
    muted: str
    disabled: str
    accent: str
    on_accent: str
    link: str
    button: str
    tooltip: str
    on_tooltip: str


LIGHT = ThemeColors(
    dark=False,
    window="#F5F6F8",
    surface="#FFFFFF",
    alt_surface="#F0F2F5",
    sidebar="#ECEEF2",
    hover="#DFE3E8",
    border="#D5DAE1",
    text="#1C1F24",
    muted="#5B6472",
    disabled="#9AA1AC",
    accent="#0F766E",
    on_accent="#FFFFFF",
    link="#0F766E",
    button="#FBFBFC",
    tooltip="#1C1F24",
    on_tooltip="#FFFFFF",
)

DARK = ThemeColors(
    dark=True,
    window="#1B1E23",
    surface="#23272E",
    alt_surface="#282D34",
    sidebar="#16191D",
    hover="#2A2F37",
    border="#363C45",
    text="#E6E8EB",
    muted="#A0A8B4",
    disabled="#6B7380",
    accent="#17766E",
    on_accent="#FFFFFF",
    link="#5CC8BC",
    button="#2B3038",
    tooltip="#E6E8EB",
    on_tooltip="#1B1E23",
)


def saved_appearance() -> Appearance:
    value = QSettings().value(APPEARANCE_KEY, Appearance.SYSTEM.value)
    try:
        return Appearance(str(value))
    except ValueError:
        return Appearance.SYSTEM


def save_appearance(appearance: Appearance) -> None:
    QSettings().setValue(APPEARANCE_KEY, appearance.value)


def palette_is_dark(palette: QPalette) -> bool:
    """Light text on a dark window: how the system's palette looks under a dark scheme."""
    role = QPalette.ColorRole
    return palette.color(role.WindowText).lightness() > palette.color(role.Window).lightness()


def colors_for(appearance: Appearance, system_dark: bool) -> ThemeColors:
    if appearance is Appearance.DARK:
        return DARK
    if appearance is Appearance.LIGHT:
        return LIGHT
    return DARK if system_dark else LIGHT


class ThemeManager:
    """Keeps the application's palette in step with the creator's choice and the system's scheme."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self._appearance = saved_appearance()
        self.colors = LIGHT
        if not app.property(STYLE_SET_PROPERTY):
            app.setStyle(STYLE)
            app.setProperty(STYLE_SET_PROPERTY, True)
        # Whether the system is dark comes from its own palette, read before the app's
        # replaces it: Qt gives a dark palette under a dark colour scheme. Asking the style
        # hints for the scheme would build PySide6's Qt namespace (≈20 ms, 94 enums) before
        # the window is on screen; changes of scheme come through their signal.
        self.system_dark = palette_is_dark(QGuiApplication.palette())
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme_changed)
        self.apply()

    @property
    def appearance(self) -> Appearance:
        return self._appearance

    def set_appearance(self, appearance: Appearance) -> None:
        self._appearance = appearance
        save_appearance(appearance)
        self.apply()

    def apply(self) -> None:
        self.colors = colors_for(self._appearance, self.system_dark)
        apply_colors(self.app, self.colors)

    def _on_system_scheme_changed(self, scheme: "Qt.ColorScheme") -> None:
        from PySide6.QtCore import Qt

        self.system_dark = scheme == Qt.ColorScheme.Dark
        if self._appearance is Appearance.SYSTEM:
            self.apply()


_manager: ThemeManager | None = None


def new_application(argv: list[str]) -> QApplication:
    """A QApplication made in the app's style.

    Given on its command line, the style is set by Qt itself. `setStyle()` hands the style
    object back to Python, and PySide6 takes ≈7 ms to build the QStyle wrapper type for it:
    time a start-up spends before the window can show.
    """
    app = QApplication([*argv, "-style", STYLE])
    app.setProperty(STYLE_SET_PROPERTY, True)
    return app


def install_theme(app: QApplication) -> ThemeManager:
    """Set up the theme once per application; later calls return the same manager."""
    global _manager
    if _manager is None or _manager.app is not app:
        _manager = ThemeManager(app)
    return _manager


def current_colors() -> ThemeColors:
    return _manager.colors if _manager is not None else LIGHT


def apply_colors(app: QApplication, colors: ThemeColors) -> None:
    app.setPalette(build_palette(colors))
    restyle_roles(colors)


def build_palette(colors: ThemeColors) -> QPalette:
    role = QPalette.ColorRole
    palette = QPalette()
    shades = _border_shades(colors)
    values = {
        role.Window: colors.window,
        role.WindowText: colors.text,
        role.Base: colors.surface,
        role.AlternateBase: colors.alt_surface,
        role.Text: colors.text,
        role.BrightText: colors.on_accent,
        role.Button: colors.button,
        role.ButtonText: colors.text,
        role.Highlight: colors.accent,
        role.HighlightedText: colors.on_accent,
        role.Link: colors.link,
        role.LinkVisited: colors.link,
        role.PlaceholderText: colors.muted,
        role.ToolTipBase: colors.tooltip,
        role.ToolTipText: colors.on_tooltip,
        role.Accent: colors.accent,
        **shades,
    }
    for color_role, value in values.items():
        palette.setColor(color_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, color_role, QColor(colors.disabled))
    palette.setColor(disabled, role.Highlight, QColor(colors.border))
    return palette


def _border_shades(colors: ThemeColors) -> dict[QPalette.ColorRole, str]:
    """Fusion draws frames and bevels from these; derived from the border colour."""
    role = QPalette.ColorRole
    border = QColor(colors.border)
    if colors.dark:
        return {
            role.Light: border.lighter(130).name(),
            role.Midlight: border.lighter(115).name(),
            role.Mid: border.name(),
            role.Dark: border.darker(150).name(),
            role.Shadow: "#000000",
        }
    return {
        role.Light: "#FFFFFF",
        role.Midlight: border.lighter(108).name(),
        role.Mid: border.name(),
        role.Dark: border.darker(140).name(),
        role.Shadow: border.darker(220).name(),
    }


def sidebar_sheet(colors: ThemeColors) -> str:
    """The sidebar panel and its list: the rounded rows, their hover and the selected page."""
    c = colors
    return f"""
QFrame#sidebarPanel {{ background: {c.sidebar}; border-right: 1px solid {c.border}; }}
QListWidget#sidebar {{
    background: transparent; border: none; outline: none; padding: 4px 8px;
    qproperty-horizontalScrollBarPolicy: ScrollBarAlwaysOff;
}}
QListWidget#sidebar::item {{
    height: 36px; padding: 0 8px; margin: 1px 0; border-radius: 6px; color: {c.text};
}}
QListWidget#sidebar::item:hover:!selected {{ background: {c.hover}; }}
QListWidget#sidebar::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
"""


def primary_button_sheet(colors: ThemeColors) -> str:
    """The one button of a view or dialog that does its main job, in the accent colour."""
    c = colors
    return f"""
QPushButton {{
    background: {c.accent}; color: {c.on_accent}; border: 1px solid {c.accent};
    border-radius: 4px; padding: 3px 14px;
}}
QPushButton:hover {{ background: {QColor(c.accent).lighter(112).name()}; }}
QPushButton:pressed {{ background: {QColor(c.accent).darker(115).name()}; }}
QPushButton:focus {{ border: 1px solid {c.text}; }}
QPushButton:disabled {{
    background: {c.alt_surface}; color: {c.muted}; border: 1px solid {c.border};
}}
"""


def badge_sheet(colors: ThemeColors) -> str:
    """A short word on a rounded patch of the accent colour, such as "read-only"."""
    c = colors
    return (
        f"QLabel {{ color: {c.on_accent}; background: {c.accent};"
        " border-radius: 4px; padding: 1px 6px; }"
    )


class RoleLook(NamedTuple):
    """What a role gives its widgets. All fields are optional."""

    color: str | None = None
    """The ThemeColors field the text is drawn in, where it is not the palette's text colour."""
    point_size: float | None = None
    bold: bool = False
    """Headings' weight: 600, demibold."""
    margins: tuple[int, int, int, int] | None = None
    interaction: str | None = None
    """Qt.TextInteractionFlags by name, as Qt's property system takes them: set so, they
    do not make PySide6 build its Qt namespace (94 enums, ≈20 ms) before the first paint."""
    sheet: Callable[[ThemeColors], str] | None = None
    """A style sheet for the widget (and its children) alone."""


ROLE_LOOKS: dict[str, RoleLook] = {
    "pageTitle": RoleLook(point_size=20, bold=True),
    "muted": RoleLook("muted"),
    "emptyStateTitle": RoleLook(point_size=18, bold=True),
    "emptyStateBody": RoleLook("muted", 11),
    "cardTitle": RoleLook("muted", bold=True),
    "cardValue": RoleLook(point_size=22, bold=True),
    "cardCaption": RoleLook("muted"),
    "cardHandle": RoleLook("muted", interaction="TextSelectableByMouse"),
    "healthLink": RoleLook(interaction="LinksAccessibleByMouse|LinksAccessibleByKeyboard"),
    "dialogTitle": RoleLook(point_size=15, bold=True),
    "dialogDetail": RoleLook("muted"),
    "databaseLabel": RoleLook("muted", margins=(8, 0, 8, 0)),
    "primaryButton": RoleLook(sheet=primary_button_sheet),
    "readOnlyBadge": RoleLook(sheet=badge_sheet),
    "sidebarPanel": RoleLook(sheet=sidebar_sheet),
}


def set_role(widget: QWidget, role: str) -> None:
    """Name `widget` for its role and give it the role's look; "" takes a role away."""
    old = ROLE_LOOKS.get(widget.objectName())
    widget.setObjectName(role)
    look = ROLE_LOOKS.get(role)
    if old is not None and old.sheet is not None and (look is None or look.sheet is None):
        widget.setStyleSheet("")
    if look is not None:
        _give_look(widget, look, current_colors())


def restyle_roles(colors: ThemeColors) -> None:
    """Every widget with a role in the role's look for `colors`, after a theme change.

    A widget with a style sheet of its own keeps the palette the sheet gave it when the
    application's changes: its sheet is set again, so that its `palette(...)` colours are
    read anew and its own palette-change handler (which may write the sheet) runs.
    """
    for widget in QApplication.allWidgets():
        look = ROLE_LOOKS.get(widget.objectName())
        if look is not None:
            _give_look(widget, look, colors)
        if (look is None or look.sheet is None) and (sheet := widget.styleSheet()):
            widget.setStyleSheet(sheet)


def scaled_font(widget: QWidget, factor: float, *, bold: bool = True) -> QFont:
    """`widget`'s font `factor` times its size, demibold like the roles' headings unless not
    `bold`: for the headings and numbers whose size follows the system's font, not a role's."""
    return _heading_font(widget.font(), widget.font().pointSizeF() * factor, bold=bold)


def _heading_font(base: QFont, point_size: float | None, *, bold: bool) -> QFont:
    """`base` at `point_size` (None: as it is), in the headings' weight (600) when `bold`."""
    font = QFont(base)
    if point_size is not None:
        font.setPointSizeF(point_size)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    return font


def _give_look(widget: QWidget, look: RoleLook, colors: ThemeColors) -> None:
    if look.color is not None:
        palette = widget.palette()
        palette.setColor(widget.foregroundRole(), QColor(getattr(colors, look.color)))
        widget.setPalette(palette)
    if look.point_size is not None or look.bold:
        widget.setFont(_heading_font(widget.font(), look.point_size, bold=look.bold))
    if look.margins is not None:
        widget.setContentsMargins(*look.margins)
    if look.interaction is not None:
        widget.setProperty("textInteractionFlags", look.interaction)
    if look.sheet is not None:
        sheet = look.sheet(colors)
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)
