"""A personal computer's remembered preferences, kept in an INI file for the Session.

The file is the user's to damage: values are handed back as stored and the Session checks each
one (a bad value costs that preference, with a line in the log, never a start). The file itself
is looked at before Qt opens it, because QSettings reads it at once and for ever: a FIFO in its
place would block the start, a huge file would stall it. Anything but a small regular file is
ignored, and then nothing is written over it either.
"""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

GROUP = "preferences"
MAX_BYTES = 64 * 1024  # a handful of short lines; anything larger is not ours
log = logging.getLogger("cryoviewer")


def preferences_file() -> Path | None:
    """Where the preferences live: the platform's configuration folder for the viewer."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(folder) / "preferences.ini" if folder else None


class SettingsStore:
    def __init__(self, path: Path | None = None):
        self.path = path or preferences_file()
        self._usable: bool | None = None

    def usable(self) -> bool:
        """False (said once in the log) when the file cannot safely be read or written."""
        if self._usable is None:
            self._usable = self._check()
        return self._usable

    def _check(self) -> bool:
        if self.path is None:
            return False
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return True  # made on the first change
        except OSError as exc:
            log.warning("Preferences file %s cannot be read (%s); using the defaults.",
                        self.path, exc.strerror or exc)
            return False
        if not stat.S_ISREG(info.st_mode):
            log.warning("Preferences file %s is not a regular file; it is ignored and the "
                        "defaults are used.", self.path)
            return False
        if info.st_size > MAX_BYTES:
            log.warning("Preferences file %s is too large (%d KB) to be ours; it is ignored.",
                        self.path, info.st_size // 1024)
            return False
        return True

    def _settings(self) -> QSettings:
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def load(self) -> dict:
        if not self.usable():
            return {}
        settings = self._settings()
        if settings.status() != QSettings.Status.NoError:
            raise OSError(f"{settings.fileName()} cannot be read")
        settings.beginGroup(GROUP)
        return {key: settings.value(key) for key in settings.childKeys() if key}

    def save(self, values: dict) -> None:
        if not self.usable():
            return
        settings = self._settings()
        settings.beginGroup(GROUP)
        for key, value in values.items():
            settings.setValue(key, value)
