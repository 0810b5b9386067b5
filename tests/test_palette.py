"""Every theme's colours can be told apart: text ≥ 4.5 : 1 (body text ≥ 7 : 1), and every line,
edge, outline and focus ring that carries meaning ≥ 3 : 1 against what lies behind it."""

import re
from pathlib import Path

import numpy as np
import pytest

from cryoviewer.ui import colours
from cryoviewer.ui.palette import TEMPERATURE_STOPS, THEMES, blend, contrast

PALETTES = list(THEMES.values())
UI = Path(__file__).resolve().parent.parent / "cryoviewer" / "ui"


def text_pairs(p):
    """(what, text colour, background, least ratio)."""
    pairs = [("body text", p.ink, p.paper, 7), ("list text", p.ink, p.panel, 7),
             ("chosen section", p.ink, p.accent_soft, 7), ("marked paragraph", p.ink, p.highlight, 7),
             ("word read aloud", p.ink, p.spoken, 7),
             ("labels in the picture", p.label_ink, p.label_fill, 7),
             ("secondary text", p.muted, p.paper, 4.5), ("section title", p.accent, p.paper, 4.5),
             ("main buttons", p.on_accent, p.accent, 4.5), ("header", p.on_header, p.header, 4.5),
             ("disabled buttons", p.on_disabled, p.disabled, 4.5)]
    for kind, (fill, current) in p.segments.items():
        pairs += [(f"timeline {kind}", p.segment_ink, fill, 4.5),
                  (f"timeline {kind}, current", p.segment_ink, current, 4.5)]
    return pairs


def mark_pairs(p):
    """(what, mark, background) for marks that must reach 3 : 1."""
    pairs = [("button outline", p.border, p.paper), ("button outline on the list", p.border, p.panel),
             ("focus ring", p.focus, p.paper), ("focus ring on the list", p.focus, p.panel),
             ("focus ring in the header", p.on_header, p.header),
             ("scroll handle", p.handle, p.paper),
             ("chart: tumour edge", p.chart_edge, p.paper),
             ("chart: tumour centre", p.chart_centre, p.paper),
             ("chart: lethal line", p.lethal_edge, p.paper), ("chart cursor", p.cursor, p.paper)]
    for kind, (_, current) in p.segments.items():
        pairs.append((f"playhead on {kind}", p.accent, current))
    lines = [("ice edge", p.ice_edge), ("lethal edge", p.lethal_edge),
             ("tumour outline", p.tumour_line)] + [(f"isotherm {i}", c)
                                                   for i, c in enumerate(p.isotherms)]
    pairs += [(f"{name} on its halo", colour, p.halo) for name, colour in lines]
    return pairs


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_text_is_readable_in_every_theme(p):
    low = [(what, round(contrast(a, b), 2)) for what, a, b, least in text_pairs(p)
           if contrast(a, b) < least]
    assert not low, low


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_marks_stand_out_in_every_theme(p):
    low = [(what, round(contrast(a, b), 2)) for what, a, b in mark_pairs(p) if contrast(a, b) < 3]
    assert not low, low


def picture_backgrounds(p):
    """Every colour a line in the picture may cross: tissues, ice over them, the lethal tint,
    the temperature scale."""
    tissues = [p.tissue_colour(name) for name in p.tissue]
    iced = [blend(t, p.ice, colours.ICE_ALPHA) for t in tissues]
    lethal = [blend(i, p.lethal, colours.LETHAL_ALPHA) for i in iced]
    return tissues + iced + lethal + [c for _, c in TEMPERATURE_STOPS] + [p.paper]


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_lines_in_the_picture_show_over_anything_behind_them(p):
    """A line on its halo: over each background either the line or its halo reaches 3 : 1."""
    lines = {"ice edge": p.ice_edge, "lethal edge": p.lethal_edge, "tumour": p.tumour_line,
             **{f"isotherm {i}": c for i, c in enumerate(p.isotherms)}}
    lost = [(name, bg) for name, colour in lines.items() for bg in picture_backgrounds(p)
            if max(contrast(colour, bg), contrast(p.halo, bg)) < 3]
    assert not lost, lost


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_the_charts_lines_are_told_apart(p):
    """Edge, centre and the lethal line: no two alike, each clear of the other two (a colour
    distance, in RGB, of at least a fifth of the way from black to white; the lethal line is
    dashed as well)."""
    from itertools import combinations

    def rgb(colour):
        return np.array([int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)])

    lines = {"edge": p.chart_edge, "centre": p.chart_centre, "lethal line": p.lethal_edge}
    alike = [(a, b) for (a, ca), (b, cb) in combinations(lines.items(), 2)
             if np.linalg.norm(rgb(ca) - rgb(cb)) < 0.2 * np.linalg.norm([255, 255, 255])]
    assert not alike, alike


def test_the_check_can_fail():
    assert contrast("#7fb8e0", "#eef8ff") < 3       # yesterday's ice edge on the ice
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_no_colour_is_written_outside_the_palette():
    allowed = {"palette.py"}
    found = {path.name: re.findall(r'"#[0-9a-fA-F]{6}"', path.read_text(encoding="utf-8"))
             for path in UI.glob("*.py") if path.name not in allowed}
    assert not {name: hits for name, hits in found.items() if hits}, found
