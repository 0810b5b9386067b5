"""Checks of the heat-transfer engine against exact solutions and published measurements.

    python -m cryoviewer.physics.validate [--out FOLDER] [--no-plots]

prints one row per check (case, expected, got, error, pass/fail), writes comparison plots as PNG
into a folder it names, and exits 1 if any check fails. tests/test_validation.py runs the same.
"""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .physics.exact import LineSink, Neumann, PhaseChangeMaterial, steady_cylinder_radius, \
    steady_sphere_radius
from .physics.materials import BODY_C, CellProperties, Material
from .physics.mesh import Mesh, graded_faces, uniform_faces
from .physics.solver import INSULATED, METAL, Boundary, HeatSolver

# The worked checks of the physics reference: tissue-like properties, a sharp front at 0 °C
# (a ±0.5 K band), frozen and unfrozen conductivity constant.
REFERENCE = PhaseChangeMaterial(k_frozen=2.0, k_unfrozen=0.5, c_frozen=1.8e6, c_unfrozen=3.6e6,
                                latent=250e6)
WALL_C = -150.0


def reference_material(perfusion: float = 0.0) -> Material:
    m = REFERENCE
    return Material("reference", k_unfrozen=m.k_unfrozen, k_frozen=m.k_frozen,
                    c_unfrozen=m.c_unfrozen, c_frozen=m.c_frozen, latent=m.latent,
                    solidus=-0.5, liquidus=0.5, perfusion=perfusion)


@dataclass
class Plot:
    """A comparison to draw: named curves of (x, y), axis labels, and marked values."""

    title: str
    x_label: str
    y_label: str
    curves: list[tuple[str, np.ndarray, np.ndarray]] = field(default_factory=list)


@dataclass
class Check:
    case: str
    expected: str
    got: str
    error: str
    passed: bool
    plot: Plot | None = None


def relative(case: str, expected: float, got: float, tolerance: float, unit: str,
             plot: Plot | None = None) -> Check:
    error = got / expected - 1
    return Check(case, f"{expected:.2f} {unit} ±{tolerance:.0%}", f"{got:.2f} {unit}",
                 f"{error:+.2%}", abs(error) <= tolerance, plot)


def crossing(x: np.ndarray, values: np.ndarray, level: float) -> float:
    """First x where values pass `level` going outward (linear between cell centres)."""
    above = np.nonzero(values >= level)[0] if values[0] < level else np.nonzero(values <= level)[0]
    if not len(above) or above[0] == 0:
        return float("nan")
    i = above[0]
    return float(x[i - 1] + (level - values[i - 1]) * (x[i] - x[i - 1])
                 / (values[i] - values[i - 1]))


def _one_dimensional(kind: str, faces: np.ndarray, material: Material,
                     inner: tuple[float, float], outer_c: float = BODY_C) -> HeatSolver:
    """A single row of cells from an inner wall (temperature, resistivity) to body temperature."""
    mesh = Mesh(kind, faces, np.array([0.0, 1.0]))
    solver = HeatSolver(mesh, CellProperties([material], np.zeros(mesh.shape, dtype=int)), BODY_C)
    solver.set_boundary(_walls(solver, *inner, outer_c))
    return solver


def _walls(solver: HeatSolver, inner_c: float, inner_r: float, outer_c: float) -> Boundary:
    walls = Boundary.ring(np.full(solver.padded_shape, outer_c), INSULATED)
    walls.temperature[:, 0] = inner_c
    walls.resistivity[:, 0], walls.resistivity[:, -1] = inner_r, METAL
    return walls


# -- exact solutions ----------------------------------------------------------------------------

def neumann_front_error(cell: float, seconds: float = 600.0) -> tuple[float, float, Plot]:
    """Planar freezing from a −150 °C wall: front position, its relative error, a plot."""
    exact = Neumann(REFERENCE, WALL_C, BODY_C)
    solver = _one_dimensional("planar", uniform_faces(0.1, cell), reference_material(),
                              (WALL_C, METAL))
    solver.advance(seconds, max_step=5.0)
    x, T = solver.mesh.x, solver.temperature()[0]
    front = crossing(x, T, 0.0)
    plot = Plot("Planar freezing (Neumann), 600 s", "distance from the wall (mm)", "°C",
                [("computed", x * 1e3, T), ("exact", x * 1e3, exact.temperature(x, seconds))])
    return front, front / exact.front(seconds) - 1, plot


