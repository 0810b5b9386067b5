"""Pictures for the tests: render the cross-section, compare images with a tolerance, keep small
golden PNGs, and measure the contrast of what is actually drawn.

Modelled on pyqtgraph's tests/image_testing.py (a threshold on each pixel's largest channel
difference, a count of pixels allowed over it, saved failures with a difference image), much
smaller and with no auditing window: approval is an environment variable (see test_golden.py).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from cryoviewer.scenario.playback import Playback
from cryoviewer.ui.palette import contrast
from cryoviewer.ui.scene import CrossSection

GOLDEN = Path(__file__).resolve().parent / "golden"
SIZE = (360, 360)      # the picture, in pixels (device pixel ratio 1: offscreen)
TEXT_PX = 14           # the labels' text
THRESHOLD = 40         # a pixel differs when one of its channels differs by more than this …
MAX_SHARE = 0.002      # … and at most this share of the pixels may differ (260 of 360 × 360:
                       # losing the smallest thing that matters, the "Skin" label over the
                       # paper, changes 330; the liver's tumour outline, 650),
MAX_MEAN = 4.0         # with this mean difference (0–255) over all pixels
COLOURS = 256          # golden PNGs are stored with a palette of this many colours
APPROVE = "CRYOVIEWER_APPROVE_IMAGES"
FAILURES = "CRYOVIEWER_IMAGE_FAILURES"  # where failed comparisons are written (default: temp)


# -- images as arrays --------------------------------------------------------------------------

def to_array(image: QImage) -> np.ndarray:
    """rows × columns × 3 (RGB, uint8) of a QImage of any format."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, line = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8, count=line * h).reshape(h, line)
    return rows[:, :3 * w].reshape(h, w, 3).copy()


