"""A personal computer's remembered preferences, kept with QSettings for the Session.

Values are handed back as stored; the Session checks them, so a damaged or hand-edited file
costs a preference, never a start.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

GROUP = "preferences"


class SettingsStore:
    def load(self) -> dict:
        settings = QSettings()
        if settings.status() != QSettings.Status.NoError:
            raise OSError(f"{settings.fileName()} cannot be read")
        settings.beginGroup(GROUP)
        return {key: settings.value(key) for key in settings.childKeys()}

    def save(self, values: dict) -> None:
        settings = QSettings()
        settings.beginGroup(GROUP)
        for key, value in values.items():
            settings.setValue(key, value)
