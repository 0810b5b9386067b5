"""Content and scenarios stay in step: every section's `step` names a real scenario phase."""

import pytest

from cryoviewer.content import load_pack
from cryoviewer.resources import resources_root
from cryoviewer.scenario import load_scenario

CONTENT = resources_root() / "content"
SCENARIOS = resources_root() / "scenarios"
PAIRED = [(pack.parent.name, section) for pack in sorted(CONTENT.glob("*/manifest.toml"))
          for section in load_pack(pack.parent).sections if section.step]


def test_some_sections_are_paired():
    assert len(PAIRED) >= 5


@pytest.mark.parametrize("language, section", PAIRED, ids=lambda v: getattr(v, "id", v))
def test_step_names_a_scenario_phase(language, section):
    scenario_id, phase_id = section.step.split("/")
    path = SCENARIOS / f"{scenario_id}.toml"
    assert path.exists(), f"{section.path.name}: no scenario '{scenario_id}'"
    phases = [p.id for p in load_scenario(path).protocol.phases()]
    assert phase_id in phases, f"{section.path.name}: '{scenario_id}' has no phase '{phase_id}'"
