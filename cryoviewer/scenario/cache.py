"""Computed runs kept on disk, so that a viewer started again (a kiosk every morning, after a
restart) shows its diagram at once instead of computing it again.

A run is stored with a key made of everything it depends on: what the scenario computes (every
value of its file and of the materials it uses; not its titles or where the file lies), the
program's version, NumPy's, and the source code of the physics and scenario packages. Any change
there computes it anew. One file per scenario, NumPy's uncompressed .npz (read in a few
milliseconds), written under a temporary name and then renamed, so that a reader, or a second
viewer saving the same run, never meets half a file. A file that cannot be read, or that holds
another key, is ignored: the run is computed as if there were none.

The folder is bounded: after each save, the runs used least recently (a load touches its file)
are removed until the folder holds at most LIMIT_BYTES, and unfinished files that a writer left
when it was killed are removed once they are old. The limit is a constant, not a setting: the
folder manages itself, and deleting it is always safe. No Qt: the caller chooses the folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import tempfile
import time
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import __version__
from .geometry import Geometry
from .simulation import SERIES, Frame, Run
from .spec import Scenario

log = logging.getLogger("cryoviewer")

FORMAT = 1  # of the files; a new layout changes it
# Today's built-in treatments take about 41 MB together; 300 MB holds them and a content pack's
# own several times over, and three runs at the largest size a protocol may have (100 MB): small
# beside any disk, and never a surprise in a user's cache folder.
LIMIT_BYTES = 300_000_000
# A temporary file this old is not being written any more (writing a run takes under a second):
# its writer was killed.
STALE_PART_S = 3600.0
PART = ".npz.part"
# What a scenario shows but does not compute: a new title or translation keeps its run.
NOT_COMPUTED = {"path": Path(), "title": "", "button": "", "names": ()}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of what computes runs: the program's and NumPy's versions, and the source of the
    physics and the scenario packages (which changes between versions while developing)."""
    digest = hashlib.sha256(f"{FORMAT} {__version__} {np.__version__}".encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("physics", "scenario"):
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_key(scenario: Scenario) -> str:
    """What a run of this scenario depends on, as one digest (the same in every process: the
    scenario's repr holds every value, its materials sorted by name)."""
    computed = dataclasses.replace(scenario, **NOT_COMPUTED)
    text = f"{code_fingerprint()}\n{computed!r}"
    return hashlib.sha256(text.encode()).hexdigest()


class RunCache:
    """Complete runs by scenario id in a folder (None: keep nothing)."""

    def __init__(self, folder: Path | None, limit: int = LIMIT_BYTES):
        self.folder = folder
        self.limit = limit
        self.writable = folder is not None  # until a save fails: then said once, not retried

    def _path(self, scenario: Scenario) -> Path:
        return self.folder / f"{scenario.id}.npz"

    def load(self, scenario: Scenario) -> Run | None:
        """The stored run of this scenario, if there is one for exactly this scenario and code."""
        if self.folder is None:
            return None
        path = self._path(scenario)
        try:  # opened here, so that it is closed even when NumPy finds no archive in it
            with open(path, "rb") as file, np.load(file, allow_pickle=False) as stored:
                if str(stored["key"]) != run_key(scenario):
                    return None
                run = _run_from(scenario, {name: stored[name] for name in stored.files})
        except FileNotFoundError:
            return None
        except Exception as exc:  # a damaged or foreign file: compute the run again
            log.warning("Ignoring the stored run %s (%s); it will be computed again.", path, exc)
            return None
        with suppress(OSError):  # used now: the last to be removed (a read-only folder: no matter)
            os.utime(path)
        return run

    def save(self, run: Run) -> None:
        """Keep a complete run, then bring the folder back within its limit. A failure to write
        is logged once: the viewer goes on, computing runs as if there were no folder."""
        if not self.writable or not run.complete:
            return
        scenario, temporary = run.scenario, None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=PART)
            with os.fdopen(handle, "wb") as file:
                np.savez(file, key=np.array(run_key(scenario)), **_arrays_of(run))
            os.replace(temporary, self._path(scenario))
        except Exception as exc:  # a full disk, a read-only folder: never a reason to fail a run
            self.writable = False
            log.warning("Could not keep the run of %s in %s (%s); runs are not kept until the "
                        "viewer starts again.", scenario.id, self.folder, exc)
            if temporary is not None:
                with suppress(OSError):
                    os.unlink(temporary)
            return
        self._trim(keep=self._path(scenario))

    def _trim(self, keep: Path) -> None:
        """Remove the runs used least recently until the folder is within its limit (never the
        run just kept), and the unfinished files of killed writers. Another viewer may remove
        the same files at the same time: a file already gone is no matter."""
        try:
            paths = list(self.folder.iterdir())
        except OSError:
            return
        runs, total, now = [], 0, time.time()
        for path in paths:
            try:
                status = path.stat()
                if path.name.endswith(PART):
                    if now - status.st_mtime > STALE_PART_S:
                        path.unlink()
                elif path.suffix == ".npz":
                    total += status.st_size
                    if path != keep:
                        runs.append((status.st_mtime, status.st_size, path))
            except OSError:
                continue
        for _, size, path in sorted(runs):
            if total <= self.limit:
                break
            with suppress(OSError):
                path.unlink()
            total -= size


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
