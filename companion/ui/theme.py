"""The look of the app: Fusion, a light and a dark palette that follow the system, and a small stylesheet."""

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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
    app.setStyleSheet(build_stylesheet(colors))


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


def build_stylesheet(colors: ThemeColors) -> str:
    """Only what the palette cannot say: the sidebar, titles, empty states and cards."""
    c = colors
    return f"""
QFrame#sidebarPanel {{ background: {c.sidebar}; border-right: 1px solid {c.border}; }}
QLabel#sidebarHeading {{ color: {c.muted}; font-weight: 600; padding: 14px 18px 6px 18px; }}
QListWidget#sidebar {{
    background: transparent; border: none; outline: none; padding: 4px 8px;
    qproperty-horizontalScrollBarPolicy: ScrollBarAlwaysOff;
}}
QListWidget#sidebar::item {{
    height: 36px; padding: 0 8px; margin: 1px 0; border-radius: 6px; color: {c.text};
}}
QListWidget#sidebar::item:hover:!selected {{ background: {c.hover}; }}
QListWidget#sidebar::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QLabel#pageTitle {{ font-size: 20pt; font-weight: 600; color: {c.text}; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#emptyStateTitle {{ font-size: 18pt; font-weight: 600; color: {c.text}; }}
QLabel#emptyStateBody {{ font-size: 11pt; color: {c.muted}; }}
QLabel#emptyStateNote {{ color: {c.muted}; }}
QFrame#card {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 10px;
}}
QFrame#card QLabel {{ background: transparent; border: none; }}
QLabel#cardTitle {{ color: {c.muted}; font-weight: 600; }}
QLabel#cardValue {{ font-size: 22pt; font-weight: 600; color: {c.text}; }}
QLabel#cardCaption {{ color: {c.muted}; }}
QLabel#cardHandle {{ color: {c.muted}; qproperty-textInteractionFlags: TextSelectableByMouse; }}
QLabel#healthLink {{
    qproperty-textInteractionFlags: "LinksAccessibleByMouse|LinksAccessibleByKeyboard";
}}
QLabel#dialogTitle {{ font-size: 15pt; font-weight: 600; color: {c.text}; }}
QLabel#dialogBody {{ color: {c.text}; }}
QLabel#dialogDetail {{ color: {c.muted}; }}
QPushButton#primaryButton {{
    background: {c.accent}; color: {c.on_accent}; border: 1px solid {c.accent};
    border-radius: 4px; padding: 3px 14px;
}}
QPushButton#primaryButton:hover {{ background: {QColor(c.accent).lighter(112).name()}; }}
QPushButton#primaryButton:pressed {{ background: {QColor(c.accent).darker(115).name()}; }}
QPushButton#primaryButton:focus {{ border: 1px solid {c.text}; }}
QPushButton#primaryButton:disabled {{
    background: {c.alt_surface}; color: {c.muted}; border: 1px solid {c.border};
}}
QStatusBar {{ border-top: 1px solid {c.border}; }}
QStatusBar QLabel#databaseLabel {{ color: {c.muted}; padding: 0 8px; }}
QStatusBar QLabel#readOnlyBadge {{
    color: {c.on_accent}; background: {c.accent}; border-radius: 4px; padding: 1px 6px;
}}
"""
