"""Computed runs kept between starts: read back whole, never trusted when anything changed,
bounded in size, safe against a torn write and a second viewer, and never a reason to fail."""

import dataclasses
import multiprocessing
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from cryoviewer.resources import resources_root
from cryoviewer.scenario import load_scenario
from cryoviewer.scenario.cache import PART, STALE_PART_S, RunCache, run_key

SCENARIOS = resources_root() / "scenarios"


@pytest.fixture
def spray(computed_runs):
    return computed_runs["skin-spray"]


def test_a_kept_run_comes_back_the_same(tmp_path, spray):
    cache = RunCache(tmp_path / "runs")
    cache.save(spray)
    again = cache.load(load_scenario(SCENARIOS / "skin-spray.toml"))
    assert again is not None and again.complete
    assert len(again.frames) == len(spray.frames)
    for a, b in zip(again.frames[::7], spray.frames[::7]):
        assert a.time == b.time and a.phase.id == b.phase.id
        assert np.array_equal(a.temperature, b.temperature)
        assert np.array_equal(a.destroyed, b.destroyed)
        assert (a.tumour_destroyed, a.edge_c, a.centre_c) == (b.tumour_destroyed, b.edge_c,
                                                              b.centre_c)
    for name, values in spray.series.items():
        assert np.array_equal(again.series[name], values)
    assert again.at(40.0).time == spray.at(40.0).time


def test_the_key_follows_every_value_and_the_code(tmp_path, monkeypatch):
    from cryoviewer.scenario import cache as cache_module

    for name in ("skin-spray.toml", "materials.toml"):
        (tmp_path / name).write_text((SCENARIOS / name).read_text())
    first = run_key(load_scenario(tmp_path / "skin-spray.toml"))
    assert run_key(load_scenario(tmp_path / "skin-spray.toml")) == first     # stable
    text = (tmp_path / "skin-spray.toml").read_text()
    (tmp_path / "skin-spray.toml").write_text(text.replace("lethal_c = -50.0",
                                                           "lethal_c = -45.0"))
    assert run_key(load_scenario(tmp_path / "skin-spray.toml")) != first     # one value
    (tmp_path / "skin-spray.toml").write_text(text)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another solver")
    assert run_key(load_scenario(tmp_path / "skin-spray.toml")) != first     # the code


def test_the_key_follows_the_materials_and_the_version_not_the_titles(tmp_path, monkeypatch):
    from cryoviewer.scenario import cache as cache_module

    scenario_file, materials = tmp_path / "skin-spray.toml", tmp_path / "materials.toml"
    text = (SCENARIOS / "skin-spray.toml").read_text()
    scenario_file.write_text(text)
    first = run_key(load_scenario(scenario_file))
    assert run_key(load_scenario(SCENARIOS / "skin-spray.toml")) == first  # wherever it lies
    title = next(line for line in text.splitlines() if line.startswith("title"))
    scenario_file.write_text(text.replace(title, 'title = "Another title"'))
    assert run_key(load_scenario(scenario_file)) == first                 # shown, not computed
    scenario_file.write_text(text)
    for name, material in load_scenario(scenario_file).materials.items():   # each one it uses
        values = {f.name: getattr(material, f.name) for f in dataclasses.fields(material)}
        values["latent"] *= 0.9
        lines = [f"{key} = {value!r}" if isinstance(value, float) else f'{key} = "{value}"'
                 for key, value in values.items() if key != "name"]
        materials.write_text(f'["{name}"]\n' + "\n".join(lines) + "\n")
        assert run_key(load_scenario(scenario_file)) != first             # a material's value
    materials.unlink()
    monkeypatch.setattr(cache_module, "__version__", "another version")
    cache_module.code_fingerprint.cache_clear()
    try:
        assert run_key(load_scenario(scenario_file)) != first             # the version
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()
    assert run_key(load_scenario(scenario_file)) == first


def test_the_key_is_the_same_in_every_process():
    """A key that changed with the process (a set's order, an object's address) would make
    every start compute again."""
    code = ("from cryoviewer.resources import resources_root; "
            "from cryoviewer.scenario import load_scenario; "
            "from cryoviewer.scenario.cache import run_key; "
            "print(run_key(load_scenario(resources_root() / 'scenarios' / 'liver-probe.toml')))")
    keys = set()
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env=environment, check=True)
        keys.add(result.stdout.strip())
    assert keys == {run_key(load_scenario(SCENARIOS / "liver-probe.toml"))}


