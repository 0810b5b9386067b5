"""Mutated scenario files against the reader, the budget and the solver: prints name=value lines.

    python benchmarks/fuzz_scenarios.py [--mutations 1000] [--seed 11] [--runs 40]

Each mutation of a built-in scenario (a number scaled or replaced by nan, inf, a huge integer,
text or a table; a line dropped or doubled; an unknown field; nesting thousands deep; bytes
flipped or cut; durations or the grid stretched; a materials.toml beside it with a bad value) is
written to a temporary folder and read with load_scenario, which also checks the run's budget;
a scenario that loads is then built into a Simulation (what the viewer does before computing).
A deterministic sample of the accepted ones is then run to the end, each in its own process
under a watchdog: the most expensive by their estimate, and others drawn at random.

scenario_mutations     mutations tried (target ≥ 1000)
scenario_tracebacks    exceptions other than ScenarioError, loading, building or running (target 0)
scenario_internal      refusals for a fault of the program's own ("could not be checked") (target 0)
scenario_refused       refused cleanly, with Problems
scenario_accepted      loaded and within budget
scenario_runs          accepted mutations run to the end
scenario_run_stopped   runs stopped by a frame check (a Problem, nothing shown)
scenario_over_budget   runs that took longer than MAX_SECONDS, or kept more than MAX_MEMORY, or
                       ran out of their watchdog (target 0)
scenario_nan           frames with NaN shown (target 0)
scenario_estimate_ratio_max   the largest time taken ÷ time estimated among the runs
scenario_slowest_s     the slowest run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryoviewer.resources import resources_root  # noqa: E402
from cryoviewer.scenario import ScenarioError, Simulation, load_scenario  # noqa: E402
from cryoviewer.scenario.budget import MAX_MEMORY, MAX_SECONDS, estimate  # noqa: E402
from cryoviewer.scenario.spec import INTERNAL  # noqa: E402

SCENARIOS = resources_root() / "scenarios"
NAMES = ("liver-probe", "large-tumour", "skin-spray", "skin-probe")
NUMBER_LINE = re.compile(r"(?m)^(\s*[A-Za-z_]+\s*=\s*)(-?[0-9][0-9._e+-]*|\[[0-9., -]*\])")
STRING_LINE = re.compile(r'(?m)^(\s*[A-Za-z_]+\s*=\s*)("[^"\n]*")')
REPLACEMENTS = ["0", "-0.0", "nan", "+nan", "-nan", "inf", "-inf", "1e308", "-1e308", "1e-300",
                "10" + "0" * 30, "9" * 400, "-" + "9" * 40, "true", '"often"', '""', "[]",
                "[1, 2, 3]", "[[1, 2]]", "{ a = 1 }", "-273.15", "-300", "1e4", "1e6", "1e9",
                "-1", "0.08", "1e-9", "86400", "3.5", "[nan, 1]", "[inf]", '"x"']
STRINGS = ['""', '" "', '"probes"', '"skin"', '"probe"', '"granite"', '"liver"', '"gel"',
           '"../../x"', '"a\\u0000b"', '"' + "x" * 400 + '"', '"tab\\there"', "1", "[]",
           '"constant"', '"ice"', '"active"', '"passive"', '"epidermis"']


def mutate(rng: random.Random) -> tuple[str, str, str, str | None]:
    """One mutation: (its kind, the scenario's name, the scenario's text, a materials.toml text to
    put beside it or None)."""
    name = rng.choice(NAMES)
    text = (SCENARIOS / f"{name}.toml").read_text(encoding="utf-8")
    materials = None
    kinds = rng.sample(["number", "number", "number", "string", "lines", "unknown", "deep",
                        "bytes", "swap", "materials", "inline", "grid", "durations", "frames"],
                       k=rng.choice([1, 1, 1, 2, 3]))
    for kind in kinds:
        if kind == "number":
            text = _replace_value(rng, text, NUMBER_LINE, _number_for(rng))
        elif kind == "string":
            text = _replace_value(rng, text, STRING_LINE, rng.choice(STRINGS))
        elif kind == "lines":
            lines = text.splitlines()
            i = rng.randrange(len(lines))
            action = rng.choice(["drop", "double", "move"])
            if action == "drop":
                del lines[i]
            elif action == "double":
                lines.insert(i, lines[i])
            else:
                lines.insert(rng.randrange(len(lines)), lines.pop(i))
            text = "\n".join(lines) + "\n"
        elif kind == "unknown":
            text = _insert_in_table(rng, text, f"{rng.choice(['colour', 'speed', 'x', 'id2'])} "
                                               f"= {rng.choice(REPLACEMENTS)}")
        elif kind == "deep":
            n = rng.choice([40, 200, 1000, 5000, 20000])
            value = rng.choice(["[" * n + "]" * n, "{a=" * n + "1" + "}" * n,
                                "[" * n + "1" + "]" * n])
            text = _insert_in_table(rng, text, f"deep = {value}") if rng.random() < 0.5 \
                else _replace_value(rng, text, NUMBER_LINE, value)
        elif kind == "bytes":
            data = bytearray(text.encode())
            for _ in range(rng.randrange(1, 6)):
                i = rng.randrange(len(data))
                choice = rng.random()
                if choice < 0.4:
                    data[i] = rng.randrange(256)
                elif choice < 0.7:
                    data.insert(i, rng.choice(b"[]{}=\"'#\n\\\x00\xff\xc3"))
                else:
                    del data[i:i + rng.randrange(1, 40)]
            if rng.random() < 0.2:
                data = data[:rng.randrange(len(data))]
            text = data.decode("utf-8", errors="surrogateescape")
        elif kind == "swap":
            found = list(NUMBER_LINE.finditer(text))
            if len(found) < 2:
                continue
            a, b = rng.sample(found, 2)
            values = {a.start(2): b.group(2), b.start(2): a.group(2)}
            for match in sorted((a, b), key=lambda m: -m.start(2)):
                text = text[:match.start(2)] + values[match.start(2)] + text[match.end(2):]
        elif kind == "materials":
            source = (SCENARIOS / "materials.toml").read_text(encoding="utf-8")
            materials = _replace_value(rng, source, NUMBER_LINE, _number_for(rng))
        elif kind == "inline":
            named = re.search(r'(?m)^material = "([^"]+)"', text)
            if named is None:  # (an earlier mutation of this kind removed it)
                continue
            material = named.group(1)
            key = rng.choice(["k_unfrozen", "k_frozen", "c_unfrozen", "c_frozen", "latent",
                              "solidus", "liquidus", "perfusion", "metabolic", "arterial",
                              "k_frozen_law", "base", "colour"])
            base = rng.choice([f'base = "{material}"\n', "", 'base = "nothing"\n', "base = 3\n"])
            text += f"\n[materials.{material}]\n{base}{key} = {_number_for(rng)}\n"
        elif kind == "grid":
            cell = rng.choice(["0.25", "0.3", "0.1", "0.08", "1", "2"])
            text = re.sub(r"(?m)^cell_mm = \S+", f"cell_mm = {cell}", text)
            for key in ("width_mm", "depth_mm"):
                scale = rng.choice([0.1, 0.5, 1, 1, 2, 2.5, 5])
                text = re.sub(rf"(?m)^{key} = (\S+)",
                              lambda m: f"{key} = {_scale(m.group(1), scale)}", text)
        elif kind == "durations":
            scale = rng.choice([0.01, 0.1, 2, 3, 10, 144, 1e6])
            for key in ("freeze_s", "thaw_s", "heal_s", "prepare_s"):
                text = re.sub(rf"(?m)^{key} = (\[[^\]]*\]|\S+)",
                              lambda m: f"{key} = " + _scale(m.group(1), scale), text)
        elif kind == "frames":
            for key in ("frame_s", "max_step_s"):
                text = re.sub(rf"(?m)^{key} = \S+",
                              f"{key} = {rng.choice(['1e-9', '0.5', '0.1', '1', '120', '1e6'])}",
                              text)
    return "+".join(kinds), name, text, materials


def _number_for(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(REPLACEMENTS)
    return f"{rng.choice([-1, 1]) * rng.choice([0.5, 1, 2, 3, 1.5]) * 10 ** rng.randint(-9, 9):g}"


def _scale(value: str, scale: float) -> str:
    try:
        scaled = [f"{float(n) * scale:g}" for n in re.findall(r"-?[0-9.]+(?:e[+-]?\d+)?", value)]
    except ValueError:
        return value
    if not scaled:
        return value
    return f"[{', '.join(scaled)}]" if value.startswith("[") else scaled[0]


def _replace_value(rng, text, pattern, value):
    found = list(pattern.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    return text[:match.start(2)] + value + text[match.end(2):]


def _insert_in_table(rng, text, line):
    headers = [m.end() for m in re.finditer(r"(?m)^\[[^\n]*\][^\n]*$", text)] + [0]
    at = rng.choice(headers)
    return text[:at] + ("\n" if at else "") + line + "\n" + text[at:]


def write(folder: Path, text: str, materials: str | None) -> Path:
    path = folder / "case.toml"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    beside = folder / "materials.toml"
    if materials is not None:
        beside.write_text(materials, encoding="utf-8")
    elif beside.exists():
        beside.unlink()
    return path


def check(path: Path) -> tuple[str, object]:
    """("refused", problems) | ("accepted", (scenario, estimate)) | ("traceback", text)."""
    try:
        scenario = load_scenario(path)
        Simulation(scenario)          # what the viewer builds before it computes
        return "accepted", (scenario, estimate(scenario))
    except ScenarioError as exc:
        return "refused", exc.problems
    except BaseException:  # noqa: BLE001 - counting them is the point
        return "traceback", traceback.format_exc()


CHILD = r"""
import json, resource, sys, time
import numpy as np
sys.path.insert(0, sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from cryoviewer.scenario import RunError, ScenarioError, Simulation, load_scenario
result = {"nan_frames": 0, "stopped": None, "error": None}
start = time.perf_counter()
try:
    simulation = Simulation(load_scenario(sys.argv[1]))
    start = time.perf_counter()
    for frame in simulation.frames():
        if not np.isfinite(frame.temperature).all():
            result["nan_frames"] += 1
    result["memory"] = simulation.result.memory_bytes
except RunError as exc:
    result["stopped"] = str(exc)
except ScenarioError as exc:
    result["error"] = "refused at run: " + str(exc)
except BaseException as exc:
    import traceback
    result["error"] = traceback.format_exc()
result["seconds"] = time.perf_counter() - start
result["max_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps(result))
"""


def run_one(path: Path) -> dict:
    """Run a scenario to the end in its own process, under a watchdog."""
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(ROOT)],
                              capture_output=True, text=True, timeout=2 * MAX_SECONDS + 30)
    except subprocess.TimeoutExpired:
        return {"timeout": True, "seconds": 2 * MAX_SECONDS + 30}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": f"exit {done.returncode}: {done.stderr[-2000:]}", "seconds": 0.0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=40, help="accepted mutations run to the end")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    counts = dict.fromkeys(["tracebacks", "internal", "refused", "accepted"], 0)
    accepted = []
    work = Path(tempfile.mkdtemp(prefix="cryoviewer-fuzz-scenarios-"))
    started = time.perf_counter()
    for number in range(args.mutations):
        kind, name, text, materials = mutate(rng)
        folder = work / f"m{number:05d}"
        folder.mkdir()
        path = write(folder, text, materials)
        outcome, detail = check(path)
        counts[outcome] += 1
        if outcome == "refused" and any(INTERNAL in p.message for p in detail):
            counts["internal"] += 1
            print(f"internal: {number} {kind} {name}: {detail}", file=sys.stderr)
        if outcome == "traceback":
            print(f"traceback: {number} {kind} {name}\n{detail}", file=sys.stderr)
        if outcome == "accepted":
            accepted.append((number, kind, name, path, detail[1]))
        if args.verbose:
            print(number, kind, name, outcome, file=sys.stderr)
    checking = time.perf_counter() - started
    # The sample: the most expensive by estimate (where the budget matters), then at random.
    by_cost = sorted(accepted, key=lambda a: -a[4].seconds)
    top = by_cost[:max(1, args.runs // 8)] if args.runs else []
    rest = [a for a in accepted if a not in top]
    sample = top + random.Random(args.seed + 1).sample(rest, max(0, min(len(rest), args.runs - len(top))))
    over = nan = stopped = 0
    ratios, slowest = [], 0.0
    for number, kind, name, path, guess in sample:
        result = run_one(path)
        seconds = result.get("seconds", 0.0)
        slowest = max(slowest, seconds)
        if result.get("error"):
            counts["tracebacks"] += 1
            print(f"run traceback: {number} {kind} {name}\n{result['error']}", file=sys.stderr)
        if result.get("stopped"):
            stopped += 1
            print(f"run stopped: {number} {kind} {name}: {result['stopped']}", file=sys.stderr)
        nan += result.get("nan_frames", 0)
        if result.get("timeout") or seconds > MAX_SECONDS or result.get("memory", 0) > MAX_MEMORY:
            over += 1
            print(f"over budget: {number} {kind} {name}: {result}", file=sys.stderr)
        if seconds and guess.seconds and not result.get("stopped"):
            ratios.append(seconds / guess.seconds)
        if args.verbose:
            print(f"run {number} {kind} {name}: {seconds:.2f} s (estimated {guess.seconds:.2f} s)"
                  f", {result.get('memory', 0) / 1e6:.0f} MB (estimated "
                  f"{guess.memory / 1e6:.0f} MB)", file=sys.stderr)
    print(f"scenario_mutations={args.mutations}")
    for key in ("tracebacks", "internal", "refused", "accepted"):
        print(f"scenario_{key}={counts[key]}")
    print(f"scenario_runs={len(sample)}")
    print(f"scenario_run_stopped={stopped}")
    print(f"scenario_over_budget={over}")
    print(f"scenario_nan={nan}")
    print(f"scenario_estimate_ratio_max={max(ratios, default=0):.2f}")
    print(f"scenario_slowest_s={slowest:.2f}")
    print(f"scenario_checking_s={checking:.1f}")
    return 0 if counts["tracebacks"] == counts["internal"] == over == nan == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
