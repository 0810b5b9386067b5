"""Digits read unambiguously: the viewer's font draws a plain zero (no dot, and no slash, which
patients read as "Ø": "1Ø:ØØ") that is still unlike the capital O, wherever text is drawn: the
application font, a label under the style sheet, the reader's text document. Every other glyph is
Atkinson Hyperlegible's own.

A zero is judged from its pixels, drawn large: a stroke through its middle (a slash or a dot)
leaves ink in the centre of the glyph's box, where a plain zero has only its counter. The letter
Ø is the control: the same check must find its slash.
"""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QLabel

from cryoviewer.content import Section
from cryoviewer.resources import resources_root
from cryoviewer.ui import theme
from cryoviewer.ui.reader import Reader

PX = 120  # large enough that a stroke through the middle is many pixels wide
STYLES = {"Regular": (False, False), "Bold": (True, False), "Italic": (False, True),
          "BoldItalic": (True, True)}
FONTS = resources_root() / "fonts"
ORIGINAL = "AtkinsonHyperlegible-{}.ttf"      # the font CryoViewer Sans is made from
ORIGINALS = Path(__file__).resolve().parent.parent / "tools" / "atkinson"  # not shipped
SHIPPED = theme.FONT_FAMILY.replace(" ", "") + "-{}.ttf"


# -- judging a glyph from its pixels --------------------------------------------------------------

def ink(image: QImage) -> np.ndarray:
    """How far each pixel is from the background (the top-left pixel), 0-255, cropped to the
    ink's bounding box."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
    pixels = rows[:, :gray.width()].astype(int)
    distance = np.abs(pixels - pixels[0, 0])
    ys, xs = np.nonzero(distance > 64)
    assert len(xs), "nothing was drawn"
    return distance[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def crossed(glyph: np.ndarray) -> bool:
    """Ink in the middle fifth (across and down) of the glyph's box: a slash or a dot."""
    h, w = glyph.shape
    return bool((glyph[round(h * 0.4):round(h * 0.6), round(w * 0.4):round(w * 0.6)] > 128).any())


