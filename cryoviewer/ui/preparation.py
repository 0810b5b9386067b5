"""Computing a scenario's run off the interface thread, once, and keeping it.

The first frame of a run exists within milliseconds, so a scene can be drawn at once while the
rest of the protocol is computed behind it. Frames go into the Run as they come (list appends are
atomic); a signal, queued to the interface thread, says when there is more to show.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..scenario import ScenarioError, Simulation, load_scenario
from ..scenario.cache import RunCache
from ..scenario.simulation import Run

log = logging.getLogger("cryoviewer")


class Preparer(QObject):
    """Runs keyed by scenario id, each computed on its own worker thread when first asked for."""

    progressed = Signal(str)       # scenario id: more frames are ready
    failed = Signal(str, str)      # scenario id, a message for people

    def __init__(self, folder: Path, runs: dict[str, Run] | None = None,
                 cache: RunCache | None = None, parent=None, extra: tuple[Path, ...] = ()):
        """`folder`: the built-in treatments; `extra`: a content pack's own (a clinic's
        protocol), offered beside them, never in place of one. `runs` already computed (tests
        and benchmarks pass them) are used as they are; a `cache` gives runs computed by an
        earlier start, and keeps those computed now."""
        super().__init__(parent)
        self.folders = (folder, *extra)
        self._listed: list[Path] | None = None
        self.cache = cache or RunCache(None)
        self.runs: dict[str, Run] = dict(runs or {})
        self.errors: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()

    def run(self, scenario_id: str) -> Run | None:
        """The run (perhaps still filling up), starting it if needed; None if it failed or has
        no frame yet."""
        if scenario_id in self.errors:
            return None
        if scenario_id not in self.runs:
            try:
                scenario = load_scenario(self._path(scenario_id))
                stored = self.cache.load(scenario)
                if stored is not None:
                    self.runs[scenario_id] = stored
                    return stored
                simulation = Simulation(scenario)
            except (ScenarioError, OSError) as exc:
                self._fail(scenario_id, str(exc))
                return None
            except Exception as exc:  # the last line of defence: a file must not stop the viewer
                log.exception("Reading the treatment %s failed", scenario_id)
                self._fail(scenario_id, f"{type(exc).__name__}: {exc}")
                return None
            self.runs[scenario_id] = simulation.result
            thread = threading.Thread(target=self._compute, args=(scenario_id, simulation),
                                      name=f"prepare {scenario_id}", daemon=True)
            self._threads.append(thread)
            thread.start()
        run = self.runs[scenario_id]
        return run if run.frames else None

    def catalogue(self, order: list[str], language: str = "en") -> list[tuple[str, str]]:
        """(id, button name in `language`) of every treatment in the folder that loads: those
        named in `order` first, in that order, then the others by name. A file that does not
        load is left out (and reported when chosen)."""
        found = {}
        for path in self._files():
            if path.stem in self.runs:
                scenario = self.runs[path.stem].scenario
            else:
                try:
                    scenario = load_scenario(path)
                except (ScenarioError, OSError):
                    continue
            if scenario.id != path.stem:  # runs are found by file name
                log.warning("%s: its id is '%s'; a treatment's id must be its file name, so "
                            "it is not offered.", path, scenario.id)
                continue
            self._titles[scenario.id], found[scenario.id] = scenario.named(language)
        first = [i for i in dict.fromkeys(order) if i in found]
        rest = sorted((i for i in found if i not in first), key=lambda i: found[i])
        return [(i, found[i]) for i in first + rest]

    def _files(self) -> list[Path]:
        """Every treatment file, the built-in ones first; a pack's file named like a built-in
        treatment is left out (and logged, once): a pack adds treatments, it does not replace
        one. Listed once: the folders do not change while the window lives."""
        if self._listed is not None:
            return self._listed
        files: dict[str, Path] = {}
        for folder in self.folders:
            for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
                if path.stem == "materials":
                    continue
                if path.stem in files:
                    log.warning("%s is named like a built-in treatment, so it is not offered; "
                                "give it another file name and id.", path)
                    continue
                files[path.stem] = path
        self._listed = list(files.values())
        return self._listed

    def _path(self, scenario_id: str) -> Path:
        return next((path for path in self._files() if path.stem == scenario_id),
                    self.folders[0] / f"{scenario_id}.toml")

    def title(self, scenario_id: str) -> str:
        """A treatment's full title (from its file), once the catalogue has been read."""
        return self._titles.get(scenario_id, scenario_id)

    def phases(self, scenario_id: str):
        run = self.runs.get(scenario_id)
        if run is None:
            self.run(scenario_id)
            run = self.runs.get(scenario_id)
        return run.phases if run is not None else []

    def _compute(self, scenario_id: str, simulation: Simulation) -> None:
        try:
            for _ in simulation.frames():
                if self._stop.is_set():
                    return
                self.progressed.emit(scenario_id)
            self.cache.save(simulation.result)
        except Exception as exc:  # a solver failure must not take the viewer down
            if isinstance(exc, RuntimeError) and "has been deleted" in str(exc):
                return  # the window went away without shutdown(): nobody is listening
            log.exception("Preparing %s failed", scenario_id)
            self._fail(scenario_id, str(exc))

    def _fail(self, scenario_id: str, message: str) -> None:
        """Told once, in full, to the log; the window says a calm sentence."""
        log.error("The treatment %s cannot be shown: %s", scenario_id, message)
        self.errors[scenario_id] = message
        self.failed.emit(scenario_id, message)

    def shutdown(self) -> None:
        """Stop computing (between frames) and wait for the workers, before the app exits."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5.0)
