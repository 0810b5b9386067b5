"""Every colour of the window and the picture, by role, for each theme.

No colour is written anywhere else: a widget asks its palette for a role ("ink", "ice_edge"),
so a theme changes everything at once and a test can check every pair that must be told apart.

- *default*: calm paper and teal, natural tissue tones.
- *projector*: white paper, near-black text and thicker lines and outlines, for a washed-out
  projected picture (as PhET's projector mode).
- *high-contrast*: black paper, white text, yellow accents and the thickest lines.

Lines that carry meaning (the ice edge, the lethal zone's edge, the isotherms, the tumour's
outline) are drawn over a `halo` of their width plus a margin, so they stand out from whatever
lies behind them: tissue, ice or the temperature colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The temperature scale of the detailed look is data, not decoration: the same in every theme
# (white at 0 °C, where ice begins; no rainbow).
TEMPERATURE_STOPS = ((-196, "#081d58"), (-150, "#0b3a7e"), (-40, "#2c7fb8"), (-20, "#7fbfe0"),
                     (0, "#f4f9fc"), (20, "#fcc5a8"), (45, "#c2332b"))
PLOT_SERIES = ("#1d6a86", "#c2410c", "#6b7280", "#15803d")  # the validation plots' curves
TISSUE = {
    "liver": "#9c4d3f", "tumour": "#cdb391", "soft-tissue": "#b4645a", "epidermis": "#f1cdb5",
    "dermis": "#e5aa94", "fat": "#f3de9f", "skin-tumour": "#9a6a58", "gel": "#dfe8ee",
    "skin": "#e5aa94", "muscle": "#b4645a",
}


@dataclass(frozen=True)
class Palette:
    name: str
    # the window
    paper: str          # behind the text and the diagram
    panel: str          # behind the section list
    ink: str            # body text
    muted: str          # secondary text (position, progress)
    accent: str         # titles, main buttons, the playhead
    on_accent: str      # text and icons on the accent
    accent_soft: str    # the chosen section's row
    header: str         # the top bar
    on_header: str
    border: str         # outlines of buttons and fields
    focus: str          # the keyboard focus ring
    highlight: str      # behind the paragraph the diagram is showing
    disabled: str
    on_disabled: str
    handle: str         # scroll bar handles
    # the picture
    ice: str
    ice_edge: str
    lethal: str         # the tint of the zone cold enough to destroy cells
    lethal_edge: str
    tumour_line: str
    halo: str           # under every meaningful line and behind picture labels
    isotherms: tuple[str, str, str]   # 0, −20, −40 °C
    scar: str
    metal: str
    metal_dark: str
    cold_tip: str
    warm_tip: str
    cut: str
    transducer: str
    beam: str
    label_ink: str
    label_fill: str
    # the chart
    chart_edge: str
    chart_centre: str
    chart_freeze: str   # shading of the freezes
    cursor: str
    # the timeline: kind -> (fill, fill of the segment holding the playhead)
    segments: dict[str, tuple[str, str]]
    segment_ink: str
    line_scale: float = 1.0   # thicker lines and outlines on a projector
    screen_off: str = "#000000"  # a kiosk outside opening hours: the screen as if switched off
    tissue: dict[str, str] = field(default_factory=lambda: dict(TISSUE))

    def tissue_colour(self, name: str) -> str:
        return self.tissue.get(name, "#c8c8c8")

    def width(self, pixels: float) -> float:
        """A line width for this theme (thicker on a projector and in high contrast)."""
        return pixels * self.line_scale


_LIGHT_SEGMENTS = {
    "prepare": ("#e6e9ee", "#c9d1da"), "insert": ("#e6e9ee", "#c9d1da"),
    "remove": ("#e6e9ee", "#c9d1da"), "freeze": ("#d6eaf8", "#a6d0ee"),
    "thaw": ("#f3eadb", "#e5cfa8"), "heal": ("#e1efe3", "#b3d9ba"),
}

DEFAULT = Palette(
    name="default",
    paper="#fbfcfd", panel="#eef3f6", ink="#1f2a37", muted="#4a5763", accent="#1d6a86",
    on_accent="#ffffff", accent_soft="#d5e8ef", header="#1d6a86", on_header="#ffffff",
    border="#6f8593", focus="#c2410c", highlight="#fdf0c4", disabled="#c3cdd5",
    on_disabled="#3d4852", handle="#7d8f9c",
    ice="#eef8ff", ice_edge="#123d70", lethal="#33508f", lethal_edge="#0b1a3d",
    tumour_line="#3a2c1e", halo="#ffffff", isotherms=("#111111", "#111111", "#111111"),
    scar="#ecdcd2", metal="#8a96a3", metal_dark="#4f5b66", cold_tip="#dff1ff",
    warm_tip="#f2b36b", cut="#7a2a24", transducer="#5b6770", beam="#ffffff",
    label_ink="#1f2a37", label_fill="#fbfcfd",
    chart_edge="#1d6a86", chart_centre="#8a4b2f", chart_freeze="#cde4f5", cursor="#1f2a37",
    segments=_LIGHT_SEGMENTS, segment_ink="#1f2a37",
)

PROJECTOR = Palette(
    name="projector",
    paper="#ffffff", panel="#f1f4f6", ink="#0d1117", muted="#2f3a44", accent="#0b4f6c",
    on_accent="#ffffff", accent_soft="#cfe4ee", header="#0b4f6c", on_header="#ffffff",
    border="#3d4f5c", focus="#b33a00", highlight="#ffe98a", disabled="#b8c2ca",
    on_disabled="#1f2a37", handle="#50606c",
    ice="#f2faff", ice_edge="#0d3d73", lethal="#23407e", lethal_edge="#000814",
    tumour_line="#1e140a", halo="#ffffff", isotherms=("#000000", "#000000", "#000000"),
    scar="#ecdcd2", metal="#7c8895", metal_dark="#2f3a44", cold_tip="#dff1ff",
    warm_tip="#f2a64f", cut="#6b1d17", transducer="#3d4852", beam="#ffffff",
    label_ink="#0d1117", label_fill="#ffffff",
    chart_edge="#0b4f6c", chart_centre="#7a3418", chart_freeze="#c4def2", cursor="#0d1117",
    segments={**_LIGHT_SEGMENTS, "freeze": ("#cde4f6", "#92c4ea"), "thaw": ("#f1e4cc", "#dfc08c"),
              "heal": ("#d8ecdb", "#a3d1ab")},
    segment_ink="#0d1117", line_scale=1.6,
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    paper="#000000", panel="#101010", ink="#ffffff", muted="#e6e6e6", accent="#ffd60a",
    on_accent="#000000", accent_soft="#3a3000", header="#000000", on_header="#ffffff",
    border="#ffffff", focus="#00e5ff", highlight="#2c2a00", disabled="#4d4d4d",
    on_disabled="#ffffff", handle="#d0d0d0",
    ice="#eef8ff", ice_edge="#00e5ff", lethal="#33508f", lethal_edge="#ff9de6",
    tumour_line="#ffd60a", halo="#000000", isotherms=("#ffffff", "#ffffff", "#ffffff"),
    scar="#ecdcd2", metal="#9aa6b3", metal_dark="#ffffff", cold_tip="#8fe8ff",
    warm_tip="#ffb347", cut="#ff6b5e", transducer="#c0c8d0", beam="#ffffff",
    label_ink="#ffffff", label_fill="#000000",
    chart_edge="#ffd60a", chart_centre="#6cff6c", chart_freeze="#1b3550", cursor="#ffffff",
    segments={"prepare": ("#1a1a1a", "#3a3a3a"), "insert": ("#1a1a1a", "#3a3a3a"),
              "remove": ("#1a1a1a", "#3a3a3a"), "freeze": ("#0d2a44", "#1d4f7a"),
              "thaw": ("#3a2a08", "#5c4410"), "heal": ("#0f3318", "#1d5a2b")},
    segment_ink="#ffffff", line_scale=2.0,
)

THEMES = {p.name: p for p in (DEFAULT, PROJECTOR, HIGH_CONTRAST)}


def palette(name: str) -> Palette:
    return THEMES.get(name, DEFAULT)


# -- contrast (WCAG 2) ---------------------------------------------------------------------------

def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str | tuple[int, int, int]) -> float:
    if isinstance(colour, str):
        text = colour.lstrip("#")
        colour = tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))
    r, g, b = (_channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """The WCAG contrast ratio of two colours ('#rrggbb' or (r, g, b)), from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(under: str, over: str, alpha: float) -> str:
    """`over` laid on `under` with opacity alpha, as '#rrggbb'."""
    u = [int(under.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    o = [int(over.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x * (1 - alpha) + y * alpha):02x}" for x, y in zip(u, o))
