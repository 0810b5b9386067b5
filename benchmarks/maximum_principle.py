"""The maximum-principle sweep (issue 12): the liver protocol over probe temperatures, grids,
probe diameters and steps. Prints one line per case: the coldest and warmest cell seen after any
step against the coldest and warmest imposed, the tumour destroyed, or the error that stopped it.

    python benchmarks/maximum_principle.py [--quick]

"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryoviewer.resources import resources_root  # noqa: E402
from cryoviewer.scenario import Simulation, load_scenario  # noqa: E402

SCENARIOS = resources_root() / "scenarios"


def variant(folder: Path, freeze_c=None, cell=None, diameter=None, max_step=None,
            size=None) -> Path:
    text = (SCENARIOS / "liver-probe.toml").read_text(encoding="utf-8")
    for key, value in (("freeze_c", freeze_c), ("cell_mm", cell), ("diameter_mm", diameter),
                       ("max_step_s", max_step)):
        if value is not None:
            text = re.sub(rf"^{key} = [^#\n]*", f"{key} = {value} ", text, flags=re.M)
    if size is not None:   # a smaller block for the finest grids: width, depth, tumour, probe
        width, depth = size
        text = re.sub(r"^width_mm = \S+", f"width_mm = {width}", text, flags=re.M)
        text = re.sub(r"^depth_mm = \S+", f"depth_mm = {depth}", text, flags=re.M)
        text = re.sub(r"^radius_mm = \S+", "radius_mm = 4", text, flags=re.M)
        text = re.sub(r"^centre_depth_mm = \S+", f"centre_depth_mm = {depth / 2}", text, flags=re.M)
        text = re.sub(r"^tip_depth_mm = \S+", f"tip_depth_mm = {depth / 2 + 4}", text, flags=re.M)
        text = re.sub(r"^active_length_mm = \S+", "active_length_mm = 10", text, flags=re.M)
    path = folder / f"case-{abs(hash((freeze_c, cell, diameter, max_step, size)))}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> str:
    try:
        scenario = load_scenario(path, budget=False)
    except Exception as exc:  # noqa: BLE001
        return "refused: " + str(exc).splitlines()[-1].split(": ", 1)[-1][:80]
    simulation = Simulation(scenario, budget=False)
    seen = [np.inf, -np.inf]
    free = ~simulation.geometry.probe
    original = simulation._record

    def record(T):
        seen[0] = min(seen[0], float(T[free].min()))
        seen[1] = max(seen[1], float(T[free].max()))
        original(T)

    simulation._record = record
    start = time.perf_counter()
    try:
        frames = list(simulation.frames())
    except Exception as exc:  # noqa: BLE001 - report, keep sweeping
        message = str(exc).split("stopped: ")[-1].split("\n")[0][:90]
        return f"ABORTED after {time.perf_counter() - start:.1f} s: {message}"
    p = scenario.probe
    low = min(p.freeze_c, 37.0)
    # The warmest source: a tissue's own steady temperature (arterial + metabolic), or a
    # warmed probe.
    high = max(p.thaw_c or 37.0, float(simulation.geometry.initial_temperature().max()))
    destroyed = max(f.tumour_destroyed for f in frames)
    return (f"coldest {seen[0]:8.2f} (imposed {low:7.1f}, under {max(0, low - seen[0]):5.2f} K)"
            f"  warmest {seen[1]:6.2f} (over {max(0, seen[1] - high):5.2f} K)"
            f"  destroyed {destroyed:6.1%}  {time.perf_counter() - start:5.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the cases named in issue 12")
    quick = parser.parse_args().quick
    cases = [dict(freeze_c=-35), dict(freeze_c=-60, cell=0.25), dict(freeze_c=-78.5, cell=0.25),
             dict(freeze_c=-89, cell=0.25), dict(freeze_c=-150, cell=0.1, size=(10, 20)),
             dict(diameter=1.0), dict(diameter=1.0, max_step=2)]   # the thinnest allowed
    if not quick:
        for t in (-20, -35, -60, -78.5, -89, -120, -150, -196):
            for cell in (1.0, 0.5, 0.25):
                cases.append(dict(freeze_c=t, cell=cell))
        for step in (1, 5, 30, 60, 600):
            cases.append(dict(max_step=step))
    folder = Path(tempfile.mkdtemp())
    shutil.copy(SCENARIOS / "materials.toml", folder / "materials.toml")
    try:
        for case in cases:
            label = " ".join(f"{k}={v}" for k, v in case.items())
            print(f"{label:38s} {run(variant(folder, **case))}", flush=True)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
