"""Mutated content packs: never a traceback, never a bad pack accepted, always fast.

A short seeded run of benchmarks/fuzz_packs.py (which runs 2,000 and more by hand).
"""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_packs", Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz_packs.py")
fuzz_packs = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz_packs)


def test_mutated_packs_are_refused_cleanly_and_quickly():
    figures = fuzz_packs.run(mutations=120, seed=11, show=5)
    assert figures["pack_mutations"] == 120
    assert figures["pack_tracebacks"] == 0
    assert figures["pack_internal"] == 0
    assert figures["pack_accepted_bad"] == 0
    assert figures["pack_rejected_good"] == 0
    assert figures["pack_slowest_s"] <= 1.0, figures
