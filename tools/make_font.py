"""Make resources/fonts/CryoViewerSans-*.ttf: Atkinson Hyperlegible with a plain zero.

Atkinson Hyperlegible (designed for low-vision readers) draws its zero with a slash, which
patients read as "Ø": "1Ø:ØØ", "−4Ø °C". CryoViewer Sans is Atkinson Hyperlegible 1.006 with one
glyph changed: the zero, whose two counters, cut apart by the slash, become one oval, joined
across each cut by a curve that follows the counter's own tangents. Like Atkinson's, that zero is
narrower than the round capital O; and Ø keeps its slash. Every other outline, metric, kerning
pair, OpenType feature and hint is Atkinson Hyperlegible's own, byte for byte.

Hints: the zero is hinted by ttfautohint, the tool that hinted Atkinson Hyperlegible. Run with
its default options on the font, it reproduces the original's hints exactly (every glyph's
instructions, fpgm, prep and cvt: this script checks it, and stops if a ttfautohint version
ever disagrees), so the new zero's instructions fit with the rest.

Licence: a Modified Version under the SIL Open Font License 1.1 (resources/fonts/OFL.txt, which
covers it). Atkinson Hyperlegible declares no Reserved Font Name; the font is renamed all the
same, so it is never taken for the original. Its copyright, designer and licence entries are kept.

fontTools and ttfautohint-py are needed only to run this script, never by the viewer:

    python3 -m venv /tmp/fontbuild && /tmp/fontbuild/bin/pip install fonttools ttfautohint-py
    /tmp/fontbuild/bin/python tools/make_font.py [--check] [--source FOLDER]

--source: the folder holding AtkinsonHyperlegible-{Regular,Bold,Italic,BoldItalic}.ttf (version
1.006; default tools/atkinson). --check writes nothing and exits 1 if a shipped file is not
exactly what this script makes.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
from fontTools.ttLib.tables.ttProgram import Program

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
ORIGINALS = Path(__file__).resolve().parent / "atkinson"  # the source: not shipped in the wheel
SOURCE = "AtkinsonHyperlegible-{style}.ttf"
TARGET = "CryoViewerSans-{style}.ttf"
STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
FAMILY = "CryoViewer Sans"
SOURCE_VERSION = "Version 1.006"
DESCRIPTION = ("Atkinson Hyperlegible 1.006 with a plain zero (its slash removed); every other "
               "glyph unchanged. Made for CryoViewer by tools/make_font.py.")


class Changed(SystemExit):
    """The source font is not the one this script was written for."""

    def __init__(self, what: str):
        super().__init__(f"{what}: is the source Atkinson Hyperlegible {SOURCE_VERSION}?")


# -- the zero ------------------------------------------------------------------------------------

def contours(glyph, glyf) -> list[list[tuple[tuple[float, float], bool]]]:
    """A simple glyph's contours, each a list of ((x, y), on-curve)."""
    coordinates, ends, flags = glyph.getCoordinates(glyf)
    result, start = [], 0
    for end in ends:
        result.append([(tuple(coordinates[i]), bool(flags[i] & 1)) for i in range(start, end + 1)])
        start = end + 1
    return result


def slash_cut(contour) -> int:
    """Index i of the straight edge contour[i] -> contour[i + 1] left by the slash: the longest
    segment between two consecutive on-curve points."""
    best, where = -1.0, -1
    for i, (point, on) in enumerate(contour):
        following, following_on = contour[(i + 1) % len(contour)]
        if on and following_on and math.dist(point, following) > best:
            best, where = math.dist(point, following), i
    if where < 0:
        raise Changed("the zero's counter has no straight edge")
    return where


def bridge(before, start, end, after) -> tuple[float, float]:
    """Control point of a quadratic curve from start to end that leaves start in the direction
    before -> start and arrives at end in the direction end -> after (the counter's own tangents
    on each side of the cut): the point where the two tangent lines meet."""
    (bx, by), (sx, sy), (ex, ey), (ax, ay) = before, start, end, after
    d1, d2 = (sx - bx, sy - by), (ax - ex, ay - ey)
    det = d2[0] * d1[1] - d1[0] * d2[1]          # start + t·d1 = end − u·d2
    if abs(det) < 1e-9:
        raise Changed("the counter's tangents at the slash are parallel")
    t = ((ex - sx) * -d2[1] + (ey - sy) * d2[0]) / det
    if t <= 0:
        raise Changed("the counter's tangents at the slash meet behind it")
    return sx + t * d1[0], sy + t * d1[1]


