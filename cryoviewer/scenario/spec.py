"""Scenario files: what is treated, with what, and for how long — read and checked.

A scenario is a TOML file in resources/scenarios/. Lengths are in mm, times in seconds,
temperatures in °C (the file says so in each field's name); inside the program everything is SI.
Materials come from the built-in materials.toml, a materials.toml beside the scenario (which takes
precedence), or a [materials.NAME] table in the scenario itself (optionally starting from
`base = "NAME"`).
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, fields as dataclass_fields
from pathlib import Path

from ..files import Problem, read_toml, toml_line
from ..physics.materials import Material
from ..resources import resources_root
from .fields import Fields, show
from .limits import LIMITS, MIN_TUMOUR_CELLS, MUSHY_MIN_K, STEADY_MAX_C, Limit
from .protocol import Protocol

GEOMETRIES = ("probe", "skin", "probes")
BUILTIN_MATERIALS = resources_root() / "scenarios" / "materials.toml"
MM = 1e-3
LETHAL_C = -40.0  # °C: cold enough to destroy cells, the usual clinical target (physics.md §5)
# An id names the run's file in the cache and the treatment in content packs: a plain name.
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MAX_LAYERS = 10
LAYER_MM = Limit(0.05, 100, "mm", "the epidermis is 0.1 mm, fat several mm (§2)")
INTERNAL = "could not be checked"  # the start of a Problem for a fault in this program


LANGUAGE = re.compile(r"[a-z]{2}")


class ScenarioError(Exception):
    """A scenario that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path, self.problems = path, problems
        super().__init__(f"the scenario {path} has {len(problems)} problem(s):\n"
                         + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class Grid:
    width: float           # m: probe/skin, radius from the axis; probes, full width
    depth: float           # m
    cell: float            # m
    surface_cell: float    # m, finest cell at the skin surface (skin only)


@dataclass(frozen=True)
class Tumour:
    material: str
    radius: float          # m
    centre_depth: float    # m (probe: on the axis; probes: centre at y = 0; skin: lesion depth)
    edge: tuple[float, float]  # (x, y) m: where "the tumour edge" temperature is read


@dataclass(frozen=True)
class Probe:
    diameter: float
    freeze_c: float
    thaw: tuple[str, ...]  # per cycle: "active" (probe warmed) or "passive" (left to insulate)
    thaw_c: float | None
    tip_depth: float | None = None        # probe geometry
    active_length: float | None = None    # probe and probes geometries
    positions: tuple[tuple[float, float], ...] = ()  # probes geometry, m
    # Heat-transfer coefficient (W/m²·K) from the probe's surface to its coolant at freeze_c;
    # None: the surface itself is held at freeze_c (a metal wall, infinite cooling power).
    cooling_h: float | None = None


@dataclass(frozen=True)
class Surface:
    """The skin surface: a spray spot or a contact disk during freezing, still air otherwise."""

    kind: str              # "spray" or "contact"
    radius: float          # m
    temperature: float     # °C of the spray or the probe
    h: float               # W/m²·K between the spray or probe and the skin
    air_c: float
    air_h: float


@dataclass(frozen=True)
class Layer:
    material: str
    thickness: float | None  # m; None: down to the bottom of the grid


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    geometry: str
    path: Path
    grid: Grid
    tissue: str
    tumour: Tumour
    protocol: Protocol
    materials: dict[str, Material]
    lethal_c: float = LETHAL_C
    vascular_stasis: bool = True   # blood no longer reaches tissue once it has frozen solid
    probe: Probe | None = None
    surface: Surface | None = None
    layers: tuple[Layer, ...] = ()
    button: str = ""               # a short name for the treatment's button (the title if empty)
    # (language, title, button) in other languages than the file's English: [names.fr]
    names: tuple[tuple[str, str, str], ...] = ()

    def named(self, language: str) -> tuple[str, str]:
        """(title, button) in a language, or in English where the file has none."""
        for name, title, button in self.names:
            if name == language:
                return title, button
        return self.title, self.button


def load_scenario(path: str | Path, materials_path: str | Path | None = None, *,
                  budget: bool = True) -> Scenario:
    """Read and check a scenario; ScenarioError lists every problem if it cannot be used.

    Total: whatever the files hold, this returns a scenario that can be computed within the
    budget (budget.py; `budget=False` skips that check) or raises ScenarioError, never anything
    else. A fault of this program's own becomes a Problem starting "could not be checked".
    """
    path = Path(path)
    problems: list[Problem] = []
    try:
        scenario = _load(path, materials_path, problems)
        if scenario is not None and budget:
            from .budget import estimate  # budget needs the geometry, which needs this module

            problems += estimate(scenario).problems()
    except ScenarioError:
        raise
    except (OSError, ValueError) as exc:  # a path that cannot even be asked about
        problems.append(Problem(path, None, f"cannot be read: {exc}"))
    except MemoryError:
        problems.append(Problem(path, None, f"{INTERNAL}: it needs more memory than there is"))
    except Exception as exc:  # noqa: BLE001 - the promise is: ScenarioError and nothing else
        problems.append(Problem(path, None, f"{INTERNAL}: {type(exc).__name__} "
                                            f"({show(str(exc))}); please report this"))
    if problems or scenario is None:
        raise ScenarioError(path, problems or [Problem(path, None, "cannot be used")])
    return scenario


def _load(path: Path, materials_path, problems: list[Problem]) -> Scenario | None:
    library = _load_library(BUILTIN_MATERIALS, problems)
    beside = Path(materials_path) if materials_path else path.parent / "materials.toml"
    if beside.resolve() != BUILTIN_MATERIALS.resolve():
        library.update(_load_library(beside, problems))
    loaded = _read(path, problems)
    if loaded is None:
        return None
    data, text = loaded
    scenario = _parse(path, text, data, library, problems)
    return None if problems else scenario


def _read(path: Path, problems: list[Problem]) -> tuple[dict, str] | None:
    """read_toml, with nesting too deep for the TOML reader said as a Problem."""
    try:
        return read_toml(path, problems)
    except RecursionError:
        text = path.read_text(encoding="utf-8", errors="replace")
        line = _deepest_line(text)
        problems.append(Problem(path, line, "not valid here: arrays or tables are nested too "
                                            "deeply (a scenario needs at most 3 levels)"))
        return None


def _deepest_line(text: str) -> int | None:
    """The line where brackets or braces are opened most deeply (for a message only)."""
    depth = deepest = 0
    where = None
    for number, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > deepest:
                    deepest, where = depth, number
            elif char in "]}":
                depth = max(0, depth - 1)
    return where


def _load_library(path: Path, problems: list[Problem]) -> dict:
    if not path.exists():
        return {}
    loaded = _read(path, problems)
    if loaded is None:
        return {}
    data, text = loaded
    return {name: (table, path, text) for name, table in data.items()}


def _names(path, text, table, problems) -> tuple[tuple[str, str, str], ...]:
    """[names.fr] title = ..., button = ...: the treatment's names in other languages."""
    if table is None:
        return ()
    if not isinstance(table, dict):
        problems.append(Problem(path, toml_line(text, "names"), "field 'names' must be tables "
                                "such as [names.fr] with a title and a button"))
        return ()
    found = []
    for language, entry in table.items():
        fields = Fields(path, text, f"names.{language}",
                        entry if isinstance(entry, dict) else {}, problems)
        if not LANGUAGE.fullmatch(str(language)) or not isinstance(entry, dict):
            problems.append(Problem(path, toml_line(text, "", f"names.{language}"),
                                    f"[names.{language}] must be a table named by a two-letter "
                                    f"language code, such as [names.fr]"))
            continue
        title = fields.text("title", longest=200)
        button = fields.text("button", title or "", longest=60)
        fields.finish()
        if title:
            found.append((str(language), title, button))
    return tuple(found)


def _parse(path, text, data, library, problems) -> Scenario | None:
    top = Fields(path, text, "", data, problems)
    scenario_id = top.text("id", pattern=ID, what="a plain name of at most 64 letters, digits, "
                                                 "'.', '-' or '_' (such as \"liver-probe\")")
    title = top.text("title")
    button = top.text("button", title or "", longest=60)
    geometry = top.text("geometry", choices=GEOMETRIES)
    lethal = top.number("lethal_c", LETHAL_C, limit=LIMITS["lethal_c"])
    stasis = top.flag("vascular_stasis", Scenario.vascular_stasis)
    grid_table = top.table_of("grid")
    tissue_table = top.table_of("tissue")
    tumour_table = top.table_of("tumour")
    protocol_table = top.table_of("protocol")
    probe_table = top.table_of("probe", required=geometry in ("probe", "probes"))
    spray_table = top.table_of("spray", required=False)
    contact_table = top.table_of("contact", required=False)
    layer_tables = top.table_of("layers", required=geometry == "skin")
    inline = top.table_of("materials", required=False) or {}
    names = _names(path, text, top.table_of("names", required=False), problems)
    top.finish(allow=("description",))
    if not isinstance(inline, dict):
        problems.append(Problem(path, toml_line(text, "materials"), "field 'materials' must be "
                                "tables such as [materials.NAME]"))
        inline = {}
    if geometry is None:
        return None

    grid = _grid(Fields(path, text, "grid", grid_table or {}, problems), geometry)
    tissue = Fields(path, text, "tissue", tissue_table or {}, problems)
    tissue_name = tissue.text("material")
    tissue.finish()
    tumour = _tumour(Fields(path, text, "tumour", tumour_table or {}, problems), geometry)
    protocol = Protocol.read(Fields(path, text, "protocol", protocol_table or {}, problems),
                             with_probe=geometry != "skin")
    probe = surface = None
    layers: tuple[Layer, ...] = ()
    if geometry in ("probe", "probes"):
        probe = _probe(Fields(path, text, "probe", probe_table or {}, problems), geometry,
                       protocol.cycles if protocol else _cycles(protocol_table))
    if geometry == "skin":
        layers = _layers(path, text, layer_tables, problems)
        if (spray_table is None) == (contact_table is None):
            problems.append(Problem(path, None, "a skin scenario needs exactly one of [spray] "
                                                "or [contact]"))
        else:
            kind = "spray" if spray_table is not None else "contact"
            surface = _surface(Fields(path, text, kind, spray_table or contact_table, problems),
                               kind)

    used = {tissue_name, tumour.material if tumour else None}
    used |= {layer.material for layer in layers}
    materials = _materials(path, text, used - {None}, inline, library, problems)
    if problems:
        return None
    scenario = Scenario(id=scenario_id, title=title, button=button, names=names,
                        geometry=geometry, path=path, grid=grid,
                        tissue=tissue_name, tumour=tumour, protocol=protocol,
                        materials=materials, lethal_c=lethal, vascular_stasis=stasis,
                        probe=probe, surface=surface, layers=layers)
    _check_consistency(scenario, text, problems)
    return None if problems else scenario


def _cycles(table) -> int:
    """The number of cycles a protocol that failed to load asks for, to check the probe against
    (1 if it cannot be known either)."""
    value = table.get("cycles") if isinstance(table, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3 \
        else 1


def _grid(f: Fields, geometry: str) -> Grid:
    width = f.number("width_mm", limit=LIMITS["grid.width_mm"])
    depth = f.number("depth_mm", limit=LIMITS["grid.depth_mm"])
    cell = f.number("cell_mm", limit=LIMITS["grid.cell_mm"])
    surface = f.number("surface_cell_mm", cell or 1.0, limit=LIMITS["grid.surface_cell_mm"]) \
        if geometry == "skin" else cell
    f.finish()
    if None in (width, depth, cell, surface):
        return None
    if surface > cell:
        f.error("surface_cell_mm", f"({surface:g} mm) must be at most cell_mm ({cell:g} mm)")
        return None
    return Grid(width * MM, depth * MM, cell * MM, surface * MM)


def _tumour(f: Fields, geometry: str) -> Tumour | None:
    material = f.text("material")
    radius = f.number("radius_mm", limit=LIMITS["tumour.radius_mm"])
    key = "depth_mm" if geometry == "skin" else "centre_depth_mm"
    centre = f.number(key, 0.0 if geometry == "probes" else None, limit=LIMITS[f"tumour.{key}"],
                      minimum=None if geometry == "probes" else 0.0)
    edge = None
    if f.has("edge_mm"):
        points = f.points("edge_mm", LIMITS["tumour.edge_mm"])
        if points is not None and len(points) != 1:
            f.error("edge_mm", f"must give one [x, y] point, not {len(points)}")
            points = None
        edge = points[0] if points else None
    f.finish()
    if None in (material, radius, centre):
        return None
    if edge is None:  # by default: the side of the tumour, level with its centre
        edge = {"probe": (radius, centre), "probes": (radius, 0.0), "skin": (0.0, centre)}[geometry]
    return Tumour(material, radius * MM, centre * MM, (edge[0] * MM, edge[1] * MM))


def _probe(f: Fields, geometry: str, cycles: int) -> Probe | None:
    diameter = f.number("diameter_mm", limit=LIMITS["probe.diameter_mm"])
    freeze = f.number("freeze_c", limit=LIMITS["probe.freeze_c"])
    cooling_h = f.number("cooling_h", 0.0, limit=LIMITS["probe.cooling_h"]) or None
    thaw = f.words("thaw", cycles, ("active", "passive"))
    active = thaw is not None and "active" in thaw
    thaw_c = f.number("thaw_c", limit=LIMITS["probe.thaw_c"]) if active else None
    tip = length = None
    positions: tuple = ()
    if geometry == "probe":
        tip = f.number("tip_depth_mm", limit=LIMITS["probe.tip_depth_mm"])
        length = f.number("active_length_mm", limit=LIMITS["probe.active_length_mm"])
    else:
        # The active segments are centred on the picture's plane through the tumour.
        length = f.number("active_length_mm", limit=LIMITS["probe.active_length_mm"])
        points = f.points("positions_mm", LIMITS["probe.positions_mm"])
        positions = tuple((x * MM, y * MM) for x, y in points) if points else ()
        if points is not None and not 1 <= len(points) <= 8:
            f.error("positions_mm", f"must give 1 to 8 probes, not {len(points)}")
    f.finish()
    if None in (diameter, freeze, thaw, length) or (active and thaw_c is None):
        return None
    return Probe(diameter * MM, freeze, thaw, thaw_c, tip * MM if tip else None,
                 length * MM if length else None, positions, cooling_h)


def _surface(f: Fields, kind: str) -> Surface | None:
    radius = f.number("radius_mm", limit=LIMITS["surface.radius_mm"])
    temperature = f.number("temperature_c", limit=LIMITS["surface.temperature_c"])
    h = f.number("h", limit=LIMITS["surface.h"])
    air_c = f.number("air_c", 22.0, limit=LIMITS["surface.air_c"])
    air_h = f.number("air_h", 10.0, limit=LIMITS["surface.air_h"])
    f.finish()
    if None in (radius, temperature, h):
        return None
    return Surface(kind, radius * MM, temperature, h, air_c, air_h)


def _layers(path, text, tables, problems) -> tuple[Layer, ...]:
    if not isinstance(tables, list) or not tables:
        problems.append(Problem(path, toml_line(text, "", "layers"),
                                "a skin scenario needs [[layers]] tables, from the surface down"))
        return ()
    if len(tables) > MAX_LAYERS:
        problems.append(Problem(path, toml_line(text, "", "layers"),
                                f"a skin scenario has at most {MAX_LAYERS} [[layers]], "
                                f"not {len(tables)}"))
        return ()
    layers = []
    for number, table in enumerate(tables, start=1):
        f = Fields(path, text, f"layers[{number}]", table, problems)
        material = f.text("material")
        last = number == len(tables)
        thickness = f.number("thickness_mm", None if not last else 0.0, positive=not last)
        if thickness and not LAYER_MM.allows(thickness):
            f.error("thickness_mm", f"must be {LAYER_MM.describe()}, not {thickness:g} "
                                    f"({LAYER_MM.why})")
            thickness = None
        f.finish()
        layers.append(Layer(material, thickness * MM if thickness else None))
    return tuple(layers)


# A material file's numbers and their defaults (None: required), as Material declares them.
_MATERIAL_NUMBERS = {f.name: None if f.default is MISSING else f.default
                     for f in dataclass_fields(Material)
                     if f.name not in ("name", "k_frozen_law")}


def _materials(path, text, names, inline, library, problems) -> dict[str, Material]:
    materials = {}
    for name in sorted(names):
        table, where, source = None, path, text
        if name in inline:
            if not isinstance(inline[name], dict):
                problems.append(Problem(path, toml_line(text, name, "materials"),
                                        f"field 'materials.{name}' must be a table such as "
                                        f"[materials.{name}]"))
                continue
            table = dict(inline[name])
            base = table.pop("base", None)
            if base is not None:
                if not isinstance(base, str) or base not in library \
                        or not isinstance(library[base][0], dict):
                    problems.append(Problem(path, toml_line(text, "base", f"materials.{name}"),
                                            f"field 'materials.{name}.base' names an unknown "
                                            f"material {show(base)}"))
                    continue
                table = {**library[base][0], **table}
        elif name in library:
            table, where, source = library[name]
        else:
            problems.append(Problem(path, toml_line(text, "material"),
                                    f"material '{name}' is not defined (in materials.toml or a "
                                    f"[materials.{name}] table)"))
            continue
        label = f"materials.{name}" if where is path else name
        f = Fields(where, source, label, table, problems)
        values = {key: f.number(key, default, limit=LIMITS[f"materials.{key}"])
                  for key, default in _MATERIAL_NUMBERS.items()}
        law = f.text("k_frozen_law", Material.k_frozen_law, choices=("constant", "ice"))
        f.finish()
        if None in values.values() or any(p.file == where and f"'{label}." in p.message
                                          for p in problems):
            continue
        material = Material(name=name, k_frozen_law=law, **values)
        for key, message in material.problems():
            f.error(key, message)
        if material.liquidus - material.solidus < MUSHY_MIN_K:
            f.error("liquidus", f"({material.liquidus:g} °C) must be at least {MUSHY_MIN_K:g} K "
                                f"above the solidus ({material.solidus:g} °C): a narrower band "
                                "can stall the freezing front")
        if material.perfusion > 0:
            steady = material.arterial + material.metabolic / material.perfusion
            if steady > STEADY_MAX_C:
                f.error("metabolic", f"({material.metabolic:g} W/m³) with perfusion "
                                     f"{material.perfusion:g} W/m³·K would keep this tissue at "
                                     f"{steady:.0f} °C; at most {STEADY_MAX_C:g} °C")
        materials[name] = material
    return materials


def _check_consistency(s: Scenario, text: str, problems: list[Problem]) -> None:
    """Values that are each fine alone but impossible together."""

    def error(table, key, message):
        name = f"{table}.{key}" if table else key
        problems.append(Problem(s.path, toml_line(text, key, table), f"field '{name}' {message}"))

    freezing = min(m.solidus for m in s.materials.values())
    melting = max(m.liquidus for m in s.materials.values())
    g, t = s.grid, s.tumour
    if s.lethal_c >= freezing:
        error("", "lethal_c", f"({s.lethal_c:g} °C) must be colder than the tissue's freezing "
                              f"point ({freezing:g} °C)")
    if t.radius < MIN_TUMOUR_CELLS * g.cell * (1 - 1e-9):
        error("tumour", "radius_mm", f"({t.radius / MM:g} mm) is smaller than "
                                     f"{MIN_TUMOUR_CELLS} cells of {g.cell / MM:g} mm: at least "
                                     f"{MIN_TUMOUR_CELLS * g.cell / MM:g} mm")
    x, y = t.edge
    if s.geometry == "probes":
        inside = abs(x) <= g.width / 2 and abs(y) <= g.depth / 2
        where = f"from {-g.width / 2 / MM:g} to {g.width / 2 / MM:g} mm across and from " \
                f"{-g.depth / 2 / MM:g} to {g.depth / 2 / MM:g} mm down"
    else:
        inside = 0 <= x <= g.width and 0 <= y <= g.depth
        where = f"from 0 to {g.width / MM:g} mm across and from 0 to {g.depth / MM:g} mm down"
    if not inside:
        error("tumour", "edge_mm", f"({x / MM:g}, {y / MM:g}) mm is outside the grid: it must "
                                   f"lie {where}")
    if s.surface and s.surface.radius < g.cell:
        error(s.surface.kind, "radius_mm", f"must be at least one cell ({g.cell / MM:g} mm)")
    if s.probe:
        if s.probe.freeze_c >= freezing:
            error("probe", "freeze_c", f"({s.probe.freeze_c:g} °C) must be colder than the "
                                       f"tissue's freezing point ({freezing:g} °C)")
        if "active" in s.probe.thaw and s.probe.thaw_c <= melting:
            error("probe", "thaw_c", f"({s.probe.thaw_c:g} °C) must be warmer than the tissue's "
                                     f"melting point ({melting:g} °C) to thaw it")
    if s.surface and s.surface.temperature >= freezing:
        error(s.surface.kind, "temperature_c", f"({s.surface.temperature:g} °C) must be colder "
                                               f"than the skin's freezing point ({freezing:g} °C)")
    if s.geometry == "probe":
        p = s.probe
        if p.tip_depth >= g.depth:
            error("probe", "tip_depth_mm", f"puts the probe tip outside the grid (the grid is "
                                           f"{g.depth / MM:g} mm deep)")
        if p.active_length > p.tip_depth:
            error("probe", "active_length_mm", "is longer than the inserted probe")
        if p.active_length < g.cell:
            error("probe", "active_length_mm", f"must be at least one cell ({g.cell / MM:g} mm)")
        if p.diameter / 2 >= g.width / 2:
            error("probe", "diameter_mm", "is too wide for the grid")
        if t.centre_depth - t.radius < 0 or t.centre_depth + t.radius > g.depth \
                or t.radius > g.width:
            error("tumour", "radius_mm", "makes the tumour reach outside the grid")
    if s.geometry == "probes":
        r = s.probe.diameter / 2
        for n, (x, y) in enumerate(s.probe.positions, start=1):
            if abs(x) + r >= g.width / 2 or abs(y) + r >= g.depth / 2:
                error("probe", "positions_mm", f"puts probe {n} at ({x / MM:g}, {y / MM:g}) mm, "
                                               "outside the grid")
            for m, (x2, y2) in enumerate(s.probe.positions[n:], start=n + 1):
                if (x - x2) ** 2 + (y - y2) ** 2 < (2 * r) ** 2:
                    error("probe", "positions_mm", f"makes probes {n} and {m} overlap")
        if t.radius >= min(g.width, g.depth) / 2:
            error("tumour", "radius_mm", "makes the tumour reach outside the grid")
    if s.geometry == "skin":
        fixed = sum(layer.thickness or 0.0 for layer in s.layers)
        if fixed >= g.depth:
            error("grid", "depth_mm", f"({g.depth / MM:g} mm) leaves no room below the layers, "
                                      f"which overlap the bottom ({fixed / MM:g} mm thick)")
        if t.centre_depth >= g.depth or t.radius >= g.width:
            error("tumour", "radius_mm", "makes the lesion reach outside the grid")
        if s.surface.radius >= g.width:
            error(s.surface.kind, "radius_mm", "is wider than the grid")
