"""The calm look: the shipped font, and a style sheet made from a palette and a text size.

Everything on screen scales with one number, the text size in pixels: the reading text, the
list, the buttons, the captions. The style sheet is rebuilt only when the palette or that number
changes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from ..resources import resources_root
from .palette import DEFAULT, Palette

# Atkinson Hyperlegible, designed for low-vision readers, with a plain zero: its slashed zero read
# as "Ø" ("1Ø:ØØ"). Every other glyph is Atkinson's own. Shipped in resources/fonts as
# CryoViewerSans-*.ttf, made by tools/make_font.py.
FONT_FAMILY = "CryoViewer Sans"
TOUCH_PX = 48  # the smallest touch target, in pixels
FOCUS_PX = 3   # the keyboard focus ring


def font(px: int) -> QFont:
    """The viewer's font at a pixel size (for pictures that do not take the window's font)."""
    result = QFont(FONT_FAMILY)
    result.setPixelSize(px)
    return result


def small_px(px: int) -> int:
    """Labels and buttons: a little smaller than the reading text, never below 14 px."""
    return max(14, round(px * 0.8))


def stylesheet(p: Palette, px: int) -> str:
    """The whole window's style for a palette and a reading-text size in pixels."""
    small, title = small_px(px), round(px * 1.45)
    touch = max(TOUCH_PX, round(small * 2.4))
    ring = FOCUS_PX
    # A focused button shows a ring in the focus colour, which contrasts with the page around
    # it. Its box is as large as an unfocused button's (2 px border, padding ring + 1 by
    # 10 px): a button laid out while focused must not be too narrow for its words once the
    # focus leaves it.
    focus = f"border: {ring}px solid {p.focus}; padding: {ring}px {12 - ring}px;"
    return f"""
QWidget {{ color: {p.ink}; font-size: {small}px; }}
QMainWindow, #stage, #diagram, #reading {{ background: {p.paper}; }}
QToolTip {{ color: {p.ink}; background: {p.paper}; border: 1px solid {p.border}; }}
#header {{ background: {p.header}; }}
#header QLabel, #packTitle {{ color: {p.on_header}; font-weight: bold; font-size: {px}px; }}
#pages {{ background: {p.paper}; }}
#sections {{ background: {p.panel}; border: none; outline: none; font-size: {round(px * 0.95)}px; }}
#sections:focus {{ border: {ring}px solid {p.focus}; }}
#sections::item {{ min-height: {touch}px; padding: 0px 12px; border-left: 6px solid transparent;
                   color: {p.ink}; }}
#sections::item:selected {{ background: {p.accent_soft}; border-left: 6px solid {p.accent};
                            color: {p.ink}; font-weight: bold; }}
#sections::item:hover:!selected {{ background: {p.accent_soft}; }}
#sectionTitle {{ color: {p.accent}; font-weight: bold; font-size: {title}px; }}
#reader {{ background: {p.paper}; border: {ring}px solid transparent; }}
#reader:focus {{ border: {ring}px solid {p.focus}; }}
QScrollBar:vertical {{ background: transparent; width: {max(14, round(small * 0.9))}px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {p.handle}; border-radius: {max(7, round(small * 0.45))}px;
                               min-height: {touch}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
#position, #notice, #progress {{ color: {p.muted}; }}
#caption {{ color: {p.ink}; font-size: {px}px; }}
#clock {{ color: {p.accent}; font-weight: bold; }}
QPushButton {{ background: {p.paper}; color: {p.ink}; border: 2px solid {p.border};
               border-radius: 10px; padding: {ring + 1}px 10px; min-height: {touch - 2 * ring - 6}px;
               min-width: {touch - 2 * ring - 24}px; }}
QPushButton:checked {{ background: {p.accent}; color: {p.on_accent}; border-color: {p.accent}; }}
QPushButton:pressed {{ background: {p.accent_soft}; color: {p.ink}; }}
QPushButton:disabled {{ background: {p.disabled}; color: {p.on_disabled}; border-color: {p.disabled}; }}
QPushButton#control, #navigation QPushButton {{ background: {p.accent}; border-color: {p.accent};
                                                color: {p.on_accent}; font-weight: bold; }}
#navigation QPushButton {{ padding: {ring + 1}px 22px; }}
QPushButton#control:pressed, #navigation QPushButton:pressed {{ background: {p.accent_soft};
                                                                color: {p.ink}; }}
#navigation QPushButton:disabled {{ background: {p.disabled}; color: {p.on_disabled};
                                    border-color: {p.disabled}; }}
QPushButton:focus, QPushButton#control:focus, #navigation QPushButton:focus {{ {focus} }}
#navigation QPushButton:focus {{ padding: {ring}px {24 - ring}px; }}
#header QPushButton {{ background: {p.header}; color: {p.on_header}; border-color: {p.on_header}; }}
#header QPushButton:focus {{ border: {ring}px solid {p.on_header};
    padding: {ring}px {12 - ring}px; background: {p.on_header}; color: {p.header}; }}
"""


def install(app: QApplication, p: Palette = DEFAULT, px: int = 18) -> None:
    """Load the shipped font, then apply a palette and text size to the whole application."""
    fonts = resources_root() / "fonts"
    if FONT_FAMILY not in QFontDatabase.families():
        # Its files are named after it (CryoViewerSans-Regular.ttf ...); no other font is loaded.
        for path in sorted(fonts.glob(FONT_FAMILY.replace(" ", "") + "-*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
    font = QFont(FONT_FAMILY)
    font.setPixelSize(18)
    app.setFont(font)
    apply(app, p, px)


def apply(app: QApplication, p: Palette, px: int) -> None:
    """Colours and sizes for every widget (cheap to call again: only a change is applied)."""
    key = (p.name, px)
    if app.property("cryoviewer-style") == repr(key):
        return
    palette = QPalette(app.palette())
    for role, colour in ((QPalette.ColorRole.Window, p.paper), (QPalette.ColorRole.Base, p.paper),
                         (QPalette.ColorRole.WindowText, p.ink), (QPalette.ColorRole.Text, p.ink),
                         (QPalette.ColorRole.ButtonText, p.ink),
                         (QPalette.ColorRole.Link, p.accent),
                         (QPalette.ColorRole.Highlight, p.accent_soft),
                         (QPalette.ColorRole.HighlightedText, p.ink)):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(p, px))
    app.setProperty("cryoviewer-style", repr(key))


def text_px(window_height: int, text_size: int) -> int:
    """Reading text for a window: about 25 px on a 1080-line kiosk, 18 px on a laptop, times
    the chosen text size (100–200 %)."""
    base = max(18, min(28, round(window_height * 0.0235)))
    return round(base * text_size / 100)
