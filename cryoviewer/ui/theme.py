"""The calm look: the shipped font, colours and sizes that read well from a metre away."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from ..resources import resources_root

FONT_FAMILY = "Atkinson Hyperlegible"  # designed for low-vision readers; shipped in resources/fonts
INK = "#1f2a37"
MUTED = "#52606d"
PAPER = "#fbfcfd"
PANEL = "#eef3f6"
ACCENT = "#1d6a86"
ACCENT_SOFT = "#d5e8ef"
TOUCH_PX = 48  # the smallest touch target, in pixels

STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, #stage {{ background: {PAPER}; }}
#header {{ background: {ACCENT}; }}
#header QLabel {{ color: white; font-weight: bold; }}
#header QPushButton {{ color: white; background: transparent; border: 2px solid rgba(255, 255, 255, 140);
                       border-radius: 8px; padding: 4px 14px; min-height: {TOUCH_PX - 8}px; }}
#header QPushButton:pressed {{ background: rgba(255, 255, 255, 50); }}
#sections {{ background: {PANEL}; border: none; outline: none; }}
#sections::item {{ min-height: {TOUCH_PX}px; padding: 0px 12px; border-left: 6px solid transparent;
                   color: {INK}; }}
#sections::item:selected {{ background: {ACCENT_SOFT}; border-left: 6px solid {ACCENT};
                            color: {INK}; font-weight: bold; }}
#sections::item:hover:!selected {{ background: #e3ecf1; }}
#sectionTitle {{ color: {ACCENT}; font-weight: bold; }}
#reader {{ background: {PAPER}; border: none; }}
QScrollBar:vertical {{ background: transparent; width: 14px; margin: 0; }}
QScrollBar::handle:vertical {{ background: #b8c4ce; border-radius: 7px; min-height: {TOUCH_PX}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
#position, #notice {{ color: {MUTED}; }}
#diagram QPushButton {{ background: {PANEL}; color: {INK}; border: 2px solid #c9d6de;
                        border-radius: 10px; padding: 4px 10px; min-height: {TOUCH_PX - 12}px;
                        min-width: {TOUCH_PX - 24}px; }}
#diagram QPushButton:checked {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
#diagram QPushButton:pressed {{ background: {ACCENT_SOFT}; }}
#diagram QPushButton#control {{ background: {ACCENT}; border-color: {ACCENT}; color: white;
                                font-weight: bold; }}
#diagram QPushButton#control:pressed {{ background: #155169; }}
#diagram {{ background: {PAPER}; }}
#caption {{ color: {INK}; }}
#clock {{ color: {ACCENT}; font-weight: bold; }}
#progress {{ color: {MUTED}; }}
#navigation QPushButton {{ background: {ACCENT}; color: white; border: none; border-radius: 10px;
                           padding: 4px 22px; min-height: {TOUCH_PX}px; font-weight: bold; }}
#navigation QPushButton:disabled {{ background: #b8c4ce; color: #f4f6f8; }}
#navigation QPushButton:pressed {{ background: #155169; }}
"""


def install(app: QApplication) -> None:
    """Load the shipped font and apply the stylesheet to the whole application."""
    fonts = resources_root() / "fonts"
    for path in sorted(fonts.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    font = QFont(FONT_FAMILY)
    font.setPixelSize(18)
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT_SOFT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(INK))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)


def text_px(window_height: int, zoom: float) -> int:
    """Body text size for a window: about 25 px on a 1080-line kiosk, 18 px on a laptop."""
    base = max(18, min(28, round(window_height * 0.0235)))
    return round(base * zoom)