def check_neumann() -> list[Check]:
    expected = Neumann(REFERENCE, WALL_C, BODY_C).front(600.0)
    cells = (1e-3, 0.5e-3, 0.25e-3)
    results = [neumann_front_error(cell) for cell in cells]
    front, _, plot = results[-1]
    errors = [abs(error) for _, error, _ in results]
    convergence = Plot("Grid convergence (Neumann front at 600 s)", "cell size (mm)",
                       "front error (%)",
                       [("|error|", np.array(cells) * 1e3, np.array(errors) * 100)])
    return [
        relative("Neumann planar front, 600 s, 0.25 mm cells", expected * 1e3, front * 1e3,
                 0.01, "mm", plot),
        Check("Grid convergence: halving the cell reduces the front error",
              "decreasing", " → ".join(f"{e:.2%}" for e in errors), "",
              all(b < a for a, b in zip(errors, errors[1:])), convergence),
    ]


def check_line_sink() -> Check:
    """A line sink in an infinite medium: the exact temperature is imposed 1 mm from the line
    and the solver computes everything outside it, in cylindrical geometry."""
    q, r0, seconds = 300.0, 1e-3, 600.0
    exact = LineSink(REFERENCE, q, BODY_C)
    solver = _one_dimensional("axisymmetric", uniform_faces(0.08, 0.25e-3, start=r0),
                              reference_material(), (BODY_C, METAL))
    boundary = solver.boundary
    while solver.time < seconds - 1e-9:
        boundary.temperature[:, 0] = exact.temperature(r0, solver.time + 0.5)
        solver.set_boundary(boundary)
        solver.advance(1.0, max_step=1.0)
    x, T = solver.mesh.x, solver.temperature()[0]
    plot = Plot("Line heat sink, 300 W/m, 600 s", "radius (mm)", "°C",
                [("computed", x * 1e3, T), ("exact", x * 1e3, exact.temperature(x, seconds))])
    return relative("Line heat sink: front radius at 600 s", exact.front(seconds) * 1e3,
                    crossing(x, T, 0.0) * 1e3, 0.02, "mm", plot)


def check_steady(kind: str) -> Check:
    """The ice ball a probe holds against blood flow once heat in and out balance."""
    perfusion, r0 = 40e3, 0.75e-3
    function = steady_sphere_radius if kind == "spherical" else steady_cylinder_radius
    expected = function(REFERENCE, r0, WALL_C, perfusion, BODY_C)
    faces = r0 + graded_faces(0.06 if kind == "spherical" else 0.1, 0.05e-3, 0.25e-3, 1.05)
    solver = _one_dimensional(kind, faces, reference_material(perfusion), (WALL_C, METAL))
    seconds = 3600.0 if kind == "spherical" else 3 * 3600.0
    history = []
    for _ in range(6):
        solver.advance(seconds / 6, max_step=60.0)
        history.append(crossing(solver.mesh.x, solver.temperature()[0], 0.0))
    x, T = solver.mesh.x, solver.temperature()[0]
    name = "sphere" if kind == "spherical" else "cylinder"
    plot = Plot(f"Steady ice ball with blood flow ({name})", "radius (mm)", "°C",
                [("computed", x * 1e3, T), ("exact front", np.array([expected] * 2) * 1e3,
                                            np.array([T.min(), BODY_C]))])
    check = relative(f"Steady {name} with perfusion: ice radius", expected * 1e3,
                     history[-1] * 1e3, 0.03, "mm", plot)
    check.passed &= abs(history[-1] / history[-2] - 1) < 0.005  # and it has stopped growing
    return check


# -- scenarios: energy and measurements ---------------------------------------------------------

def _scenario(name: str):
    from .resources import resources_root
    from .scenario import Simulation, load_scenario

    return Simulation(load_scenario(resources_root() / "scenarios" / f"{name}.toml"))


