"""The limits of a content pack, checked rather than hoped for (docs/content-format.md lists
them for the people who write packs)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..files import MAX_FILE_BYTES, MAX_TOML_DEPTH  # noqa: F401 (part of the list)

MAX_NAME_CHARS = 100       # a section file's name
MAX_SECTIONS = 200         # files listed in the manifest
MAX_LINE_CHARS = 10_000    # one line (a paragraph) of a section file
MAX_TARGET_CHARS = 1_000   # a link's or a picture's target
MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_PROBLEMS_PER_FILE = 20  # then "... and N more"
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"})
_BAD_NAME_CHARACTERS = set('/\\:*?"<>|')


def name_problem(name: str) -> str | None:
    """What is wrong with a section file's name in the manifest, or None: a plain name of a
    Markdown file in the pack folder itself."""
    shown = name if len(name) <= 60 else name[:59] + "…"
    if len(name) > MAX_NAME_CHARS:
        return (f"section file name '{shown}' is {len(name)} characters long; the limit is "
                f"{MAX_NAME_CHARS}")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return f"section file name {shown!r} holds a control character (a NUL, a tab, ...)"
    if name in (".", "..") or ".." in name.replace("\\", "/").split("/") or name.startswith(
            ("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"section file '{shown}' is outside the pack folder"
    if _BAD_NAME_CHARACTERS & set(name):
        return (f"section file name '{shown}' may not hold / \\ : * ? \" < > or |: section "
                f"files sit in the pack folder itself")
    if name.startswith(".") or name != name.strip():
        return f"section file name '{shown}' may not start with a dot or a space"
    if not name.lower().endswith(".md"):
        return f"section file name '{shown}' must end in .md"
    return None


def inside_pack(root: Path, path: Path) -> tuple[Path | None, str | None]:
    """The real file a path leads to, following links, if it is inside the pack folder.

    Returns (real path, None), or (None, why): "missing", "outside", or words for a message
    (a link that loops, a name too long).
    """
    try:
        real_root = Path(os.path.realpath(root))
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return None, "missing"
    except RuntimeError:  # Python 3.11 says "Symlink loop"
        return None, "it is a link that leads back to itself"
    except ValueError:
        return None, "its name holds a NUL character"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "it is a link that leads back to itself"
        if exc.errno == errno.ENAMETOOLONG:
            return None, "its name is too long"
        if exc.errno == errno.ENOTDIR:
            return None, "missing"
        return None, exc.strerror or type(exc).__name__
    if not real.is_relative_to(real_root):
        return None, "outside"
    return real, None
