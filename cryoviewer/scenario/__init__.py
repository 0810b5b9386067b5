"""Scenarios and protocols: what is treated, how, for how long — and the frames they produce.

No Qt here: build a scenario from a file, compute it progressively, look moments up by time.
"""

from ..files import Problem
from .geometry import Geometry
from .protocol import Phase, Protocol
from .simulation import Frame, Run, RunError, Simulation
from .spec import Scenario, ScenarioError, load_scenario

__all__ = ["Frame", "Geometry", "Phase", "Problem", "Protocol", "Run", "Scenario",
           "RunError", "ScenarioError", "Simulation", "load_scenario"]
