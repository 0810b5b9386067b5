"""Screen-reader plumbing for widgets that paint themselves.

Qt describes its own sliders to assistive technology, but a widget that paints itself is a bare
"client" with no value. `expose_as_slider(cls)` makes every instance of `cls` a slider: its value
is read in words (`value_text()`), reported as numbers (`position()`, `total()`, `step()`), and can
be set by the screen reader (`scrub_to(value)`), so a blind patient can follow and move it too.

PySide6 lets Python subclass QAccessibleWidget and QAccessibleValueInterface together; Qt finds
the value part through `interface_cast`, which must hand back a pointer to that C++ base.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleValueInterface
from PySide6.QtWidgets import QAccessibleWidget
from shiboken6 import VoidPtr, getCppPointer

_classes: tuple[type, ...] = ()


def expose_as_slider(cls: type) -> None:
    """Describe instances of cls as sliders from now on (call before creating any)."""
    global _classes
    if not _classes:
        QAccessible.installFactory(_factory)
    if cls not in _classes:
        _classes += (cls,)


def _factory(key: str, obj) -> QAccessibleWidget | None:
    # Called for every object a screen reader meets: answer fast, and never raise into Qt.
    return SliderInterface(obj) if isinstance(obj, _classes) else None


class SliderInterface(QAccessibleWidget, QAccessibleValueInterface):
    """A self-painted widget, told to assistive technology as a slider with words for its value."""

    def __init__(self, widget):
        QAccessibleWidget.__init__(self, widget, QAccessible.Role.Slider)
        QAccessibleValueInterface.__init__(self)

    def interface_cast(self, kind):
        """Qt asks for each interface by pointer; PySide6 6.11 crashes if the answer is None,
        so "none" must be VoidPtr(0)."""
        if kind == QAccessible.InterfaceType.ValueInterface:
            return VoidPtr(getCppPointer(self)[1])  # [0] is the QAccessibleWidget part
        cast = super().interface_cast(kind)
        return VoidPtr(0) if cast is None else cast

    def text(self, kind) -> str:
        widget = self.widget()
        if kind == QAccessible.Text.Value and widget is not None:
            return widget.value_text()
        return super().text(kind)

    def currentValue(self) -> float:
        widget = self.widget()
        return widget.position() if widget is not None else 0.0

    def minimumValue(self) -> float:
        return 0.0

    def maximumValue(self) -> float:
        widget = self.widget()
        return widget.total() if widget is not None else 0.0

    def minimumStepSize(self) -> float:
        widget = self.widget()
        return widget.step() if widget is not None else 0.0

    def setCurrentValue(self, value) -> None:
        widget = self.widget()
        if widget is not None:
            widget.scrub_to(float(value))
