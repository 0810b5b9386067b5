"""Drawing the diagram cheaply: a picture item for pixels that change every frame, and
`keep_drawn` for items that rarely change.

pyqtgraph's ImageItem hands the painter 8-bit indexed or RGBA images, which Qt's raster engine
converts again on every paint. This item keeps 0xAARRGGBB words (colours.argb) in a QImage of the
engine's own premultiplied format and only draws it, scaled, into its rectangle.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem, QWidget


class Picture(QGraphicsItem):
    def __init__(self, rect: QRectF):
        super().__init__()
        self._rect = rect
        self._pixels: np.ndarray | None = None
        self._image: QImage | None = None

    def set_pixels(self, pixels: np.ndarray) -> None:
        """Show rows × columns of premultiplied 0xAARRGGBB words (kept here: the QImage reads
        them, no copy)."""
        self._pixels = np.ascontiguousarray(pixels, dtype=np.uint32)
        rows, columns = self._pixels.shape
        self._image = QImage(self._pixels.data, columns, rows, 4 * columns,
                             QImage.Format.Format_ARGB32_Premultiplied)
        self.update()

    def pixels(self) -> np.ndarray | None:
        return self._pixels

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        if self._image is not None:
            painter.drawImage(self._rect, self._image)


def keep_drawn(item) -> None:
    """Paint an item that changes rarely once, as a pixmap: a frame then only copies it.
    Not text: pyqtgraph places a TextItem while painting, which a pixmap would freeze."""
    if isinstance(item, pg.TextItem):
        return
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for child in item.childItems():
        keep_drawn(child)


def not_a_tab_stop(widget: QWidget) -> None:
    """A picture, not a control: neither it nor its inner viewport takes the keyboard focus."""
    for w in (widget, *widget.findChildren(QWidget)):
        w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