def check_liver() -> list[Check]:
    """The liver protocol: energy balance over the first cycle, and the second freeze."""
    simulation = _scenario("liver-probe")
    solver, marks = simulation.solver, {}

    def snapshot():
        return (solver.stored_heat(), solver.heat_from_boundaries, solver.heat_from_blood)

    frames = []
    for frame in simulation.frames():
        frames.append(frame)
        if frame.phase.id == "insert" and frame.phase_time >= frame.phase.duration - 1e-6:
            marks["start"] = snapshot()
        if frame.phase.id == "thaw1" and frame.phase_time >= frame.phase.duration - 1e-6:
            marks["end"] = snapshot()
    (s0, b0, q0), (s1, b1, q1) = marks["start"], marks["end"]
    stored, supplied = s1 - s0, (b1 - b0) + (q1 - q0)
    imbalance = (stored - supplied) / abs(b1 - b0)
    energy = Check("Energy balance over freeze 1 + thaw 1 (liver)",
                   "|Δstored − heat in| ≤ 0.1% of probe heat",
                   f"Δstored {stored / 1e3:.1f} kJ, heat in {supplied / 1e3:.1f} kJ",
                   f"{imbalance:+.3%}", abs(imbalance) <= 0.001)
    by_phase = {f.phase.id: f for f in frames}
    g, lethal = simulation.geometry, simulation.scenario.lethal_c

    def lethal_volume(phase_id):   # mm³ (around the axis) colder than lethal half-way through
        phase = simulation.result.phase(phase_id)
        middle = min(frames, key=lambda f: abs(f.time - (phase.start + phase.duration / 2)))
        return float((g.volume * (middle.temperature <= lethal)).sum()) * 1e9

    first, second = lethal_volume("freeze1"), lethal_volume("freeze2")
    times = np.array([f.time for f in frames]) / 60
    plot = Plot("Liver, one probe: tumour temperatures", "minutes", "°C",
                [("tumour edge", times, np.array([f.edge_c for f in frames])),
                 ("tumour centre", times, np.array([f.centre_c for f in frames])),
                 (f"lethal −{abs(lethal):g} °C", times, np.full(len(times), lethal))])
    second_check = Check("Second freeze is faster: a larger lethal zone half-way (liver)",
                         "freeze 2 > freeze 1", f"{first:.0f} → {second:.0f} mm³",
                         f"{second / first - 1:+.1%}", second > first, plot)
    return [energy, second_check]


def _lethal_zone_across(simulation, level: float = -30.0) -> tuple[float, ...]:
    """(0 °C ball, zone at `level`) across the middle of the probe at the end of the freeze, mm,
    with the temperature profile there."""
    run = simulation.run()
    frame, probe, mesh = run.end_of("freeze1"), run.scenario.probe, run.geometry.mesh
    row = int(np.argmin(abs(mesh.y - (probe.tip_depth - probe.active_length / 2))))
    T = frame.temperature[row].astype(float)
    return 2e3 * crossing(mesh.x, T, 0.0), 2e3 * crossing(mesh.x, T, level), mesh.x * 1e3, T


def check_gel_one_probe() -> list[Check]:
    """Littrup 2009 (PMC2762356), one probe in agar at 39 °C, 15 min: the probe's cooling
    coefficient is calibrated on the first two rows; the third follows from it."""
    from .scenario import Simulation

    simulation = _scenario("checks/gel-one-probe")
    ball, zone, x, T = _lethal_zone_across(simulation)
    scenario = simulation.scenario
    thin = Simulation(replace(scenario, probe=replace(scenario.probe, diameter=1.7e-3)))
    _, thin_zone, _, _ = _lethal_zone_across(thin)
    plot = Plot("One probe in agar, 15 min: across the middle of the probe", "radius (mm)",
                "°C", [("computed", x, T),
                       ("0 °C ball ±15% (Littrup 2009)", np.array([14.0, 19.0]),
                        np.array([0.0, 0.0])),
                       ("−30 °C zone ±25% (Littrup 2009)", np.array([4.5, 7.5]),
                        np.array([-30.0, -30.0]))])
    return [relative("Agar, one 2.4 mm probe, 15 min: 0 °C ice ball across", 33.0, ball, 0.15,
                     "mm", plot),
            relative("Agar, one 2.4 mm probe, 15 min: −30 °C zone across", 12.0, zone, 0.25,
                     "mm"),
            relative("Agar, a 1.7 mm probe: −30 °C zone, share of the 2.4 mm one", 84.0,
                     100 * thin_zone / zone, 0.15, "%")]


# Littrup 2009 (PMC2762356): 2.4 mm probes 2 cm apart in agar at 39 °C, 15 min; the −30 °C
# zone's longest extent, mm, for 2, 3 and 4 probes (in a line, a triangle, a square).
_APART = 10.0
PROBES_2CM_APART = {
    2: (((-_APART, 0.0), (_APART, 0.0)), 33.0),
    3: (((0.0, 2 * _APART / np.sqrt(3)), (-_APART, -_APART / np.sqrt(3)),
         (_APART, -_APART / np.sqrt(3))), 41.0),
    4: (((-_APART, -_APART), (_APART, -_APART), (-_APART, _APART), (_APART, _APART)), 49.0)}


