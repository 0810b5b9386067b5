"""Opening a computed treatment from the disk cache: prints name=value lines, medians.

    python benchmarks/cached_open.py [--runs 9]

cached_open_ms        RunCache.load of the liver-probe run, again and again in one process
cached_open_fresh_ms  the same, the first load in a new process, as at a later start (with the
                      digest of the solver's source that every key holds; the file itself is in
                      the system's memory, as it is after a first start)
cached_file_mb        the size of the liver-probe run's file
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryoviewer.resources import resources_root  # noqa: E402
from cryoviewer.scenario import Simulation, load_scenario  # noqa: E402
from cryoviewer.scenario.cache import RunCache  # noqa: E402

LIVER = resources_root() / "scenarios" / "liver-probe.toml"
FRESH = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from cryoviewer.scenario import load_scenario
from cryoviewer.scenario.cache import RunCache
scenario = load_scenario({liver!r})
start = time.perf_counter()
run = RunCache(Path({folder!r})).load(scenario)
assert run is not None and run.complete
print((time.perf_counter() - start) * 1e3)
"""


def timed_load(cache: RunCache, scenario) -> float:
    start = time.perf_counter()
    run = cache.load(scenario)
    elapsed = (time.perf_counter() - start) * 1e3
    if run is None or not run.complete:
        raise SystemExit("the kept run did not load")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="loads to take the median of (≥ 7)")
    runs = max(7, parser.parse_args().runs)
    scenario = load_scenario(LIVER)
    with tempfile.TemporaryDirectory() as folder:
        cache = RunCache(Path(folder))
        cache.save(Simulation(scenario).run())
        here = [timed_load(cache, scenario) for _ in range(runs)]
        code = FRESH.format(root=str(Path(__file__).resolve().parent.parent), liver=str(LIVER),
                            folder=folder)
        fresh = [float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                      text=True, check=True).stdout) for _ in range(runs)]
        size = (Path(folder) / f"{scenario.id}.npz").stat().st_size / 1e6
    print(f"# loads {', '.join(f'{t:.1f}' for t in sorted(here))} ms; in new processes "
          f"{', '.join(f'{t:.1f}' for t in sorted(fresh))} ms", file=sys.stderr)
    print(f"cached_open_ms={statistics.median(here):.1f}")
    print(f"cached_open_fresh_ms={statistics.median(fresh):.1f}")
    print(f"cached_file_mb={size:.1f}")


if __name__ == "__main__":
    main()
