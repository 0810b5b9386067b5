"""How long a skin spot takes to thaw, over the range the references leave open: the spray's
heat-transfer coefficient (10³–10⁴ W/m²·K), its radius, the tumour's depth (superficial to
nodular) and the fat under the dermis. Only the cases that treat the lesion as the guides ask
are kept (the whole tumour at −50 °C or colder after 30 s, a frozen halo 3–5 mm wide); for each
it prints how long after the spray stops the halo beyond the lesion, and then all of the ice,
has thawed, as multiples of the 30 s freeze. Prints name=value lines at the end.

    python benchmarks/skin_thaw.py

The guides ask the thaw to last at least 2–3 × the freeze; this shows what heat conduction
alone gives for the ice such a freeze makes (see the README's validation notes).
"""

from __future__ import annotations

import itertools
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryoviewer.resources import resources_root  # noqa: E402
from cryoviewer.scenario import Simulation, load_scenario  # noqa: E402
from cryoviewer.validation import crossing  # noqa: E402

SCENARIOS = resources_root() / "scenarios"
FREEZE_S = 30


def variant(folder: Path, h: float, radius: float, depth: float, fat: float) -> Path:
    text = (SCENARIOS / "skin-spray.toml").read_text(encoding="utf-8")
    for pattern, value in ((r"^h = \S+", f"h = {h}"),
                           (r"^radius_mm = 5\.5", f"radius_mm = {radius}"),
                           (r"^depth_mm = 2$", f"depth_mm = {depth}"),
                           (r"^thickness_mm = 5 ", f"thickness_mm = {fat} "),
                           (r"^thaw_s = .*", "thaw_s = 900"),
                           (r"^cycles = 2", "cycles = 1"),
                           (r"^frame_s = \S+", "frame_s = 10"),
                           (r"^max_step_s = \S+", "max_step_s = 10")):
        text, count = re.subn(pattern, value, text, flags=re.M)
        assert count == 1, pattern
    path = folder / "skin.toml"
    path.write_text(text, encoding="utf-8")
    return path


def measure(path: Path) -> dict | None:
    """The halo, the tumour destroyed and the thaw times; None if the lesion is not treated
    as the guides ask."""
    run = Simulation(load_scenario(path, SCENARIOS / "materials.toml")).run()
    mesh, lesion = run.geometry.mesh, run.scenario.tumour
    frozen = run.end_of("freeze1")
    halo = (crossing(mesh.x, frozen.temperature[0].astype(float), 0.0) - lesion.radius) * 1e3
    if frozen.tumour_destroyed < 0.999 or not 3.0 <= halo <= 5.0:
        return None
    start = run.phase("thaw1").start
    thaw = [f for f in run.frames if f.phase.id == "thaw1"]
    outside = mesh.x > lesion.radius
    halo_gone = next(f.time - start for f in thaw if (f.temperature[0][outside] > 0).all())
    all_gone = next(f.time - start for f in thaw if (f.temperature > 0).all())
    depth = float(mesh.y[np.nonzero(frozen.temperature <= 0)[0]].max()) * 1e3
    return {"halo_mm": halo, "ice_depth_mm": depth, "halo_thawed": halo_gone / FREEZE_S,
            "all_thawed": all_gone / FREEZE_S}


def main() -> None:
    kept = []
    with tempfile.TemporaryDirectory() as folder:
        for h, radius, depth, fat in itertools.product((1000, 2000, 5000), (5.0, 5.5, 6.0, 6.5),
                                                       (1, 2), (1.5, 5)):
            result = measure(variant(Path(folder), h, radius, depth, fat))
            case = f"h={h} spray={radius} mm tumour={depth} mm deep fat={fat} mm"
            if result is None:
                print(f"{case:50s} not a treatment the guides ask for (halo or −50 °C missed)")
                continue
            kept.append(result)
            print(f"{case:50s} halo {result['halo_mm']:.1f} mm, ice {result['ice_depth_mm']:.1f}"
                  f" mm deep; thawed: the halo in {result['halo_thawed']:.1f} ×, all the ice in "
                  f"{result['all_thawed']:.1f} × the freeze")
    print(f"treatments={len(kept)}")
    for key in ("halo_thawed", "all_thawed"):
        values = [r[key] for r in kept]
        print(f"{key}_min={min(values):.1f}")
        print(f"{key}_max={max(values):.1f}")


if __name__ == "__main__":
    main()