def plain_zero(font: TTFont) -> None:
    """Redraw the zero without its slash: its outer contour, and one counter made of the two
    pieces the slash cut apart, bridged where the slash crossed. Its hints are dropped (they
    were written for the slashed outline's points)."""
    glyf = font["glyf"]
    glyph = glyf["zero"]
    if glyph.isComposite():
        raise Changed("the zero is a composite glyph")
    outer, *counters = contours(glyph, glyf)
    if len(counters) != 2:
        raise Changed(f"the zero has {1 + len(counters)} contours, not 3")
    # Each piece turned to start just after its slash edge and end just before it.
    first, second = (c[slash_cut(c) + 1:] + c[:slash_cut(c) + 1] for c in counters)
    counter = []
    for piece, other in ((first, second), (second, first)):
        counter += piece
        counter.append((bridge(piece[-2][0], piece[-1][0], other[0][0], other[1][0]), False))
    points = outer + counter
    glyph.coordinates = GlyphCoordinates([(round(x), round(y)) for (x, y), _ in points])
    glyph.flags = bytearray(1 if on else 0 for _, on in points)
    glyph.endPtsOfContours = [len(outer) - 1, len(points) - 1]
    glyph.numberOfContours = 2
    glyph.program = Program()
    glyph.program.fromBytecode(b"")
    glyph.recalcBounds(glyf)


# -- hints ---------------------------------------------------------------------------------------

def instructions(font: TTFont, name: str) -> bytes:
    glyph = font["glyf"][name]
    return glyph.program.getBytecode() if hasattr(glyph, "program") else b""


def hint_zero(font: TTFont, original: TTFont) -> None:
    """Give the plain zero ttfautohint's instructions, after checking that ttfautohint, run on
    the font, gives every other glyph and the global programs exactly the original's hints."""
    import ttfautohint  # a build tool only: see the module's docstring

    bare = TTFont(io.BytesIO(save(font)))
    for tag in ("fpgm", "prep", "cvt ", "gasp"):
        if tag in bare:
            del bare[tag]
    for name in bare.getGlyphOrder():
        glyph = bare["glyf"][name]
        if glyph.numberOfContours:
            glyph.expand(bare["glyf"])
            glyph.program = Program()
            glyph.program.fromBytecode(b"")
    hinted = TTFont(io.BytesIO(ttfautohint.ttfautohint(in_buffer=save(bare))))
    for tag in ("fpgm", "prep", "cvt ", "gasp"):
        if hinted[tag].compile(hinted) != original[tag].compile(original):
            raise SystemExit(f"ttfautohint gives another '{tag}' than Atkinson Hyperlegible's: "
                             "use the version that reproduces it (ttfautohint-py 0.6.1 does)")
    for name in original.getGlyphOrder():
        if name != "zero" and instructions(hinted, name) != instructions(original, name):
            raise SystemExit(f"ttfautohint hints '{name}' otherwise than Atkinson Hyperlegible: "
                             "use the version that reproduces it (ttfautohint-py 0.6.1 does)")
    font["glyf"]["zero"].program = hinted["glyf"]["zero"].program
    for field in ("maxSizeOfInstructions", "maxStackElements", "maxTwilightPoints",
                  "maxStorage", "maxFunctionDefs", "maxZones"):
        setattr(font["maxp"], field, max(getattr(font["maxp"], field),
                                          getattr(hinted["maxp"], field)))


# -- names and files -----------------------------------------------------------------------------

def rename(font: TTFont, style: str) -> None:
    """Name it CryoViewer Sans; keep the copyright, designers, vendor and licence entries."""
    name = font["name"]
    if name.getDebugName(1) != "Atkinson Hyperlegible":
        raise Changed(f"the family is {name.getDebugName(1)!r}")
    if not (name.getDebugName(5) or "").startswith(SOURCE_VERSION):
        raise Changed(f"the version is {name.getDebugName(5)!r}")
    if {r.nameID for r in name.names} & {16, 17, 18, 21, 22, 25}:
        raise Changed("the font has typographic family names")
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    version = SOURCE_VERSION.removeprefix("Version ")
    new = {1: FAMILY, 3: f"{version};{postscript}", 4: f"{FAMILY} {STYLES[style]}",
           5: f"{SOURCE_VERSION}; plain zero", 6: postscript, 10: DESCRIPTION}
    platforms = sorted({(r.platformID, r.platEncID, r.langID) for r in name.names})
    name.names = [r for r in name.names if r.nameID not in new]
    for name_id, text in new.items():
        for platform in platforms:
            name.setName(text, name_id, *platform)


def save(font: TTFont) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def make(source: Path, style: str) -> bytes:
    """CryoViewer Sans in one style, as the bytes of a .ttf file."""
    path = source / SOURCE.format(style=style)
    original, font = TTFont(path), TTFont(path, recalcTimestamp=False)
    plain_zero(font)
    hint_zero(font, original)
    rename(font, style)
    if "DSIG" in font:
        del font["DSIG"]  # a signature of the original, which this font no longer is
    return save(font)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ORIGINALS,
                        help="folder of AtkinsonHyperlegible-*.ttf (default: resources/fonts)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a shipped file is not what this makes")
    args = parser.parse_args()
    stale = []
    for style in STYLES:
        data, target = make(args.source, style), FONTS / TARGET.format(style=style)
        if args.check:
            if not target.is_file() or target.read_bytes() != data:
                stale.append(target.name)
        else:
            target.write_bytes(data)
            print(f"{target.name}: {len(data):,} bytes")
    if stale:
        print("not what tools/make_font.py makes:", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
