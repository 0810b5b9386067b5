"""The diagram and the chart in words, for people who cannot see them (read by a screen reader).

    describe_picture(run, moment)  # "The probe is in the tumour. Cold gas cools its tip to …"
    describe_chart(run, seconds)   # "Temperature at the tumour's edge: −32 °C now; …"

Plain, calm sentences built from the numbers of the frame at the moment. Every sentence is one of
the TEMPLATES below with numbers filled in, so the interface can translate them: pass translated
templates as `templates=` (any key left out keeps its English text).

What the words mean, so they agree with the picture:
- *the ice* is the tissue colder than 0 °C (ICE_C), the edge the picture draws; its size is the
  extent of that edge (as Frame.ice_size measures it), across the probe (a full diameter) and
  along it — for the skin, the frozen spot's width at the surface and its depth;
- it *covers the whole tumour* when every cell of the tumour is colder than 0 °C;
- *the part cold enough to destroy cells* is the share of the tumour's volume at or below the
  scenario's lethal temperature now; after a freeze, *so far* is the share that has been that
  cold at some moment (Frame.tumour_destroyed);
- several probes' ice balls have *joined* when the tissue all along the straight line between
  two probes is colder than 0 °C.

No Qt here; each call takes a fraction of a millisecond and caches nothing on the frames.
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np

from .playback import Moment
from .simulation import Frame, Run

ICE_C = 0.0  # the visible edge of the ice

TEMPLATES: dict[str, str] = {
    # -- what happens in each phase, by instrument: probe, probes (several), spray, contact --
    "prepare.probe": "Before the treatment: the probe is not in the body yet.",
    "prepare.probes": "Before the treatment: the {count} probes are not in the body yet.",
    "prepare.spray": "Before the treatment: the spray is not on yet.",
    "prepare.contact": "Before the treatment: the probe is not on the skin yet.",
    "insert.probe": "The probe goes in through a small cut, guided by ultrasound.",
    "insert.probes": "The probes go in one at a time ({done} of {count} so far).",
    "inserted.probe": "The probe is in the tumour.",
    "inserted.probes": "The {count} probes are in the tumour.",
    "freeze.probe": "The probe is in the tumour. Cold gas cools its tip to {cold}.",
    "freeze.probes": "The {count} probes are in the tumour. Cold gas cools them to {cold}.",
    "freeze.spray": "The spray, at {cold}, freezes the skin.",
    "freeze.contact": "A probe at {cold} is pressed on the skin and freezes it.",
    "thaw.probe": "The gas is off. The ice thaws slowly by itself.",
    "thaw.probes": "The gas is off. The ice thaws slowly by itself.",
    "warm.probe": "The probe is warmed, so that it comes free of the ice.",
    "warm.probes": "The probes are warmed, so that they come free of the ice.",
    "thaw.spray": "The spray has stopped. The skin thaws by itself.",
    "thaw.contact": "The probe is lifted off. The skin thaws by itself.",
    "remove.probe": "The probe is taken out.",
    "remove.probes": "The {count} probes are taken out.",
    "heal.inside": "Healing: the frozen tissue is replaced by new tissue over the next weeks.",
    "heal.skin": "Healing: the frozen skin heals over the next few weeks.",
    # -- the ice ----------------------------------------------------------------------------
    "ice.none": "No ice yet.",
    "ice.gone": "The ice has melted.",
    "ice.probe": "The ice ball is {across} across and {length} long.",
    "ice.joined": "The ice balls have joined into one, {across} across.",
    "ice.some_joined": "Some of the ice balls have joined. Together they reach {across} across.",
    "ice.apart": "Each probe has its own ice ball. Together they reach {across} across.",
    "ice.skin": "The frozen spot is {across} wide at the surface and {depth} deep.",
    "melting": "The ice is melting: it is {across} across.",
    "melting.skin": "The ice is melting: the frozen spot is {across} wide and {depth} deep.",
    "cover.all": "It covers the whole tumour.",
    "cover.part": "It covers {percent} of the tumour.",
    "cover.none": "It does not reach the tumour yet.",
    # -- cold enough to destroy cells -------------------------------------------------------
    "lethal.all": "All of the tumour is cold enough to destroy cells ({lethal} or colder).",
    "lethal.part": "The part cold enough to destroy cells ({lethal} or colder) covers {percent} "
                   "of the tumour.",
    "lethal.none": "No part of the tumour is cold enough yet to destroy cells ({lethal}).",
    "destroyed.all": "So far, all of the tumour has been cold enough to destroy its cells.",
    "destroyed.part": "So far, {percent} of the tumour has been cold enough to destroy its cells.",
    # -- the chart --------------------------------------------------------------------------
    "chart.now": "Temperature at the tumour's edge: {now} now; it was {before} before the "
                 "treatment.",
    "chart.now.flat": "Temperature at the tumour's edge: {now} now.",
    "chart.centre": "At the tumour's centre: {now}.",
    "chart.flat": "The line is flat: the freezing has not started yet.",
    "chart.lowest.lethal": "The lowest at the edge so far is {lowest}, colder than the {lethal} "
                           "needed to destroy cells.",
    "chart.lowest.warmer": "The lowest at the edge so far is {lowest}; cells are destroyed at "
                           "{lethal} or colder.",
    "chart.dip": "One freeze so far shows as one dip.",
    "chart.dips": "{count} freezes so far show as {count} dips.",
    "chart.dips.done": "{count} freezes, each followed by a thaw, show as {count} dips.",
    "chart.dip.done": "One freeze, followed by a thaw, shows as one dip.",
    "chart.empty": "The temperatures are still being worked out.",
    # -- a run still being computed ---------------------------------------------------------
    "computing": "The next moments are still being worked out.",
    "computing.start": "The picture is still being worked out.",
    # -- numbers and units ------------------------------------------------------------------
    "degrees": "{value} °C",
    "percent": "{value} %",
    "cm": "{value} cm",
    "mm": "{value} mm",
    "under_mm": "less than 1 mm",
    "decimal_point": ".",
    "number.0": "none", "number.1": "one", "number.2": "two", "number.3": "three",
    "number.4": "four", "number.5": "five", "number.6": "six", "number.7": "seven",
    "number.8": "eight",
}


# -- numbers ------------------------------------------------------------------------------------

def signed(value: float, digits: int = 0) -> str:
    """A number with a true minus sign (−40, not -40), read right by eye and by screen reader;
    never "−0"."""
    text = f"{value:.{digits}f}"
    if text.startswith("-") and float(text) == 0.0:
        text = text[1:]
    return text.replace("-", "\u2212")


class _Words:
    """The templates in use, and the numbers written with them."""

    def __init__(self, templates: Mapping[str, str] | None):
        self.t = TEMPLATES if templates is None else {**TEMPLATES, **templates}

    def say(self, key: str, **values) -> str:
        text = self.t[key].format(**values)
        return text[:1].upper() + text[1:]

    def degrees(self, value: float) -> str:
        return self.t["degrees"].format(value=signed(value))

    def count(self, n: int) -> str:
        return self.t.get(f"number.{n}", str(n))

    def percent(self, fraction: float) -> str:
        """A share strictly between none and all: 1 to 99, never rounded to either end."""
        return self.t["percent"].format(value=min(99, max(1, round(100 * fraction))))

    def length(self, mm: float) -> str:
        """Millimetres below 1 cm, centimetres with one decimal above ("3 cm", "1.2 cm")."""
        if mm < 0.5:
            return self.t["under_mm"]
        if mm < 9.5:
            return self.t["mm"].format(value=round(mm))
        text = f"{mm / 10:.1f}".removesuffix(".0").replace(".", self.t["decimal_point"])
        return self.t["cm"].format(value=text)


# -- the picture --------------------------------------------------------------------------------

def describe_picture(run: Run, moment: Moment,
                     templates: Mapping[str, str] | None = None) -> str:
    """What the cross-section shows at a moment, in a few sentences. Beyond the frames computed
    so far, it describes the last one (and says the rest is still being worked out)."""
    words = _Words(templates)
    if not run.frames:
        return words.say("computing.start")
    frame = run.at(moment.time)
    ahead = moment.time > run.computed_until + 1e-9 and not run.complete
    phase, fraction = (frame.phase, 1.0) if ahead else (moment.phase, moment.fraction)
    s = run.scenario
    instrument = s.surface.kind if s.geometry == "skin" else s.geometry
    count = len(s.probe.positions) if s.geometry == "probes" else 1
    n = words.count(count)
    kind = phase.kind
    sentences: list[str] = []

    if kind == "prepare":
        sentences.append(words.say(f"prepare.{instrument}", count=n))
    elif kind == "insert":
        if fraction >= 1.0:
            sentences.append(words.say(f"inserted.{instrument}", count=n))
        else:  # the picture places the probes one by one (ui/instruments.py)
            done = sum(fraction >= (k + 0.5) / (count + 1) for k in range(count))
            sentences.append(words.say(f"insert.{instrument}", count=n,
                                       done=words.count(done)))
    elif kind == "freeze":
        cold = s.probe.freeze_c if s.probe is not None else s.surface.temperature
        sentences.append(words.say(f"freeze.{instrument}", count=n, cold=words.degrees(cold)))
    elif kind == "thaw":
        warmed = s.probe is not None and s.probe.thaw[phase.cycle - 1] == "active"
        sentences.append(words.say(f"{'warm' if warmed else 'thaw'}.{instrument}", count=n))
    elif kind == "remove":
        sentences.append(words.say(f"remove.{instrument}", count=n))
    else:
        sentences.append(words.say("heal.skin" if s.geometry == "skin" else "heal.inside"))

    if kind != "heal":  # while healing, the picture shows the tissue warm again
        sentences += _ice(words, run, frame, kind)
    if kind in ("thaw", "remove", "heal") and frame.tumour_destroyed > 0:
        all_destroyed = frame.destroyed[run.geometry.tumour].all()
        sentences.append(words.say("destroyed.all") if all_destroyed else
                         words.say("destroyed.part", percent=words.percent(
                             frame.tumour_destroyed)))
    if ahead:
        sentences.append(words.say("computing"))
    return " ".join(sentences)


def _ice(words: _Words, run: Run, frame: Frame, kind: str) -> list[str]:
    s, g = run.scenario, run.geometry
    length, across = ice_extent(frame)
    if across == 0.0:
        froze = any(p.kind == "freeze" and p.start < frame.time for p in run.phases)
        return [words.say("ice.gone" if froze else "ice.none")]
    size = dict(across=words.length(across), length=words.length(length),
                depth=words.length(length))
    if kind == "freeze":
        if s.geometry == "probes":
            joined = _joined(frame)
            key = {"all": "ice.joined", "some": "ice.some_joined", "none": "ice.apart"}[joined]
            sentences = [words.say(key, **size)]
        else:
            sentences = [words.say(f"ice.{'skin' if s.geometry == 'skin' else 'probe'}", **size)]
    else:
        sentences = [words.say("melting.skin" if s.geometry == "skin" else "melting", **size)]

    temperature = frame.temperature
    weights = g.volume * g.tumour
    total = weights.sum()
    cold = temperature < ICE_C
    if cold[g.tumour].all():
        sentences.append(words.say("cover.all"))
    elif not cold[g.tumour].any():
        sentences.append(words.say("cover.none"))
    else:
        sentences.append(words.say("cover.part", percent=words.percent(weights[cold].sum()
                                                                        / total)))
    if kind == "freeze":
        lethal = temperature <= s.lethal_c
        values = dict(lethal=words.degrees(s.lethal_c))
        if lethal[g.tumour].all():
            sentences.append(words.say("lethal.all", **values))
        elif not lethal[g.tumour].any():
            sentences.append(words.say("lethal.none", **values))
        else:
            sentences.append(words.say("lethal.part", percent=words.percent(
                weights[lethal].sum() / total), **values))
    return sentences


def ice_extent(frame: Frame, level: float = ICE_C) -> tuple[float, float]:
    """(length, width) in mm of the region colder than `level`, measured like Frame.ice_size —
    from the points where the `level` isotherm crosses the grid's lines between cell centres —
    but without tracing (and caching) the contour lines."""
    mesh, t = frame.geometry.mesh, frame.temperature
    x, y = mesh.x * 1e3, mesh.y * 1e3
    below = t < level
    if not below.any():
        return 0.0, 0.0
    xs, ys = [], []
    # Crossings along each row (between neighbouring columns) …
    a, b = t[:, :-1], t[:, 1:]
    rows, cols = np.nonzero(below[:, :-1] != below[:, 1:])
    if rows.size:
        w = (level - a[rows, cols]) / (b[rows, cols] - a[rows, cols])
        xs.append(x[cols] + w * (x[cols + 1] - x[cols]))
        ys.append(y[rows])
    # … and along each column (between neighbouring rows).
    a, b = t[:-1, :], t[1:, :]
    rows, cols = np.nonzero(below[:-1, :] != below[1:, :])
    if rows.size:
        w = (level - a[rows, cols]) / (b[rows, cols] - a[rows, cols])
        xs.append(x[cols])
        ys.append(y[rows] + w * (y[rows + 1] - y[rows]))
    if not xs:
        return 0.0, 0.0  # everything colder: no edge in the picture
    px, py = np.concatenate(xs), np.concatenate(ys)
    width = 2 * px.max() if mesh.kind == "axisymmetric" else px.max() - px.min()
    if frame.geometry.scenario.geometry == "skin":
        return float(py.max()), float(width)
    return float(py.max() - py.min()), float(width)


def _joined(frame: Frame) -> str:
    """'all', 'some' or 'none': whether several probes' ice balls have joined, judged along the
    straight lines between pairs of probes."""
    g = frame.geometry
    positions = g.scenario.probe.positions
    mesh = g.mesh
    group = list(range(len(positions)))

    def root(k):
        while group[k] != k:
            k = group[k]
        return k

    pairs = 0
    for i, (x1, y1) in enumerate(positions):
        for j in range(i + 1, len(positions)):
            x2, y2 = positions[j]
            steps = max(2, math.ceil(math.hypot(x2 - x1, y2 - y1) / g.scenario.grid.cell) * 2)
            f = np.linspace(0.0, 1.0, steps + 1)
            cols = np.clip(np.searchsorted(mesh.x_faces, x1 + f * (x2 - x1)) - 1, 0,
                           len(mesh.x) - 1)
            rows = np.clip(np.searchsorted(mesh.y_faces, y1 + f * (y2 - y1)) - 1, 0,
                           len(mesh.y) - 1)
            if (frame.temperature[rows, cols] < ICE_C).all():
                pairs += 1
                group[root(i)] = root(j)
    if pairs == 0:
        return "none"
    return "all" if len({root(k) for k in range(len(positions))}) == 1 else "some"


# -- the chart ----------------------------------------------------------------------------------

def describe_chart(run: Run, time: float, templates: Mapping[str, str] | None = None) -> str:
    """The temperature chart's text alternative at a body time (seconds), from the solver steps
    computed up to then."""
    words = _Words(templates)
    times, edge, centre = _curves(run)
    if times.size == 0:
        return words.say("chart.empty")
    ahead = time > times[-1] + 1e-9 and not run.complete
    shown = times <= time
    now_edge = float(np.interp(time, times, edge))
    now_centre = float(np.interp(time, times, centre))
    lowest = min(float(edge[shown].min()) if shown.any() else now_edge, now_edge)
    lethal = run.scenario.lethal_c
    freezes = [p for p in run.phases if p.kind == "freeze"]
    reached = min(time, times[-1])
    started = [p for p in freezes if p.start < reached]
    if started:  # "before the treatment": as the first freeze starts
        before = float(np.interp(freezes[0].start, times, edge))
        sentences = [words.say("chart.now", now=words.degrees(now_edge),
                               before=words.degrees(before))]
    else:
        sentences = [words.say("chart.now.flat", now=words.degrees(now_edge))]
    sentences.append(words.say("chart.centre", now=words.degrees(now_centre)))
    if not started:
        sentences.append(words.say("chart.flat"))
    else:
        key = "chart.lowest.lethal" if lowest <= lethal else "chart.lowest.warmer"
        sentences.append(words.say(key, lowest=words.degrees(lowest),
                                   lethal=words.degrees(lethal)))
        count = len(started)
        thawed = count == len(freezes) and reached > freezes[-1].end
        if count == 1:
            key = "chart.dip.done" if thawed else "chart.dip"
        else:
            key = "chart.dips.done" if thawed else "chart.dips"
        sentences.append(words.say(key, count=words.count(count)))
    if ahead:
        sentences.append(words.say("computing"))
    return " ".join(sentences)


def _curves(run: Run) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Body time, edge and centre temperatures: the first frame (before any solver step), then
    every solver step recorded — or every frame, if no step has been recorded."""
    if not run.frames:
        return np.empty(0), np.empty(0), np.empty(0)
    series = run.series
    first = run.frames[0]
    if series["time"].size:
        later = series["time"] > first.time
        times, edge, centre = (series[key][later] for key in ("time", "edge_c", "centre_c"))
    else:
        frames = run.frames[1:]
        times = np.array([f.time for f in frames])
        edge = np.array([f.edge_c for f in frames])
        centre = np.array([f.centre_c for f in frames])
    return (np.concatenate([[first.time], times]), np.concatenate([[first.edge_c], edge]),
            np.concatenate([[first.centre_c], centre]))