def _longest(lines: list[np.ndarray]) -> float:
    """The longest distance between two points of some isotherm lines (mm)."""
    if not lines:
        return 0.0
    points = np.concatenate(lines)
    return float(np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1)).max())


def check_gel_probes() -> list[Check]:
    """Several probes in three dimensions against Littrup 2009, with the probe calibrated on
    one; and the ice balls of two probes merge."""
    from .scenario import Simulation, load_scenario
    from .resources import resources_root

    base = load_scenario(resources_root() / "scenarios" / "checks" / "gel-probes.toml")
    checks = []
    for count, (positions, expected) in PROBES_2CM_APART.items():
        scenario = replace(base, probe=replace(base.probe, positions=tuple(
            (x * 1e-3, y * 1e-3) for x, y in positions)))
        frame = Simulation(scenario).run().end_of("freeze1")
        zone = _longest(frame.isotherm(-30.0))
        plot = None
        if count == 2:
            mesh = frame.geometry.mesh
            j, i = mesh.cell_index(0.0, 0.0)
            middle = float(frame.temperature[j, i])
            plot = Plot("Two probes 2 cm apart in agar, 15 min: through both probes", "x (mm)",
                        "°C", [("computed", mesh.x * 1e3, frame.temperature[j].astype(float))])
            checks.append(Check("Agar, two probes 2 cm apart: ice balls merge",
                                "midpoint below 0 °C", f"{middle:.1f} °C", "", middle < 0.0))
        checks.append(relative(f"Agar, {count} probes 2 cm apart, 15 min: −30 °C zone, longest",
                               expected, zone, 0.2, "mm", plot))
    return checks


def _margins(frame) -> tuple[float, float]:
    """The visible ice's reach beyond the tumour in the picture (mm): the least and the
    most, from the tumour's outline to the 0 °C line along lines from its centre (for skin:
    beside the lesion at the surface, both values the same)."""
    s, mesh = frame.geometry.scenario, frame.geometry.mesh
    if s.geometry == "skin":
        halo = crossing(mesh.x, frame.temperature[0].astype(float), 0.0) - s.tumour.radius
        return halo * 1e3, halo * 1e3
    reach = _outside_tumour(frame, 0.0)
    return float(reach.min()), float(reach.max())


def _outside_tumour(frame, level: float) -> np.ndarray:
    """How far (mm) the points of the `level` °C line lie outside the tumour's outline, both
    as the picture draws them (negative: inside it)."""
    points = np.concatenate(frame.isotherm(level)) * 1e-3
    return -1e3 * frame.geometry.tumour_inside(*points.T)


SCENES = {"liver-probe": (5.0, 10.0), "large-tumour": (5.0, 10.0), "skin-spray": (3.0, 5.0),
          "skin-probe": (3.0, 5.0)}   # mm of visible ice beyond the tumour (physics.md §3, §5)


def check_scenes(runs, names=SCENES) -> list[Check]:
    """Each treatment shows a success that agrees with its text: at the end of the last
    freeze all of the tumour is cold enough to be destroyed and the ice reaches about the
    margin the text gives beyond it (±0.5 mm); by the end of healing no ice is left."""
    checks = []
    for name in names:
        (low, high), run = SCENES[name], runs(name)
        last = [p for p in run.phases if p.kind == "freeze"][-1]
        frame = run.end_of(last.id)
        least, most = _margins(frame)
        # The picture agrees: the lethal zone's edge, as drawn, runs outside the tumour's
        # outline, as drawn, everywhere (mm outside it where it comes closest).
        clear = float(_outside_tumour(frame, run.scenario.lethal_c).min())
        # "About" the text's margin: where the ice is tightest (which decides) within it, and
        # nowhere more than 2 mm further (a probe's active segment lengthens the ice ball).
        ok = (frame.tumour_destroyed >= 0.999 and clear >= 0 and low - 0.5 <= least <= high
              and most <= high + 2)
        checks.append(Check(f"Scene {name}: end of the last freeze",
                            f"tumour all destroyed and inside the lethal edge, ice about "
                            f"{low:g}–{high:g} mm beyond",
                            f"{frame.tumour_destroyed:.1%}, lethal edge {clear:.1f} mm outside, "
                            f"ice {least:.1f}–{most:.1f} mm", "", ok))
        checks.append(_check_thaw(name, run))
    return checks


