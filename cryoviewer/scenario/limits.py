"""What a scenario or materials file may say: the physical range of every number, and why.

One table, used by the reader (spec.py) and printed in docs/scenario-format.md (a test keeps the
two equal). A value outside its range is refused with the range and its reason, so that a file
can never ask for a picture the body cannot produce (tissue at 2,000 °C, blood at a million
degrees) or a computation the viewer cannot afford. Sources: shared/reference/physics.md (§).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    low: float
    high: float
    unit: str
    why: str

    def allows(self, value: float) -> bool:
        return math.isfinite(value) and self.low <= value <= self.high

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"between {_number(self.low)} and {_number(self.high)}{unit}"


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e7:
        return f"{int(value):,}".replace(",", " ") if abs(value) >= 10000 else f"{int(value)}"
    return f"{value:g}"


# Field names as they appear in files: "table.key" (materials: "materials.key", for any
# material, in materials.toml or a [materials.NAME] table).
LIMITS: dict[str, Limit] = {
    # -- the scenario as a whole ---------------------------------------------------------------
    "lethal_c": Limit(-80, -10, "°C", "cells die reliably below −20 to −25 °C; −40 °C is the "
                      "clinical target and −50 to −60 °C for skin cancers (§5); warmer than "
                      "−10 °C is not frozen solid"),
    # -- grid ------------------------------------------------------------------------------
    "grid.width_mm": Limit(5, 200, "mm", "ice balls are at most about 6 cm across (§4); 20 cm "
                           "keeps any of them far from the edge"),
    "grid.depth_mm": Limit(5, 200, "mm", "as width_mm"),
    "grid.cell_mm": Limit(0.1, 1.25, "mm", "the solver is validated at 1, 0.5 and 0.25 mm "
                          "(README: Neumann front error 2.3, 1.3, 0.6 %), and at 1.25 mm in "
                          "three dimensions (the agar rows)"),
    "grid.surface_cell_mm": Limit(0.05, 1.0, "mm", "skin only: the epidermis is 0.1 mm (§2); "
                                  "at most cell_mm"),
    # -- tumour ----------------------------------------------------------------------------
    "tumour.radius_mm": Limit(0.5, 50, "mm", "and at least 2 cells: a tumour needs ≥ 4 cells "
                              "across to have a destroyed fraction"),
    "tumour.centre_depth_mm": Limit(-100, 200, "mm", "inside the grid (checked with it)"),
    "tumour.depth_mm": Limit(0.2, 20, "mm", "skin lesions: ice reaches at most ≈ 10 mm deep "
                             "(§3, AAFP)"),
    "tumour.edge_mm": Limit(-100, 200, "mm", "one point, inside the grid (checked with it)"),
    # -- probe -----------------------------------------------------------------------------
    "probe.diameter_mm": Limit(1, 6, "mm", "needles of 1.47–2.4 mm (§3), older probes up to "
                               "5 mm"),
    "probe.tip_depth_mm": Limit(5, 200, "mm", "inside the grid (checked with it)"),
    "probe.active_length_mm": Limit(2, 100, "mm", "20–40 mm, 22 mm typical (§3); at least one "
                                    "cell"),
    "probe.freeze_c": Limit(-200, 0, "°C", "liquid nitrogen −196 °C is the coldest cryogen, "
                            "argon −186 °C (§3); and colder than the tissue's solidus"),
    "probe.cooling_h": Limit(50, 50000, "W/m²·K", "the probe's cooling: from its surface to "
                             "the coolant at freeze_c, calibrated to Littrup 2009 (§4)"),
    "probe.thaw_c": Limit(0, 45, "°C", "active thaw +20 to +40 °C (§3); above 45 °C heat "
                          "injures tissue; and warmer than the liquidus"),
    "probe.positions_mm": Limit(-100, 100, "mm", "1 to 8 probes, inside the grid, not "
                                "overlapping"),
    # -- spray or contact (skin) -----------------------------------------------------------
    "surface.radius_mm": Limit(0.5, 50, "mm", "and at least one cell; narrower than the grid"),
    "surface.temperature_c": Limit(-200, 0, "°C", "as probe.freeze_c: liquid nitrogen −196 °C; "
                                   "CO₂ snow −78.5 °C (§3)"),
    "surface.h": Limit(100, 30000, "W/m²·K", "boiling nitrogen spray 10³–10⁴ (§3), contact "
                       "through gel ≈ 2000; 3 × the top"),
    "surface.air_c": Limit(0, 45, "°C", "a room"),
    "surface.air_h": Limit(0, 100, "W/m²·K", "still air 5–25, a fan up to 100"),
    # -- protocol --------------------------------------------------------------------------
    "protocol.cycles": Limit(1, 3, "", "two or three freeze–thaw cycles (DESIGN)"),
    "protocol.prepare_s": Limit(1, 600, "s", "a short scene before the treatment"),
    "protocol.insert_s": Limit(1, 600, "s", "as prepare_s"),
    "protocol.freeze_s": Limit(1, 1800, "s", "10 min freezes (liver, kidney), 30 s sprays "
                               "(§3): 30 min is twice the longest"),
    "protocol.thaw_s": Limit(1, 1800, "s", "5–10 min, or 2–3 × the freeze (§3)"),
    "protocol.remove_s": Limit(1, 600, "s", "as prepare_s"),
    "protocol.heal_s": Limit(1, 3600, "s", "the ice thaws within minutes"),
    "protocol.frame_s": Limit(0.5, 120, "s", "every phase has at least 10 frames anyway; "
                              "closer frames only cost memory"),
    "protocol.max_step_s": Limit(0.1, 120, "s", "accuracy, not stability: shorter steps only "
                                 "cost time"),
    # -- materials -------------------------------------------------------------------------
    "materials.k_unfrozen": Limit(0.1, 1.5, "W/m·K", "fat 0.16–0.22 to water 0.6 (§2)"),
    "materials.k_frozen": Limit(0.1, 5, "W/m·K", "frozen fat ≈ 0.35 to ice 2.2 at 0 °C (§2), "
                                "at 0 °C if k_frozen_law = \"ice\""),
    "materials.c_unfrozen": Limit(1e6, 5e6, "J/m³·K", "fat 2.3 MJ to water 4.2 MJ (§2)"),
    "materials.c_frozen": Limit(0.5e6, 5e6, "J/m³·K", "ice 1.9 MJ, frozen tissue 1.8 MJ (§2)"),
    "materials.latent": Limit(0, 350e6, "J/m³", "pure water holds 334 MJ/m³; tissue 250–300 "
                              "(§2)"),
    "materials.solidus": Limit(-20, 0, "°C", "tissue −8 °C (Rabin), gels −1 to −2 °C (§2)"),
    "materials.liquidus": Limit(-10, 0, "°C", "−1 °C (Rabin), 0 °C for gels; at least 0.5 K "
                                "above the solidus"),
    "materials.perfusion": Limit(0, 200000, "W/m³·K", "tumour 7.8 k, liver up to 63 k, "
                                 "\"high perfusion\" 40 k (§2): 5 × that"),
    "materials.metabolic": Limit(0, 100000, "W/m³", "420 (tissue) to 33 800 (liver) (§2): "
                                 "3 × the liver"),
    "materials.arterial": Limit(0, 45, "°C", "blood at 37 °C; a gel phantom may sit at room "
                                "temperature; above 45 °C is a burn"),
}

# Together, not alone:
STEADY_MAX_C = 45.0   # arterial + metabolic / perfusion: a tissue's own resting temperature
MUSHY_MIN_K = 0.5     # liquidus − solidus: a narrower band can stall the front (§7)
MIN_TUMOUR_CELLS = 2  # the tumour's radius in cells (4 cells across)


def markdown_table() -> str:
    """The limits as the Markdown table printed in docs/scenario-format.md."""
    rows = ["| field | allowed | why |", "|---|---|---|"]
    for name, item in LIMITS.items():
        rows.append(f"| `{name}` | {item.describe()} | {item.why} |")
    return "\n".join(rows)
