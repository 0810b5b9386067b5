"""Tissue properties and the enthalpy curve that links heat content to temperature.

Enthalpy H (J/m³) is measured from the solidus: H = 0 is tissue just frozen solid. Between
solidus and liquidus (the mushy zone) latent heat is released linearly, so temperature is a
piecewise-linear function of H. Frozen tissue conducts better than unfrozen tissue; "ice-like"
frozen conductivity also rises as it gets colder (k ∝ 1/T in kelvin, as for pure ice).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KELVIN = 273.15
BODY_C = 37.0  # °C, arterial blood; tissue at rest sits here plus its own metabolic warming


@dataclass(frozen=True)
class Material:
    name: str
    k_unfrozen: float          # W/m·K
    k_frozen: float            # W/m·K, at 0 °C if k_frozen_law is "ice"
    c_unfrozen: float          # volumetric heat capacity, J/m³·K
    c_frozen: float
    latent: float              # J/m³
    solidus: float = -8.0      # °C
    liquidus: float = -1.0     # °C
    perfusion: float = 0.0     # ω_b ρ_b c_b, W/m³·K; stops in frozen tissue
    metabolic: float = 0.0     # W/m³; stops in frozen tissue
    arterial: float = BODY_C   # °C
    k_frozen_law: str = "constant"  # or "ice": k_frozen · 273.15 / T[K]

    @property
    def mushy_capacity(self) -> float:
        return 0.5 * (self.c_frozen + self.c_unfrozen)

    @property
    def liquidus_enthalpy(self) -> float:
        """H at the liquidus: sensible heat across the mushy zone plus all latent heat."""
        return self.mushy_capacity * (self.liquidus - self.solidus) + self.latent

    def enthalpy(self, temperature: float | np.ndarray) -> float | np.ndarray:
        """H for a temperature (the inverse of the solver's temperature curve)."""
        t = np.asarray(temperature, dtype=float)
        hl = self.liquidus_enthalpy
        h = np.where(t <= self.solidus, self.c_frozen * (t - self.solidus),
                     np.where(t >= self.liquidus, hl + self.c_unfrozen * (t - self.liquidus),
                              (t - self.solidus) / (self.liquidus - self.solidus) * hl))
        return float(h) if np.ndim(h) == 0 else h

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong) for every non-physical value."""
        found = []
        for field in ("k_unfrozen", "k_frozen", "c_unfrozen", "c_frozen"):
            if not getattr(self, field) > 0:
                found.append((field, f"must be greater than 0, not {getattr(self, field)}"))
        for field in ("latent", "perfusion", "metabolic"):
            if getattr(self, field) < 0:
                found.append((field, f"cannot be negative ({getattr(self, field)})"))
        if not self.solidus < self.liquidus:
            found.append(("solidus", f"must be below the liquidus ({self.solidus} ≥ "
                                     f"{self.liquidus} °C)"))
        if self.k_frozen_law not in ("constant", "ice"):
            found.append(("k_frozen_law", f"must be 'constant' or 'ice', not "
                                          f"'{self.k_frozen_law}'"))
        return found


class CellProperties:
    """Per-cell coefficient arrays for a grid filled with several materials.

    The solver works on whole arrays: a material is just different numbers in these arrays,
    so tumours, organs and skin layers cost nothing extra per step.
    """

    def __init__(self, materials: list[Material], index: np.ndarray):
        self.materials = materials
        self.index = index

        def take(values):
            return np.asarray(values, dtype=float)[index]

        self.solidus = take([m.solidus for m in materials])
        self.liquidus_enthalpy = take([m.liquidus_enthalpy for m in materials])
        self.inv_c_frozen = take([1 / m.c_frozen for m in materials])
        self.inv_c_unfrozen = take([1 / m.c_unfrozen for m in materials])
        self.mushy_slope = take([(m.liquidus - m.solidus) / m.liquidus_enthalpy
                                 for m in materials])
        # Thermal resistivity r = 1/k: frozen r is linear in T (a + b·T), exact for both laws.
        self.r_unfrozen = take([1 / m.k_unfrozen for m in materials])
        self.r_frozen_a = take([1 / m.k_frozen for m in materials])
        self.r_frozen_b = take([1 / (m.k_frozen * KELVIN) if m.k_frozen_law == "ice" else 0.0
                                for m in materials])
        self.perfusion = take([m.perfusion for m in materials])
        self.heating = take([m.perfusion * m.arterial + m.metabolic for m in materials])
        self.c_frozen = take([m.c_frozen for m in materials])

    def enthalpy(self, temperature: np.ndarray) -> np.ndarray:
        """H for a temperature field, cell by cell."""
        h = np.empty(self.index.shape)
        for number, material in enumerate(self.materials):
            cells = self.index == number
            h[cells] = material.enthalpy(temperature[cells] if np.ndim(temperature)
                                         else temperature)
        return h

    def coldest_conductivity(self, temperature: float) -> np.ndarray:
        """Each cell's conductivity if frozen to this temperature: the stiffest case."""
        return 1.0 / np.maximum(self.r_frozen_a + self.r_frozen_b * temperature, 1e-12)
