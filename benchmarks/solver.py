"""Speed of the heat-transfer engine: prints name=value lines, medians of several runs.

    python benchmarks/solver.py [--runs 5]

internal_protocol_s    the liver protocol (≈ 36 min of body time), 1 mm grid, 40 × 80 mm (r, z)
skin_protocol_s        the skin spray protocol, 0.1 mm cells at the surface
three_probe_protocol_s the large-tumour scene (now four probes) in three dimensions, 1.25 mm
                       cells, a quarter of it by symmetry
frames_mb              memory held by the liver protocol's stored frames (and <scenario>_frames_mb)
first_frame_ms         time until the liver protocol's first frame is available
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryoviewer.resources import resources_root  # noqa: E402
from cryoviewer.scenario import Simulation, load_scenario  # noqa: E402

SCENARIOS = resources_root() / "scenarios"


def timed_run(name: str) -> tuple[float, float, float, int, float]:
    """(total s, first frame ms, frames MB, solver evaluations, body time s) for one run."""
    start = time.perf_counter()
    simulation = Simulation(load_scenario(SCENARIOS / f"{name}.toml"))
    first = None
    frames = []
    for frame in simulation.frames():
        if first is None:
            first = (time.perf_counter() - start) * 1e3
        frames.append(frame)
    total = time.perf_counter() - start
    memory = sum(f.temperature.nbytes + f.frozen_bytes.nbytes + f.destroyed_bits.nbytes
                 for f in frames) / 1e6
    return total, first, memory, simulation.evaluations, frames[-1].time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    results = {}
    for label, name in (("internal_protocol_s", "liver-probe"),
                        ("skin_protocol_s", "skin-spray"),
                        ("three_probe_protocol_s", "large-tumour")):
        samples = [timed_run(name) for _ in range(runs)]
        results[label] = statistics.median(s[0] for s in samples)
        if name == "liver-probe":
            results["frames_mb"] = samples[0][2]
            results["first_frame_ms"] = statistics.median(s[1] for s in samples)
            evaluations, body = samples[0][3], samples[0][4]
            results["internal_realtime_factor"] = body / results[label]
            results["internal_evaluations"] = evaluations
        results[f"{name}_frames_mb"] = samples[0][2]
        spread = sorted(s[0] for s in samples)
        print(f"# {name}: runs {', '.join(f'{t:.2f}' for t in spread)} s", file=sys.stderr)
    for key, value in results.items():
        print(f"{key}={value:.3f}" if isinstance(value, float) else f"{key}={value}")


if __name__ == "__main__":
    main()
