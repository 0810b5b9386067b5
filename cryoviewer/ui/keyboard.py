"""The window's keys, and the list of them the help overlay shows.

PhET's conventions for an animation: Space or Alt+K plays or pauses and Alt+R resets, wherever
the focus is, even on a control that would take the key for itself (a button pressed by Space,
a list searching for "?"); F1 or ? lists every key. Arrows, Page Up/Down, Home/End and digits
move between sections; Enter presses the focused button; Ctrl and + or − change the text size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton

K, M = Qt.Key, Qt.KeyboardModifier


class Keyboard(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        session = window.session
        for keys, action in (("Ctrl++", lambda: window.step_text_size(+1)),
                             ("Ctrl+=", lambda: window.step_text_size(+1)),
                             ("Ctrl+-", lambda: window.step_text_size(-1)),
                             ("Ctrl+0", lambda: session.update(
                                 text_size=session.defaults.text_size))):
            shortcut = QShortcut(QKeySequence(keys), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)
        for widget in (window.sections, window.reader, window.sections.viewport(),
                       window.reader.viewport(), *window.findChildren(QAbstractButton)):
            widget.installEventFilter(self)

    def groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every key, for the help overlay: the diagram first, basic actions last."""
        return [
            (self.tr("The diagram"), [
                (self.tr("Space  or  Alt+K"), self.tr("Play or pause the animation")),
                (self.tr("Alt+R"), self.tr("Reset the animation to its start")),
                (self.tr("← → ↑ ↓ on the timeline"),
                 self.tr("Move the animation a little")),
                (self.tr("Page Up  /  Page Down on the timeline"),
                 self.tr("Go to the previous or next step")),
                (self.tr("Home  /  End on the timeline"), self.tr("Go to the start or the end")),
            ]),
            (self.tr("Reading"), [
                (self.tr("→  or  ↓ in the list or the text"), self.tr("Next section")),
                (self.tr("←  or  ↑ in the list or the text"), self.tr("Previous section")),
                (self.tr("Page Down  /  Page Up"), self.tr("Read down or up; then turn the page")),
                (self.tr("Home  /  End"), self.tr("First or last section")),
                (self.tr("1 – 9"), self.tr("Open that section")),
                (self.tr("Ctrl and +  /  Ctrl and −"), self.tr("Larger or smaller text")),
                (self.tr("Ctrl and 0"), self.tr("Text back to its usual size")),
                (self.tr("Tab to a link, then Enter"), self.tr("Follow a link in the text")),
            ]),
            (self.tr("Basic actions"), [
                (self.tr("Tab  /  Shift+Tab"), self.tr("Move to the next or previous control")),
                (self.tr("Enter"), self.tr("Press the control that has the focus ring")),
                (self.tr("F1  or  ?"), self.tr("Show this list")),
                (self.tr("Escape"), self.tr("Close this list, or the list of sections")),
            ]),
        ]

    def handle(self, event: QKeyEvent) -> bool:
        """Act on a key that reached the window; True if it was one of ours."""
        return self._anywhere(event) or self._navigate(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        if self._anywhere(event):
            return True
        if isinstance(watched, QAbstractButton):
            if event.key() in (K.Key_Return, K.Key_Enter) and watched.isEnabled():
                watched.animateClick()
                return True
            return False
        return self._navigate(event)

    def _anywhere(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers() & ~M.KeypadModifier
        alt = modifiers == M.AltModifier
        plain = modifiers in (M.NoModifier, M.ShiftModifier)
        diagram = self.window.diagram
        if (key == K.Key_Space and plain) or (key == K.Key_K and alt):
            self.window.toggle_play()
        elif key == K.Key_R and alt:
            diagram.reset()
        elif key == K.Key_F1 or (key == K.Key_Question and plain):
            self.window.show_help()
        else:
            return False
        return True

    def _navigate(self, event: QKeyEvent) -> bool:
        key, w = event.key(), self.window
        if event.modifiers() & ~M.KeypadModifier:
            return False
        scroll = w.reader.verticalScrollBar()
        if key in (K.Key_PageDown, K.Key_PageUp):
            # Page through a long section first, then move on: like turning pages of a leaflet.
            down = key == K.Key_PageDown
            if (scroll.value() < scroll.maximum()) if down else (scroll.value() > scroll.minimum()):
                scroll.setValue(scroll.value() + (1 if down else -1) * scroll.pageStep())
            else:
                w.next() if down else w.previous()
            return True
        if key in (K.Key_Right, K.Key_Down):
            w.next()
        elif key in (K.Key_Left, K.Key_Up):
            w.previous()
        elif key == K.Key_Home:
            w.show_index(0)
        elif key == K.Key_End:
            w.show_index(len(w.pack.sections) - 1)
        elif K.Key_1 <= key <= K.Key_9:
            w.show_index(key - K.Key_1)
        else:
            return False
        return True