def _check_thaw(name: str, run) -> Check:
    """By the end of healing no ice is left. On the skin, where the guides let the spot thaw
    completely, unaided, for at least 2–3 times the freeze before freezing again, every thaw
    also lasts that long and ends with no ice (inside the body the protocol's 5–10 minutes of
    thaw leave some: the second freeze starts from it)."""
    heal = run.end_of("heal")
    thaws = [p for p in run.phases if p.kind == "thaw"]
    freeze = run.phase("freeze1").duration
    thawed = next((f.time - thaws[0].start for f in run.frames
                   if f.phase.id == thaws[0].id and (f.temperature > 0).all()), None)
    ok = bool((heal.temperature > 0).all())
    expected = "no cell at or below 0 °C after healing"
    if run.scenario.geometry == "skin":
        ok &= all(p.duration >= 2 * freeze and (run.end_of(p.id).temperature > 0).all()
                  for p in thaws)
        expected += "; each thaw ≥ 2 × the freeze, and ends with no ice"
    return Check(f"Thaw {name}: the ice melts", expected,
                 f"coldest {float(heal.temperature.min()):.1f} °C; first thaw done in "
                 + (f"{thawed / freeze:.1f} × the freeze time" if thawed is not None
                    else "more than its phase"), "", ok)


def check_skin_spray(run) -> Check:
    frame, mesh, lesion = run.end_of("freeze1"), run.geometry.mesh, run.scenario.tumour
    surface = frame.temperature[0].astype(float)
    halo = crossing(mesh.x, surface, 0.0) - lesion.radius
    plot = Plot("Skin spray, end of the first 30 s freeze: along the surface", "radius (mm)",
                "°C", [("computed", mesh.x * 1e3, surface),
                       ("lesion edge", np.array([lesion.radius] * 2) * 1e3,
                        np.array([surface.min(), BODY_C]))])
    return Check("Skin spray, 30 s: frozen halo beyond a 1 cm lesion", "3–5 mm",
                 f"{halo * 1e3:.2f} mm", "", 3e-3 <= halo <= 5e-3, plot)


def _runs():
    return functools.lru_cache(maxsize=None)(lambda name: _scenario(name).run())


# The checks in groups that can run apart (the tests run them side by side).
GROUPS = {
    "exact": lambda runs: check_neumann() + [check_line_sink(), check_steady("spherical"),
                                             check_steady("axisymmetric")],
    "liver": lambda runs: check_liver(),
    "agar-one-probe": lambda runs: check_gel_one_probe(),
    "agar-probes": lambda runs: check_gel_probes(),
    "skin": lambda runs: [check_skin_spray(runs("skin-spray"))],
    **{f"scene-{name}": (lambda runs, name=name: check_scenes(runs, [name])) for name in SCENES},
}


def run_checks(groups=None) -> list[Check]:
    runs = _runs()
    return [check for group in (groups or GROUPS) for check in GROUPS[group](runs)]


def table(checks: list[Check]) -> str:
    rows = [("case", "expected", "got", "error", "result")]
    rows += [(c.case, c.expected, c.got, c.error, "pass" if c.passed else "FAIL") for c in checks]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(checks: list[Check]) -> str:
    """The table as the README shows it (its failures marked)."""
    lines = ["| case | expected | got | error |", "|---|---|---|---|"]
    for c in checks:
        cells = [c.case + ("" if c.passed else " **(fails)**"), c.expected, c.got, c.error]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cryoviewer.validation",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("validation-output"),
                        help="folder for the comparison plots (default: ./validation-output)")
    parser.add_argument("--no-plots", action="store_true", help="print the table only")
    parser.add_argument("--markdown", action="store_true",
                        help="print the table as the README shows it")
    args = parser.parse_args(argv)
    checks = run_checks()
    print(markdown(checks) if args.markdown else table(checks))
    if not args.no_plots:
        # Plots are drawn with the viewer's own pyqtgraph, off screen; the checks need no Qt.
        from .ui.validation_plots import write_plots

        written = write_plots([c.plot for c in checks if c.plot], args.out)
        print(f"\n{len(written)} plots written to {args.out.resolve()}")
    failed = [c for c in checks if not c.passed]
    print(f"\n{len(checks) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
