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
        diagram = old.diagram
        scenario = diagram.scenario_id
        playback = diagram.playback
        position = playback.position if playback is not None else None
        playing = bool(playback and playback.playing)
        page = old.page_buttons.chosen()
        geometry, maximized = old.geometry(), old.isMaximized()
        full_screen = old.isFullScreen()
        old.detach()
        translation.install(self.session.language)
        new = self.build()
        new.set_languages(old.languages)
        section = self.session.section
        if section:
            new.show_section(section)
        if scenario and scenario != new.diagram.scenario_id:
            new.diagram.show_step(scenario, None)
        if position is not None and new.diagram.playback is not None:
            new.diagram.seek(position)
        if old.isVisible():
            new.setGeometry(geometry)
            new.showFullScreen() if full_screen else new.showMaximized() if maximized \
                else new.show()
        if page in ("text", "diagram"):
            new.show_page(page)
        if playing:
            new.diagram.play()
        self.window = new
        old.hide()
        old.deleteLater()
        self.window_changed.emit(new)