def test_a_run_kept_under_another_key_is_computed_again(tmp_path, spray, monkeypatch):
    from cryoviewer.scenario import cache as cache_module

    cache = RunCache(tmp_path)
    cache.save(spray)
    monkeypatch.setattr(cache_module, "run_key", lambda scenario: "a changed scenario")
    assert cache.load(spray.scenario) is None


DAMAGES = {
    "not a run": lambda data: b"not a run",
    "empty": lambda data: b"",
    "torn in the middle": lambda data: data[:len(data) // 2],
    "torn near the end": lambda data: data[:-100],
    "a byte changed": lambda data: data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF])
                                   + data[len(data) // 2 + 1:],
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_file_is_ignored_and_said(tmp_path, spray, caplog, damage):
    cache = RunCache(tmp_path)
    cache.save(spray)
    path = tmp_path / "skin-spray.npz"
    path.write_bytes(DAMAGES[damage](path.read_bytes()))
    assert cache.load(spray.scenario) is None     # (a changed byte: the archive's checksum)
    assert "computed again" in caplog.text
    cache.save(spray)                                    # and it is replaced by a good one
    assert cache.load(spray.scenario) is not None


def test_the_viewer_computes_a_run_whose_file_is_torn_and_shows_no_error(qtbot, tmp_path, spray):
    from cryoviewer.ui.preparation import Preparer

    RunCache(tmp_path).save(spray)
    path = tmp_path / "skin-spray.npz"
    path.write_bytes(path.read_bytes()[:4096])
    preparer = Preparer(SCENARIOS, cache=RunCache(tmp_path))
    with qtbot.assertNotEmitted(preparer.failed):
        preparer.run("skin-spray")
        qtbot.waitUntil(lambda: preparer.runs["skin-spray"].complete, timeout=20000)
        preparer.shutdown()
    assert not preparer.errors
    assert RunCache(tmp_path).load(spray.scenario) is not None   # kept again, whole


def test_no_folder_keeps_nothing_and_an_unwritable_one_is_survived(tmp_path, spray, caplog):
    assert RunCache(None).load(spray.scenario) is None
    RunCache(None).save(spray)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    RunCache(blocked / "runs").save(spray)
    assert "Could not keep" in caplog.text


def test_a_read_only_folder_is_read_and_said_once(tmp_path, spray, computed_runs, caplog,
                                                  monkeypatch):
    from cryoviewer.scenario import cache as cache_module

    RunCache(tmp_path).save(spray)
    cache = RunCache(tmp_path)

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(cache_module.tempfile, "mkstemp", refused)
    monkeypatch.setattr(cache_module.os, "utime", refused)
    assert cache.load(spray.scenario) is not None            # what is there is still used
    for name in ("skin-probe", "liver-probe", "skin-spray"):
        cache.save(computed_runs[name])
    said = [r for r in caplog.records if "Could not keep" in r.getMessage()]
    assert len(said) == 1 and "Permission denied" in said[0].getMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skin-spray.npz"]


def _age(path, seconds):
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def test_the_runs_used_least_recently_go_first_when_the_folder_is_full(tmp_path, spray,
                                                                       computed_runs):
    probe = computed_runs["skin-probe"]
    RunCache(tmp_path).save(probe)
    RunCache(tmp_path).save(spray)
    for name, age in (("older", 300), ("old", 200)):
        (tmp_path / f"{name}.npz").write_bytes(bytes(1000))
        _age(tmp_path / f"{name}.npz", age)
    _age(tmp_path / "skin-probe.npz", 500)                     # kept longest ago...
    assert RunCache(tmp_path).load(probe.scenario) is not None  # ...but used just now
    assert time.time() - (tmp_path / "skin-probe.npz").stat().st_mtime < 60
    room = sum(p.stat().st_size for p in tmp_path.glob("skin-*.npz")) + 1000
    RunCache(tmp_path, limit=room).save(spray)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.npz", "skin-probe.npz",
                                                          "skin-spray.npz"]
    RunCache(tmp_path, limit=1).save(spray)                     # the run just kept stays
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skin-spray.npz"]


