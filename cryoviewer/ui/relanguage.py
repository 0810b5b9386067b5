"""Changing the language: the window is built again in the new language, where the person was.

Every widget takes its words when it is built, so rather than teach each one to retranslate, a
change of language installs the new translator and builds a fresh window on the same session
and the same computed runs. The section, the treatment, the moment, the playback, the page and
the window's place and size carry over; the old window goes.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from ..session import Session
from . import translation


class LanguageSwitch(QObject):
    """LanguageSwitch(session, window, build): `build()` makes a window for the session's
    language (the composition root knows which content that is)."""

    window_changed = Signal(object)

    def __init__(self, session: Session, window, build: Callable[[], object]):
        super().__init__()
        self.session, self.window, self.build = session, window, build
        session.subscribe(self._on_session)

    def _on_session(self, changed: frozenset[str]) -> None:
        if "language" in changed and "reset" not in changed:
            self.switch()

    def switch(self) -> None:
        old = self.window
        state = capture(old)
        old.detach()
        translation.install(self.session.language)
        new = self.build()
        new.set_languages(old.languages)
        restore(new, state, show=old.isVisible())
        self.window = new
        old.hide()
        old.deleteLater()
        self.window_changed.emit(new)


def capture(window) -> dict:
    """Where the person is in a window: what a rebuilt one must show again."""
    diagram = window.diagram
    playback = diagram.playback
    return {"section": window.session.section, "scenario": diagram.scenario_id,
            "position": playback.position if playback is not None else None,
            "playing": bool(playback and playback.playing),
            "page": window.page_buttons.chosen(), "geometry": window.geometry(),
            "maximized": window.isMaximized(), "full_screen": window.isFullScreen()}


def restore(window, state: dict, show: bool = True) -> None:
    """Show in a new window what `capture` found in the old one."""
    if state["section"]:
        window.show_section(state["section"])
    if state["scenario"] and state["scenario"] != window.diagram.scenario_id:
        window.diagram.show_step(state["scenario"], None)
    if state["position"] is not None and window.diagram.playback is not None:
        window.diagram.seek(state["position"])
    if show:
        window.setGeometry(state["geometry"])
        if state["full_screen"]:
            window.showFullScreen()
        elif state["maximized"]:
            window.showMaximized()
        else:
            window.show()
    if state["page"] in ("text", "diagram"):
        window.show_page(state["page"])
    if state["playing"]:
        window.diagram.play()
