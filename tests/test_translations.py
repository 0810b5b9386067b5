"""The interface's translations: complete, compiled, and used."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402  (tools/translations.py)


def messages(ts: Path) -> set[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    return {(context.findtext("name"), message.findtext("source"))
            for context in tree.iter("context") for message in context.iter("message")}


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_every_word_of_the_code_is_in_the_translation_file(language, tmp_path):
    ts = translations.FOLDER / f"cryoviewer_{language}.ts"
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    translations.update(copy)
    assert messages(copy) == messages(ts), "run: python tools/translations.py"


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_the_compiled_translation_is_up_to_date(language, tmp_path):
    ts = translations.FOLDER / f"cryoviewer_{language}.ts"
    compiled = tmp_path / "fresh.qm"
    translations.compile_(ts, compiled)
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
        "run: python tools/translations.py"


def test_the_qm_files_reach_the_installed_package():
    from cryoviewer.resources import resources_root

    assert (resources_root() / "translations" / "cryoviewer_fr.qm").is_file()


def test_french_is_used_for_the_interface(make_window):
    from PySide6.QtCore import QCoreApplication

    from cryoviewer.ui import translation

    assert translation.install("fr")
    assert QCoreApplication.translate("Diagram", "Freeze {0}") != "Freeze {0}"
    window = make_window()
    assert window.next_button.text() != "Next  ▶"
    assert translation.install("en")
    assert QCoreApplication.translate("Diagram", "Freeze {0}") == "Freeze {0}"


def test_language_on_the_command_line(tmp_path):
    out = tmp_path / "fr.png"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--language", "fr",
                           "--screenshot", str(out)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.is_file()


def test_the_screen_reader_hears_the_picture_in_french(make_window):
    from cryoviewer.ui import translation

    assert translation.install("fr")
    window = make_window()
    window.diagram.show_step("liver-probe", "freeze1", 0.8)
    window.diagram.pause()  # (the words catch up at once)
    picture = window.diagram.scene.accessibleDescription()
    assert "boule de glace" in picture and "tumeur" in picture
    assert "tumour" not in picture
    assert "tumeur" in window.diagram.chart.accessibleDescription()
