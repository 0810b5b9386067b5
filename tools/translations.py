"""Keep the interface's translations in step with the code: extract every tr() string into
resources/translations/cryoviewer_<language>.ts (pyside6-lupdate), then compile each .ts into
the .qm the viewer loads (pyside6-lrelease). Both tools ship in PySide6-Essentials.

    python tools/translations.py            # update the .ts files and compile the .qm files

A translator edits the .ts (with Qt Linguist or any text editor); tests/test_translations.py
fails when a .ts misses a string of the code or a .qm is older than its .ts.
"""

from __future__ import annotations

import subprocess
import sys
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


def update(ts: Path) -> None:
    """Add the code's new strings to `ts` (kept translations stay; gone strings go)."""
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete",
                    "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


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
