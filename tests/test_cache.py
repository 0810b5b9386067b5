"""Computed runs kept between starts: read back whole, never trusted when anything changed, and
never a reason to fail."""

import numpy as np
import pytest

from cryoviewer.resources import resources_root
from cryoviewer.scenario import load_scenario
from cryoviewer.scenario.cache import RunCache, run_key

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


def test_a_run_kept_under_another_key_is_computed_again(tmp_path, spray, monkeypatch):
    from cryoviewer.scenario import cache as cache_module

    cache = RunCache(tmp_path)
    cache.save(spray)
    monkeypatch.setattr(cache_module, "run_key", lambda scenario: "a changed scenario")
    assert cache.load(spray.scenario) is None


def test_a_damaged_file_is_ignored_and_said(tmp_path, spray, caplog):
    cache = RunCache(tmp_path)
    (tmp_path / "skin-spray.npz").write_bytes(b"not a run")
    assert cache.load(spray.scenario) is None
    assert "computed again" in caplog.text
    cache.save(spray)                                    # and it is replaced by a good one
    assert cache.load(spray.scenario) is not None


def test_no_folder_keeps_nothing_and_an_unwritable_one_is_survived(tmp_path, spray, caplog):
    assert RunCache(None).load(spray.scenario) is None
    RunCache(None).save(spray)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    RunCache(blocked / "runs").save(spray)
    assert "Could not keep" in caplog.text


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
