"""Where the viewer's data lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resources_root() -> Path:
    """The folder holding content/, scenarios/, translations/ and icons/.

    An installed wheel carries it as cryoviewer/resources; a source checkout keeps it at the top
    of the tree, one level above the package.
    """
    installed = Path(str(resources.files("cryoviewer"))) / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "resources"


def builtin_content(language: str = "en") -> Path:
    """The folder of the built-in content pack for a language."""
    return resources_root() / "content" / language
