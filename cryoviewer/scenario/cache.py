"""Computed runs kept on disk, so that a viewer started again (a kiosk every morning, after a
restart) shows its diagram at once instead of computing it again.

A run is stored with a key made of everything it depends on: the scenario as loaded (every value
of its file and of the materials it uses) and the source code of the solver and of this package.
Any change there computes it anew. One file per scenario, NumPy's uncompressed .npz (read in a
few milliseconds), written under a temporary name and then renamed, so that a reader never meets
half a file. A file that cannot be read, or that holds another key, is ignored: the run is
computed as if there were none. No Qt: the caller chooses the folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import numpy as np

from .geometry import Geometry
from .simulation import SERIES, Frame, Run
from .spec import Scenario

log = logging.getLogger("cryoviewer")

FORMAT = 1  # of the files; a new layout changes it


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the source that computes runs: the physics and the scenario packages."""
    digest = hashlib.sha256(str(FORMAT).encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("physics", "scenario"):
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_key(scenario: Scenario) -> str:
    """What a run of this scenario depends on, as one digest."""
    text = f"{code_fingerprint()}\n{scenario!r}"
    return hashlib.sha256(text.encode()).hexdigest()


class RunCache:
    """Complete runs by scenario id in a folder (None: keep nothing)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, scenario: Scenario) -> Path:
        return self.folder / f"{scenario.id}.npz"

    def load(self, scenario: Scenario) -> Run | None:
        """The stored run of this scenario, if there is one for exactly this scenario and code."""
        if self.folder is None:
            return None
        path = self._path(scenario)
        try:
            with np.load(path, allow_pickle=False) as stored:
                if str(stored["key"]) != run_key(scenario):
                    return None
                return _run_from(scenario, {name: stored[name] for name in stored.files})
        except FileNotFoundError:
            return None
        except Exception as exc:  # a damaged or foreign file: compute the run again
            log.warning("Ignoring the stored run %s (%s); it will be computed again.", path, exc)
            return None

    def save(self, run: Run) -> None:
        """Keep a complete run (a failure to write is logged: the viewer goes on without)."""
        if self.folder is None or not run.complete:
            return
        scenario, temporary = run.scenario, None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".npz.part")
            with os.fdopen(handle, "wb") as file:
                np.savez(file, key=np.array(run_key(scenario)), **_arrays_of(run))
            os.replace(temporary, self._path(scenario))
        except OSError as exc:
            log.warning("Could not keep the run of %s in %s (%s).", scenario.id, self.folder, exc)
            if temporary is not None:
                with suppress(OSError):
                    os.unlink(temporary)


def _arrays_of(run: Run) -> dict[str, np.ndarray]:
    frames = run.frames
    index = {id(phase): i for i, phase in enumerate(run.phases)}
    arrays = {
        "temperature": np.stack([f.temperature for f in frames]),
        "frozen": np.stack([f.frozen_bytes for f in frames]),
        "destroyed": np.stack([f.destroyed_bits for f in frames]),
        "time": np.array([f.time for f in frames]),
        "phase": np.array([index[id(f.phase)] for f in frames]),
        "tumour_destroyed": np.array([f.tumour_destroyed for f in frames]),
        "edge_c": np.array([f.edge_c for f in frames]),
        "centre_c": np.array([f.centre_c for f in frames]),
    }
    arrays.update({f"series_{name}": values for name, values in run.series.items()})
    return arrays


def _run_from(scenario: Scenario, arrays: dict[str, np.ndarray]) -> Run:
    geometry = Geometry(scenario)
    run = Run(scenario, geometry, scenario.protocol.phases())
    if arrays["temperature"].shape[1:] != geometry.mesh.shape:
        raise ValueError("the stored grid is not the scenario's")
    for i in range(len(arrays["time"])):
        run.add(Frame(time=float(arrays["time"][i]), phase=run.phases[int(arrays["phase"][i])],
                      temperature=arrays["temperature"][i], frozen_bytes=arrays["frozen"][i],
                      destroyed_bits=arrays["destroyed"][i],
                      tumour_destroyed=float(arrays["tumour_destroyed"][i]),
                      edge_c=float(arrays["edge_c"][i]), centre_c=float(arrays["centre_c"][i]),
                      geometry=geometry))
    run.record_series({name: arrays[f"series_{name}"] for name in SERIES})
    run.complete = True
    return run
