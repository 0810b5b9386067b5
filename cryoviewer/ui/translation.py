"""The interface in the person's language: Qt's translators for our words and Qt's own.

Our words come from resources/translations/cryoviewer_<language>.qm (compiled from the .ts by
tools/translations.py); Qt's own (standard buttons, for instance) from the qtbase catalogue
that PySide6 ships. English is the source language: it needs no file. A missing or damaged
file costs the translation (said in the log), never the start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import resources_root

log = logging.getLogger("cryoviewer")
_installed: list[QTranslator] = []


def install(language: str) -> bool:
    """Translate the interface into `language` from now on (widgets built afterwards, and any
    that retranslate on LanguageChange). False if our catalogue could not be loaded."""
    app = QCoreApplication.instance()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return True
    ours = QTranslator(app)
    path = resources_root() / "translations" / f"cryoviewer_{language}.qm"
    if not ours.load(str(path)):
        log.warning("The interface translation %s cannot be read; the interface stays in "
                    "English.", path)
        return False
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    return True
