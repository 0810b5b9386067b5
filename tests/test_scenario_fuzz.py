"""A short seeded fuzz of scenario files (the long one: benchmarks/fuzz_scenarios.py): whatever a
file holds, it loads or is refused with Problems, never a traceback; what loads is within budget,
and a few small ones run to the end with every frame finite."""

import importlib.util
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from cryoviewer.scenario import ScenarioError, Simulation
from cryoviewer.scenario.budget import MAX_MEMORY, MAX_SECONDS, estimate
from cryoviewer.scenario.spec import INTERNAL

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fuzz():
    """benchmarks/fuzz_scenarios.py (a script, not a package: loaded by its path)."""
    name = "fuzz_scenarios_benchmark"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "fuzz_scenarios.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_mutated_scenarios_load_or_are_refused(fuzz, tmp_path):
    rng = random.Random(20240611)
    outcomes, accepted = {"accepted": 0, "refused": 0, "traceback": 0}, []
    for number in range(100):
        kind, name, text, materials = fuzz.mutate(rng)
        folder = tmp_path / f"m{number}"
        folder.mkdir()
        outcome, detail = fuzz.check(fuzz.write(folder, text, materials))
        assert outcome != "traceback", f"{kind} on {name}:\n{detail}"
        outcomes[outcome] += 1
        if outcome == "refused":
            assert detail and all(p.file.name == "case.toml" or p.file.name == "materials.toml"
                                  for p in detail)
            assert not any(INTERNAL in p.message for p in detail), detail
        else:
            scenario, guess = detail
            assert guess.seconds <= MAX_SECONDS and guess.memory <= MAX_MEMORY
            assert estimate(scenario).problems() == []
            accepted.append((guess.seconds, number, scenario))
    assert outcomes["refused"] > 20 and outcomes["accepted"] > 3, outcomes
    # Run the cheapest few to the end: every frame they show is finite and in range.
    for _, number, scenario in sorted(accepted, key=lambda a: a[:2])[:3]:
        try:
            for frame in Simulation(scenario).frames():
                assert np.isfinite(frame.temperature).all()
                assert np.isfinite(frame.tumour_destroyed)
        except ScenarioError as exc:  # a frame check stopping the run is a clean refusal
            assert exc.problems and "the run was stopped" in exc.problems[0].message
