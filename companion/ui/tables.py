"""Data tables in the theme's colours: room around the cells and a quiet header."""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTableView, QWidget

from companion.ui.theme import ThemeColors, current_colors

CELL_SIDE_PADDING = 6
TEXT_MARGIN = 3
"""Qt's own margin around an item's text, added to the header's padding so titles line up."""
OBJECT_NAME = "dataTable"


class ThemedTable(QTableView):
    """A table view that restyles itself when the palette changes (light, dark, system)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self._follow_theme()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_theme()
        super().changeEvent(event)

    def _follow_theme(self) -> None:
        style = table_style(current_colors())
        # Setting a style sheet changes the palette again: only set it when it differs.
        if style != self.styleSheet():
            self.setStyleSheet(style)


def table_style(colors: ThemeColors) -> str:
    """Room around the cells and a quiet header, in the theme's colours (the app's style
    sheet leaves tables alone)."""
    c = colors
    table = f"QTableView#{OBJECT_NAME}"
    return f"""
{table} {{
    background: {c.surface}; alternate-background-color: {c.alt_surface};
    border: 1px solid {c.border}; border-radius: 6px; outline: none;
}}
{table}::item {{ padding: 0 {CELL_SIDE_PADDING}px; border: none; }}
{table}::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
{table} QHeaderView::section {{
    background: {c.window}; color: {c.muted}; font-weight: 600;
    border: none; border-bottom: 1px solid {c.border};
    padding: 4px {CELL_SIDE_PADDING + TEXT_MARGIN}px;
}}
"""
