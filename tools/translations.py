"""Keep the interface's translations in step with the code: extract every tr() string into
resources/translations/cryoviewer_<language>.ts (pyside6-lupdate), then compile each .ts into
the .qm the viewer loads (pyside6-lrelease). Both tools ship in PySide6-Essentials.

    python tools/translations.py            # update the .ts files and compile the .qm files

The screen-reader descriptions are built in the Qt-free core from the templates of
cryoviewer/scenario/describe.py; they are kept in the .ts too, under the context "Describe" (the
interface translates them with that context), so the core's table stays the one source.

A translator edits the .ts (with Qt Linguist or any text editor); tests/test_translations.py
fails when a .ts misses a string of the code or a .qm is older than its .ts.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)


def sources() -> list[str]:
    """The files whose words are translated, relative to the top of the tree."""
    files = [ROOT / "cryoviewer" / "app.py", *sorted((ROOT / "cryoviewer" / "ui").glob("*.py"))]
    return [str(path.relative_to(ROOT)) for path in files]


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else name


DESCRIBE = "Describe"  # the context of the core's description templates


def update(ts: Path) -> None:
    """Add the code's new strings to `ts` (kept translations stay; gone strings go)."""
    kept = _translations(ts, DESCRIBE) if ts.exists() else {}
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete",
                    "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)
    _put_templates(ts, kept)


def templates() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from cryoviewer.scenario.describe import TEMPLATES

    return list(dict.fromkeys(TEMPLATES.values()))


def _translations(ts: Path, context: str) -> dict[str, str]:
    tree = ET.parse(ts)
    return {message.findtext("source"): message.find("translation")
            for found in tree.iter("context") if found.findtext("name") == context
            for message in found.iter("message")}


def _put_templates(ts: Path, kept: dict) -> None:
    """The "Describe" context: one message per template, translations kept."""
    tree = ET.parse(ts)
    root = tree.getroot()
    for found in [c for c in root.iter("context") if c.findtext("name") == DESCRIBE]:
        root.remove(found)
    context = ET.Element("context")
    ET.SubElement(context, "name").text = DESCRIBE
    for text in templates():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        translation = kept.get(text)
        if translation is None:
            translation = ET.Element("translation", type="unfinished")
        message.append(translation)
    names = [c.findtext("name") for c in root.iter("context")]
    at = sum(name < DESCRIBE for name in names)  # in order, as lupdate keeps them
    root.insert(at, context)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")


def compile_(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True,
                   capture_output=True)


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = FOLDER / f"cryoviewer_{language}.ts"
        update(ts)
        compile_(ts, ts.with_suffix(".qm"))
        print(f"{ts.relative_to(ROOT)} and its .qm are up to date")


if __name__ == "__main__":
    main()