def painted(font: QFont, text: str) -> np.ndarray:
    image = QImage(4 * PX, 2 * PX, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(PX // 2, round(1.4 * PX), text)
    painter.end()
    return ink(image)


def painted_raw(path: Path, text: str) -> np.ndarray:
    """A character's outline straight from a font file, not added to the application's fonts."""
    raw = QRawFont(str(path), PX)
    assert raw.isValid(), path
    (index,) = raw.glyphIndexesForString(text)
    image = QImage(4 * PX, 2 * PX, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillPath(raw.pathForGlyph(index).translated(PX // 2, round(1.4 * PX)), QColor("black"))
    painter.end()
    return ink(image)


def app_font(app, style: str) -> QFont:
    font = QFont(app.font())
    font.setPixelSize(PX)
    font.setBold(STYLES[style][0])
    font.setItalic(STYLES[style][1])
    return font


def assert_plain_zero(zero: np.ndarray, capital_o: np.ndarray) -> None:
    assert not crossed(zero), "the zero has a stroke through its middle"
    # Unlike the round O, the zero is a narrow oval: as tall, at most 90 % as wide.
    assert abs(zero.shape[0] - capital_o.shape[0]) <= 0.05 * capital_o.shape[0]
    assert zero.shape[1] <= 0.9 * capital_o.shape[1], (zero.shape, capital_o.shape)


# -- the application font -------------------------------------------------------------------------

def test_the_application_font_is_the_shipped_one(themed_app):
    assert QFontInfo(themed_app.font()).family() == theme.FONT_FAMILY  # not a system fallback
    assert set(QFontDatabase.styles(theme.FONT_FAMILY)) >= {"Regular", "Bold", "Italic",
                                                            "Bold Italic"}
    assert QFont(theme.FONT_FAMILY).family() == themed_app.font().family()


@pytest.mark.parametrize("style", STYLES)
def test_the_check_finds_a_slash(themed_app, style):
    assert crossed(painted(app_font(themed_app, style), "Ø"))


@pytest.mark.parametrize("style", STYLES)
def test_the_zero_is_plain_and_unlike_o(themed_app, style):
    font = app_font(themed_app, style)
    assert_plain_zero(painted(font, "0"), painted(font, "O"))


@pytest.mark.parametrize("style", STYLES)
def test_atkinson_hyperlegibles_own_zero_fails_the_check(qapp, style):
    """What the viewer had before: Atkinson Hyperlegible's slashed zero does not pass."""
    path = ORIGINALS / ORIGINAL.format(style)
    if not path.is_file():
        pytest.skip(f"{path.name} is not in {ORIGINALS}")
    assert crossed(painted_raw(path, "0"))
    assert not crossed(painted_raw(FONTS / SHIPPED.format(style), "0"))


@pytest.mark.parametrize("style", STYLES)
def test_every_other_glyph_is_atkinson_hyperlegibles(qapp, style):
    """Same characters, same outlines, same advances: only the zero differs."""
    path = ORIGINALS / ORIGINAL.format(style)
    if not path.is_file():
        pytest.skip(f"{path.name} is not in {ORIGINALS}")
    original, shipped = QRawFont(str(path), 100), QRawFont(str(FONTS / SHIPPED.format(style)), 100)
    differing, compared = [], 0
    for code in list(range(0x20, 0x250)) + [0x2013, 0x2014, 0x2212, 0x2022, 0x20AC]:
        char = chr(code)
        if original.supportsCharacter(code) != shipped.supportsCharacter(code):
            differing.append(char)
        elif original.supportsCharacter(code):
            (a,), (b,) = original.glyphIndexesForString(char), shipped.glyphIndexesForString(char)
            same_outline = original.pathForGlyph(a) == shipped.pathForGlyph(b)
            same_advance = (original.advancesForGlyphIndexes([a])
                            == shipped.advancesForGlyphIndexes([b]))
            if not (same_outline and same_advance):
                differing.append(char)
            compared += 1
    assert compared > 200
    assert differing == ["0"]


# -- where the viewer draws text ------------------------------------------------------------------

@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_a_label_under_the_style_sheet_draws_a_plain_zero(qtbot, themed_app, bold):
    shapes = {}
    for text in ("0", "O"):
        label = QLabel(text)
        label.setObjectName("clock" if bold else "position")  # bold, or not, in the style sheet
        label.setStyleSheet(f"font-size: {PX}px;")
        qtbot.addWidget(label)
        label.show()
        qtbot.waitExposed(label)
        assert QFontInfo(label.font()).family() == theme.FONT_FAMILY
        assert label.font().bold() == bold
        shapes[text] = ink(label.grab().toImage())
    assert_plain_zero(shapes["0"], shapes["O"])


def test_the_readers_text_draws_a_plain_zero(qtbot, themed_app):
    shapes = {}
    for text in ("0", "O"):
        reader = Reader()
        qtbot.addWidget(reader)
        reader.set_text_px(PX)
        reader.show_section(Section(id="s", title="S", order=1, body=text, path=Path("s.md"),
                                    body_line=1))
        assert QFontInfo(reader.document().defaultFont()).family() == theme.FONT_FAMILY
        assert reader.document().defaultFont().pixelSize() == PX
        document = reader.document().clone(reader)  # its text and formats, laid out here
        document.setTextWidth(4 * PX)
        size = document.size().toSize()
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        document.drawContents(painter)
        painter.end()
        shapes[text] = ink(image)
    assert_plain_zero(shapes["0"], shapes["O"])
    # The same zero as the application font draws.
    direct = painted(app_font(themed_app, "Regular"), "0")
    assert abs(shapes["0"].shape[1] - direct.shape[1]) <= 2
