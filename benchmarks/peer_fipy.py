"""Our heat solver against FiPy, an independent finite-volume PDE solver, at equal error.

    python -m venv /tmp/fipyenv && /tmp/fipyenv/bin/pip install fipy numpy scipy
    /tmp/fipyenv/bin/python benchmarks/peer_fipy.py

FiPy is never a dependency of the viewer: run this with a throwaway environment's Python (our
solver needs only NumPy). The case is validation.py's Neumann problem: planar freezing from a
−150 °C wall into tissue at 37 °C, with an exact solution (physics/exact.py), the front read
where the temperature crosses 0 °C after 600 s. Both solve the same enthalpy equation on the same
grids (cells of 1, 0.5 and 0.25 mm, the ±0.5 K freezing band, conductivity blended by the
unfrozen fraction and combined in series across faces), both implicitly in time. Ours chooses its
own steps; FiPy takes 20 s steps (its front moves by less than 0.1 % of the front when they are
halved), each step iterated as Newton's method on H(T), stopped at the kinks of H(T) (a plain Picard
iteration on the enthalpy's secant oscillates and never converges here).

prints, per cell size, each solver's wall time (ours: the median of 3 runs) and front error, then
peer_error_pct     our front error on the finest grid, where the two are compared
peer_ratio         our time / FiPy's time at that error (FiPy's time interpolated between its
                   grids by error, log–log; held at its nearest grid outside them)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryoviewer.physics.exact import Neumann  # noqa: E402
from cryoviewer.physics.materials import BODY_C  # noqa: E402
from cryoviewer.validation import REFERENCE, WALL_C, crossing, neumann_front_error, \
    reference_material  # noqa: E402

CELLS = (1e-3, 0.5e-3, 0.25e-3)  # m
SECONDS, LENGTH = 600.0, 0.1      # as validation.py's Neumann check
FIPY_STEP = 20.0                  # s
TOLERANCE_K = 1e-3                # Newton stops when no cell moves more than this
MAX_ITERATIONS = 60


def fipy_front_error(cell: float) -> float:
    """FiPy's relative front error on a grid of this cell size."""
    from fipy import CellVariable, DiffusionTerm, Grid1D, TransientTerm

    material = reference_material()
    full = material.liquidus_enthalpy
    mushy = full / (material.liquidus - material.solidus)
    mesh = Grid1D(nx=int(round(LENGTH / cell)), dx=cell)
    T = CellVariable(mesh=mesh, value=BODY_C, hasOld=True)
    T.constrain(WALL_C, mesh.facesLeft)
    T.constrain(BODY_C, mesh.facesRight)
    slope = CellVariable(mesh=mesh, value=material.c_unfrozen)   # dH/dT at the iterate
    rest = CellVariable(mesh=mesh, value=0.0)                    # what the linear part misses
    k = CellVariable(mesh=mesh, value=material.k_unfrozen)
    equation = TransientTerm(coeff=slope) == DiffusionTerm(coeff=k.harmonicFaceValue) + rest
    for _ in range(int(round(SECONDS / FIPY_STEP))):
        T.updateOld()
        old = np.array(T.old.value)
        h_old, t = material.enthalpy(old), old.copy()
        for _ in range(MAX_ITERATIONS):
            h = material.enthalpy(t)
            slope.value = np.where(t < material.solidus, material.c_frozen,
                                   np.where(t > material.liquidus, material.c_unfrozen, mushy))
            rest.value = -(h - h_old - slope.value * (t - old)) / FIPY_STEP
            unfrozen = np.clip(h / full, 0.0, 1.0)
            k.value = 1.0 / (unfrozen / material.k_unfrozen + (1 - unfrozen) / material.k_frozen)
            equation.solve(var=T, dt=FIPY_STEP)
            new = np.array(T.value)
            for kink in (material.liquidus, material.solidus):
                new = np.where((new - kink) * (t - kink) < 0, kink, new)
            moved, t = float(np.max(np.abs(new - t))), new
            T.setValue(new)
            if moved < TOLERANCE_K:
                break
        else:
            raise SystemExit(f"FiPy's iteration did not converge at {cell * 1e3:g} mm")
    front = crossing(np.array(mesh.cellCenters[0]), np.array(T.value), 0.0)
    return front / Neumann(REFERENCE, WALL_C, BODY_C).front(SECONDS) - 1


def timed(function, *args) -> tuple[float, float]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    try:
        import fipy
    except ImportError:
        raise SystemExit("FiPy is not importable by this Python, so there is nothing to compare "
                         "with. Install it into a throwaway environment (see this script's "
                         "docstring) and run the script with that environment's Python.")
    print(f"# FiPy {fipy.__version__}, NumPy {np.__version__}", file=sys.stderr)
    ours = []  # first, before FiPy's many small objects weigh on the garbage collector
    for cell in CELLS:
        runs = [timed(neumann_front_error, cell) for _ in range(3)]
        ours.append((statistics.median(s for s, _ in runs), runs[0][1][1]))
    theirs = [timed(fipy_front_error, cell) for cell in CELLS]
    for solver, results in (("ours", ours), ("fipy", theirs)):
        for cell, (seconds, error) in zip(CELLS, results):
            print(f"{solver}_{cell * 1e3:g}mm_s={seconds:.3f}")
            print(f"{solver}_{cell * 1e3:g}mm_error_pct={error * 100:+.2f}")
    error = abs(ours[-1][1])
    by_error = sorted((abs(e), s) for s, e in theirs)
    fipy_s = float(np.exp(np.interp(np.log(error), [np.log(e) for e, _ in by_error],
                                    [np.log(s) for _, s in by_error])))
    print(f"peer_error_pct={error * 100:.2f}")
    print(f"peer_ratio={ours[-1][0] / fipy_s:.4f}")


if __name__ == "__main__":
    main()
