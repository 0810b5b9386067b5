"""Contrast measured on the rendered picture, not on the palette: test_palette.py checks colour
pairs; this checks what is actually drawn — every meaningful line against the pixels just
outside it (its halo, as drawn), and every label's text against its fill.

The liver treatment at the end of freeze 2, in both looks and every theme. A line's pixels are
those that change when the line alone is hidden and that lie near its colour; the ring around
it is the pixels 1–3 px outside them. Its halo is 2 px wide on each side, so the ring's median
is the halo — unless the halo is missing, when it is whatever lies behind (the last test
shows the measurement then fails).
"""

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

import imagecompare as ic
from cryoviewer.ui import colours
from cryoviewer.ui.outline import OutlinedLine
from cryoviewer.ui.palette import DEFAULT, HIGH_CONTRAST, THEMES, blend

LINE_TOLERANCE = 32   # a line pixel lies within this of the line's colour in every channel
MIN_LINE_PX = 20      # fewer found pixels than this: the line is not really drawn (the liver's
                      # 8 mm tumour is about 25 px across here, its outline partly behind the
                      # probe and the isotherms close around it)
MIN_TEXT_PX = 20
LINES, TEXT = 3.0, 4.5


def line_pixels(section, item, colour) -> tuple[np.ndarray, np.ndarray]:
    """The picture, and where the item's line lies in it."""
    shown = ic.grab(section)
    item.setVisible(False)
    QApplication.processEvents()
    hidden = ic.grab(section)
    item.setVisible(True)
    QApplication.processEvents()
    changed = np.abs(shown.astype(np.int16) - hidden).max(axis=2) > 0
    return shown, changed & ic.near(shown, colour, LINE_TOLERANCE)


def meaningful_lines(section, p):
    """(name, item, colour) of the lines the current look shows."""
    lines = [("tumour outline", section.tumour_line, p.tumour_line)]
    if section.look == "patient":
        return lines + [("ice edge", section.ice_edge, p.ice_edge),
                        ("lethal edge", section.lethal_edge, p.lethal_edge)]
    return lines + [(f"{level:g} °C isotherm", item, colour) for level, item, colour
                    in zip((0, -20, -40), section.isotherm_lines, p.isotherms)]


@pytest.mark.parametrize("look", ["patient", "detailed"])
@pytest.mark.parametrize("p", THEMES.values(), ids=lambda p: p.name)
def test_every_line_stands_out_from_what_is_drawn_around_it(qtbot, themed_app, computed_runs,
                                                            p, look):
    section = ic.make_section(qtbot, computed_runs["liver-probe"], look, p)
    found = {}
    for name, item, colour in meaningful_lines(section, p):
        assert item.isVisible(), name
        picture, mask = line_pixels(section, item, colour)
        found[name] = ic.line_contrast(picture, mask)
    faint = {name: str(m) for name, m in found.items() if m.pixels < MIN_LINE_PX}
    assert not faint, f"lines hardly drawn: {faint}"
    low = {name: str(m) for name, m in found.items() if m.ratio < LINES}
    assert not low, f"lines below {LINES} : 1 against what lies around them: {low}"


@pytest.mark.parametrize("look", ["patient", "detailed"])
@pytest.mark.parametrize("p", THEMES.values(), ids=lambda p: p.name)
def test_the_labels_text_reads_on_its_fill(qtbot, themed_app, computed_runs, p, look):
    section = ic.make_section(qtbot, computed_runs["liver-probe"], look, p)
    picture = ic.grab(section)
    h, w, _ = picture.shape
    assert len(section.labels) >= 3   # the skin, the liver, the ultrasound, the scale
    for label in section.labels:
        x0, y0, x1, y1 = box = ic.item_rect(section, label, inset=2)  # inside the border
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, f"'{label.toPlainText()}' cut off"
        pixels, ratio = ic.text_contrast(picture, box)
        assert pixels >= MIN_TEXT_PX, f"'{label.toPlainText()}': no text drawn"
        assert ratio >= TEXT, f"'{label.toPlainText()}': {ratio:.2f} : 1"


# -- the measurement can fail ------------------------------------------------------------------

def drawn_ring(background: str, colour: str, halo: str, width: float) -> np.ndarray:
    """An ellipse drawn by OutlinedLine (a line on its halo) over a flat background, 120 px."""
    scene = QGraphicsScene(0, 0, 120, 120)
    scene.setBackgroundBrush(QColor(background))
    line = OutlinedLine(QRectF(0, 0, 120, 120), colour, halo, width)
    t = np.linspace(0, 2 * np.pi, 200)
    line.set_data(60 + 40 * np.cos(t), 60 + 30 * np.sin(t))
    scene.addItem(line)
    image = QImage(120, 120, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 120, 120), QRectF(0, 0, 120, 120))
    painter.end()
    return ic.to_array(image)


@pytest.mark.parametrize("p, behind, where", [
    (DEFAULT, "liver", "the tissue just outside the ice"),
    (HIGH_CONTRAST, "ice", "the ice"),
])
def test_an_ice_edge_without_its_halo_is_caught(qapp, p, behind, where):
    liver = p.tissue_colour("liver")
    background = liver if behind == "liver" else blend(liver, p.ice, colours.ICE_ALPHA)
    with_halo = drawn_ring(background, p.ice_edge, p.halo, p.width(2))
    measured = ic.line_contrast(with_halo, ic.near(with_halo, p.ice_edge, LINE_TOLERANCE))
    assert measured.pixels >= MIN_LINE_PX and measured.ratio >= LINES, str(measured)
    # the halo painted in the background's colour: as if there were none
    bare = drawn_ring(background, p.ice_edge, background, p.width(2))
    measured = ic.line_contrast(bare, ic.near(bare, p.ice_edge, LINE_TOLERANCE))
    assert measured.pixels >= MIN_LINE_PX, str(measured)
    assert measured.ratio < LINES, f"{p.name} ice edge over {where}: {measured}"


def test_grey_text_on_its_fill_is_caught():
    fill, grey = ic.rgb("#fbfcfd"), ic.rgb("#9aa3ad")   # about 2.5 : 1
    picture = np.tile(fill, (20, 60, 1)).astype(np.uint8)
    picture[6:14, 5:55:3] = grey                          # strokes of "text"
    pixels, ratio = ic.text_contrast(picture, (0, 0, 60, 20))
    assert pixels >= MIN_TEXT_PX and ratio < TEXT