def to_image(pixels: np.ndarray) -> QImage:
    """A QImage (RGB888, its own copy) of rows × columns × 3 uint8."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w, _ = pixels.shape
    return QImage(pixels.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def load(path: Path) -> np.ndarray | None:
    image = QImage(str(path))
    return None if image.isNull() else to_array(image)


def save(pixels: np.ndarray, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not to_image(pixels).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def save_small(pixels: np.ndarray, path: Path, colours: int = COLOURS) -> np.ndarray:
    """Write a PNG with a palette of at most `colours` (a third of the size of full colour;
    the error stays well inside the comparison's tolerance). Returns the pixels as stored."""
    table, index = quantize(pixels, colours)
    h, w = index.shape
    image = QImage(w, h, QImage.Format.Format_Indexed8)
    image.setColorTable([0xFF000000 | int(r) << 16 | int(g) << 8 | int(b) for r, g, b in table])
    line = image.bytesPerLine()
    np.frombuffer(image.bits(), np.uint8).reshape(h, line)[:, :w] = index
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG", 0):  # quality 0: the strongest compression
        raise OSError(f"could not write {path}")
    return table[index]


def quantize(pixels: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A palette of at most n colours (median cut over the distinct colours, weighted by their
    counts, then a few k-means steps) and each pixel's index into it."""
    distinct, inverse, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_inverse=True,
                                          return_counts=True)
    inverse = inverse.reshape(pixels.shape[:2])
    if len(distinct) <= n:
        return distinct.astype(np.uint8), inverse.astype(np.uint8)
    c, weight = distinct.astype(np.float64), counts.astype(np.float64)
    boxes = [np.arange(len(c))]
    while len(boxes) < n:
        spans = [np.ptp(c[b], axis=0).max() if len(b) > 1 else -1.0 for b in boxes]
        i = int(np.argmax(spans))
        if spans[i] <= 0:
            break
        box = boxes.pop(i)
        channel = int(np.argmax(np.ptp(c[box], axis=0)))
        box = box[np.argsort(c[box, channel], kind="stable")]
        cut = int(np.searchsorted(np.cumsum(weight[box]), weight[box].sum() / 2))
        cut = min(max(cut, 1), len(box) - 1)
        boxes += [box[:cut], box[cut:]]
    table = np.array([np.average(c[b], axis=0, weights=weight[b]) for b in boxes])
    for _ in range(4):  # k-means: move each colour to the mean of the colours it stands for
        nearest = (((c[:, None, :] - table[None]) ** 2).sum(-1)).argmin(1)
        for k in range(len(table)):
            mine = nearest == k
            if mine.any():
                table[k] = np.average(c[mine], axis=0, weights=weight[mine])
    table = np.clip(np.round(table), 0, 255).astype(np.uint8)
    nearest = (((c[:, None, :] - table[None].astype(np.float64)) ** 2).sum(-1)).argmin(1)
    return table, nearest[inverse].astype(np.uint8)


# -- comparison --------------------------------------------------------------------------------

@dataclass
class Comparison:
    ok: bool
    shape: tuple
    expected_shape: tuple
    differing: int = 0        # pixels over THRESHOLD
    share: float = 0.0
    mean: float = 0.0
    largest: int = 0
    difference: np.ndarray | None = None  # each pixel's largest channel difference

    def __str__(self) -> str:
        if self.shape != self.expected_shape:
            return f"size {self.shape[1]}×{self.shape[0]}, expected " \
                   f"{self.expected_shape[1]}×{self.expected_shape[0]}"
        return (f"{self.differing} pixels ({100 * self.share:.2f} %, allowed "
                f"{100 * MAX_SHARE:.2f} %) differ by more than {THRESHOLD}; mean difference "
                f"{self.mean:.2f} (allowed {MAX_MEAN}); largest {self.largest}")


def compare(rendered: np.ndarray, golden: np.ndarray, threshold: int = THRESHOLD,
            max_share: float = MAX_SHARE, max_mean: float = MAX_MEAN) -> Comparison:
    """Pass when at most `max_share` of the pixels differ by more than `threshold` in some
    channel and the mean of each pixel's largest channel difference is at most `max_mean`."""
    if rendered.shape != golden.shape:
        return Comparison(False, rendered.shape, golden.shape)
    difference = np.abs(rendered.astype(np.int16) - golden.astype(np.int16)).max(axis=2)
    differing = int((difference > threshold).sum())
    share, mean = differing / difference.size, float(difference.mean())
    return Comparison(share <= max_share and mean <= max_mean, rendered.shape, golden.shape,
                      differing, share, mean, int(difference.max()), difference)


def difference_image(golden: np.ndarray, comparison: Comparison) -> np.ndarray:
    """The golden image faded to grey, each differing pixel in magenta, brighter the more it
    differs (pixels over the threshold at full strength)."""
    grey = golden.mean(axis=2, keepdims=True) * 0.35 + 150
    strength = np.clip(comparison.difference / THRESHOLD, 0, 1)[..., None]
    magenta = np.array([230.0, 0.0, 200.0])
    return (grey * (1 - strength) + magenta * strength).astype(np.uint8)


def failure_folder() -> Path:
    folder = Path(os.environ.get(FAILURES) or Path(tempfile.gettempdir())
                  / "cryoviewer-image-failures")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_failure(name: str, rendered: np.ndarray, golden: np.ndarray | None,
                  comparison: Comparison | None) -> list[Path]:
    """Keep what was rendered (and the golden and a difference image when they can be compared)
    for a look; returns the files written."""
    folder = failure_folder()
    written = [folder / f"{name}-rendered.png"]
    save(rendered, written[0])
    if golden is not None:
        written.append(folder / f"{name}-golden.png")
        save(golden, written[-1])
        if comparison is not None and comparison.difference is not None:
            written.append(folder / f"{name}-difference.png")
            save(difference_image(golden, comparison), written[-1])
    return written


# -- the cross-section, rendered ---------------------------------------------------------------

def end_of_second_freeze(run):
    """The moment the pictures show: the end of freeze 2 (else of the last freeze)."""
    freezes = [phase.id for phase in run.phases if phase.kind == "freeze"]
    playback = Playback(run.phases)
    playback.go_to("freeze2" if "freeze2" in freezes else freezes[-1], 1.0)
    return playback.moment()


def make_section(qtbot, run, look: str, palette, moment=None, size=SIZE, text_px=TEXT_PX):
    """A shown CrossSection of a run, in a look and a theme, at a moment (by default the end of
    freeze 2). The theme is set after the run, as when the person changes it."""
    section = CrossSection()
    qtbot.addWidget(section)
    section.resize(*size)
    section.set_run(run)
    section.set_palette(palette)
    section.set_look(look)
    section.set_text_px(text_px)
    section.show_moment(moment or end_of_second_freeze(run))
    section.show()
    qtbot.waitExposed(section)
    QApplication.processEvents()
    return section


def grab(widget) -> np.ndarray:
    """The widget's pixels as drawn, at its logical size."""
    image = widget.grab().toImage()
    if (image.width(), image.height()) != (widget.width(), widget.height()):  # a high-DPI screen
        image = image.scaled(widget.width(), widget.height(),
                             Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return to_array(image)


def item_rect(section, item, inset: int = 0) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1), in widget pixels, of a graphics item, shrunk by `inset` pixels."""
    box = section.mapFromScene(item.sceneBoundingRect()).boundingRect()
    top_left = section.viewport().mapTo(section, QPoint(box.left(), box.top()))
    x0, y0 = top_left.x(), top_left.y()
    return x0 + inset, y0 + inset, x0 + box.width() - inset, y0 + box.height() - inset


# -- contrast of what is drawn -----------------------------------------------------------------

def rgb(colour: str) -> np.ndarray:
    text = colour.lstrip("#")
    return np.array([int(text[i:i + 2], 16) for i in (0, 2, 4)])


def near(pixels: np.ndarray, colour: str, tolerance: int) -> np.ndarray:
    """Where pixels lie within `tolerance` of a colour in every channel."""
    return (np.abs(pixels.astype(np.int16) - rgb(colour)).max(axis=2) <= tolerance)


def grow(mask: np.ndarray, radius: int) -> np.ndarray:
    """The mask widened by `radius` pixels: every pixel within that distance of it."""
    h, w = mask.shape
    padded = np.pad(mask, radius)
    out = mask.copy()
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            if 0 < dx * dx + dy * dy <= radius * radius:
                out |= padded[radius + dy:radius + dy + h, radius + dx:radius + dx + w]
    return out


@dataclass
class LineContrast:
    pixels: int              # how many pixels of the line were found
    line: tuple              # the drawn line's colour (median of its pixels)
    around: tuple            # the median of the ring 1–3 px around it
    ratio: float             # their WCAG contrast

    def __str__(self) -> str:
        return (f"{self.pixels} px of {'#%02x%02x%02x' % self.line} on "
                f"{'#%02x%02x%02x' % self.around}: {self.ratio:.2f} : 1")


def line_contrast(pixels: np.ndarray, line: np.ndarray, ring: tuple[int, int] = (1, 3)) \
        -> LineContrast:
    """The contrast of a line (a mask of its pixels) against the pixels just outside it: the
    ring from ring[0] to ring[1] px around it, line pixels excluded."""
    inner = grow(line, ring[0] - 1) if ring[0] > 1 else line
    around = grow(line, ring[1]) & ~inner & ~line
    if not line.any() or not around.any():
        return LineContrast(int(line.sum()), (0, 0, 0), (0, 0, 0), 1.0)
    drawn = tuple(int(v) for v in np.median(pixels[line], axis=0))
    behind = tuple(int(v) for v in np.median(pixels[around], axis=0))
    return LineContrast(int(line.sum()), drawn, behind, contrast(drawn, behind))


def text_contrast(pixels: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, float]:
    """Inside a label's box: (how many pixels are text, the contrast of the strongest text
    strokes against the fill). The fill is the median of the box; a text pixel is one at
    least 1.5 : 1 from it; the strokes' colour is taken at the 90th percentile of contrast, so
    a few stray pixels neither make nor break it."""
    x0, y0, x1, y1 = box
    inside = pixels[y0:y1, x0:x1].reshape(-1, 3)
    fill = tuple(int(v) for v in np.median(inside, axis=0))
    distinct, inverse = np.unique(inside, axis=0, return_inverse=True)
    ratios = np.array([contrast(tuple(int(v) for v in c), fill) for c in distinct])
    per_pixel = ratios[inverse.reshape(-1)]
    text = per_pixel[per_pixel >= 1.5]
    if text.size == 0:
        return 0, 1.0
    return int(text.size), float(np.percentile(text, 90))