def test_a_file_left_by_a_killed_writer_is_removed_once_old(tmp_path, spray):
    stale, fresh = tmp_path / f"tmp1{PART}", tmp_path / f"tmp2{PART}"
    for path in (stale, fresh):
        path.write_bytes(b"half a run")
    _age(stale, STALE_PART_S + 60)
    cache = RunCache(tmp_path)
    assert cache.load(spray.scenario) is None
    cache.save(spray)
    assert not stale.exists()
    assert fresh.exists()                      # perhaps another viewer writing at this moment
    assert cache.load(spray.scenario) is not None


def _save_again_and_again(source, target, start, times):
    run = RunCache(source).load(load_scenario(SCENARIOS / "skin-spray.toml"))
    start.wait()
    for _ in range(times):
        RunCache(target).save(run)


def _read_again_and_again(target, start, writers_done, lost):
    scenario = load_scenario(SCENARIOS / "skin-spray.toml")
    start.wait()
    seen = False
    while not writers_done.is_set():
        run = RunCache(target).load(scenario)
        if run is not None:
            seen = True
        elif seen:
            lost.value += 1       # once there, a run must never be half there


def test_two_viewers_saving_the_same_run_at_once_leave_a_readable_run(tmp_path, spray):
    source, target = tmp_path / "source", tmp_path / "runs"
    RunCache(source).save(spray)
    context = multiprocessing.get_context("spawn")
    start, done, lost = context.Barrier(3), context.Event(), context.Value("i", 0)
    writers = [context.Process(target=_save_again_and_again, args=(source, target, start, 5))
               for _ in range(2)]
    reader = context.Process(target=_read_again_and_again, args=(target, start, done, lost))
    for process in (*writers, reader):
        process.start()
    for process in writers:
        process.join(timeout=60)
    done.set()
    reader.join(timeout=60)
    assert [p.exitcode for p in (*writers, reader)] == [0, 0, 0]
    assert lost.value == 0
    assert [p.name for p in target.iterdir()] == ["skin-spray.npz"]   # no part left behind
    again = RunCache(target).load(spray.scenario)
    assert again is not None and len(again.frames) == len(spray.frames)


def test_an_unfinished_run_is_not_kept(tmp_path):
    from cryoviewer.scenario import Simulation

    simulation = Simulation(load_scenario(SCENARIOS / "skin-spray.toml"))
    frames = simulation.frames()
    next(frames)
    RunCache(tmp_path).save(simulation.result)
    assert not list(tmp_path.iterdir())


def test_the_viewer_uses_a_kept_run_without_computing(qtbot, tmp_path, spray, monkeypatch):
    from cryoviewer.ui import preparation
    from cryoviewer.ui.preparation import Preparer

    RunCache(tmp_path).save(spray)
    monkeypatch.setattr(preparation, "Simulation", None)   # computing would fail
    preparer = Preparer(SCENARIOS, cache=RunCache(tmp_path))
    run = preparer.run("skin-spray")
    assert run is not None and run.complete and len(run.frames) == len(spray.frames)


def test_a_run_computed_by_the_viewer_is_kept(qtbot, tmp_path):
    from cryoviewer.ui.preparation import Preparer

    preparer = Preparer(SCENARIOS, cache=RunCache(tmp_path))
    preparer.run("skin-spray")
    qtbot.waitUntil(lambda: (tmp_path / "skin-spray.npz").exists(), timeout=20000)
    preparer.shutdown()
    assert RunCache(tmp_path).load(load_scenario(SCENARIOS / "skin-spray.toml")) is not None


@pytest.mark.skipif(sys.platform != "linux", reason="where Linux keeps caches (XDG)")
def test_the_viewer_keeps_runs_in_the_platforms_cache_folder(qapp):
    from cryoviewer.app import make_preparer, runs_folder

    folder = runs_folder()
    assert folder.name == "runs"
    assert folder.is_relative_to(os.environ["XDG_CACHE_HOME"])   # the tests' own, see conftest
    assert make_preparer().cache.folder == folder


def test_a_system_without_a_cache_folder_computes_runs_and_says_so_once(qapp, monkeypatch,
                                                                         caplog, spray):
    from PySide6.QtCore import QStandardPaths

    from cryoviewer.app import make_preparer

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: "")
    cache = make_preparer().cache
    assert cache.folder is None
    cache.save(spray)
    assert cache.load(spray.scenario) is None
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) == 1
    assert "no cache folder" in caplog.text
