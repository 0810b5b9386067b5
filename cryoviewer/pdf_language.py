"""Setting a PDF's language (/Lang in its catalogue), which Qt's PDF writer does not do.

A screen reader or a "read aloud" tool picks its voice from /Lang: without it a French handout
is read with English sounds. The file is not rewritten: an incremental update (PDF 1.7, 7.5.6)
is appended, holding a new version of the catalogue with /Lang and a cross-reference section
for it alone, whose trailer points back to the previous one. No Qt.
"""

from __future__ import annotations

import re
from pathlib import Path

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_ROOT = re.compile(rb"/Root\s+(\d+)\s+(\d+)\s+R")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")


def set_language(path: Path, language: str) -> None:
    """Give the PDF at `path` the language `language` ("fr", "en-GB"); ValueError if the file
    is not a PDF this can update (or the language not a language tag)."""
    if not _LANGUAGE.match(language):
        raise ValueError(f"{language!r} is not a language tag")
    data = Path(path).read_bytes()
    end = _STARTXREF.search(data[-64:])
    trailers = _TRAILER.findall(data)
    if end is None or not trailers:
        raise ValueError(f"{path}: not a PDF with a plain trailer")
    trailer = trailers[-1]
    root = _ROOT.search(trailer)
    size = re.search(rb"/Size\s+(\d+)", trailer)
    if root is None or size is None:
        raise ValueError(f"{path}: its trailer names no catalogue")
    number, generation = root.group(1), root.group(2)
    found = re.search(rb"(?<![0-9])" + number + rb"\s+" + generation + rb"\s+obj\s*<<(.*?)>>\s*endobj",
                      data, re.S)
    if found is None:
        raise ValueError(f"{path}: its catalogue cannot be read")
    catalogue = re.sub(rb"/Lang\s*\([^)]*\)", b"", found.group(1))
    offset = len(data) + 1  # after the line break below
    update = (b"\n" + number + b" " + generation + b" obj\n<<" + catalogue.rstrip()
              + b"\n/Lang (" + language.encode("ascii") + b")\n>>\nendobj\n")
    xref = len(data) + len(update)
    rest = re.sub(rb"/Prev\s+\d+", b"", trailer).strip()
    update += (b"xref\n0 1\n0000000000 65535 f \n" + number + b" 1\n"
               + f"{offset:010d} {int(generation):05d} n \n".encode()
               + b"trailer\n<< " + rest + b" /Prev " + end.group(1) + b" >>\nstartxref\n"
               + str(xref).encode() + b"\n%%EOF\n")
    with open(path, "ab") as file:
        file.write(update)


def language_of(path: Path) -> str | None:
    """The language the PDF's latest catalogue gives, or None (as a reader finds it)."""
    data = Path(path).read_bytes()
    trailer = _TRAILER.findall(data)[-1]
    number, generation = _ROOT.search(trailer).groups()
    versions = re.findall(rb"(?<![0-9])" + number + rb"\s+" + generation
                          + rb"\s+obj\s*<<(.*?)>>\s*endobj", data, re.S)
    found = re.search(rb"/Lang\s*\(([^)]*)\)", versions[-1]) if versions else None
    return found.group(1).decode("ascii") if found else None
