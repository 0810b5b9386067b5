"""Scenario files: what is treated, with what, and for how long — read and checked.

A scenario is a TOML file in resources/scenarios/. Lengths are in mm, times in seconds,
temperatures in °C (the file says so in each field's name); inside the program everything is SI.
Materials come from the built-in materials.toml, a materials.toml beside the scenario (which takes
precedence), or a [materials.NAME] table in the scenario itself (optionally starting from
`base = "NAME"`).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields as dataclass_fields
from pathlib import Path

from ..files import Problem, read_toml, toml_line
from ..physics.materials import Material
from ..resources import resources_root
from .fields import Fields
from .protocol import Protocol

GEOMETRIES = ("probe", "skin", "probes")
BUILTIN_MATERIALS = resources_root() / "scenarios" / "materials.toml"
MM = 1e-3
LETHAL_C = -40.0  # °C: cold enough to destroy cells, the usual clinical target (physics.md §5)


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
    active_length: float | None = None    # probe geometry
    positions: tuple[tuple[float, float], ...] = ()  # probes geometry, m


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


def load_scenario(path: str | Path, materials_path: str | Path | None = None) -> Scenario:
    """Read and check a scenario; ScenarioError lists every problem if it cannot be used."""
    path = Path(path)
    problems: list[Problem] = []
    library = _load_library(BUILTIN_MATERIALS, problems)
    beside = Path(materials_path) if materials_path else path.parent / "materials.toml"
    if beside.resolve() != BUILTIN_MATERIALS.resolve():
        library.update(_load_library(beside, problems))
    loaded = read_toml(path, problems)
    if loaded is None:
        raise ScenarioError(path, problems)
    data, text = loaded
    scenario = _parse(path, text, data, library, problems)
    if problems or scenario is None:
        raise ScenarioError(path, problems)
    return scenario


def _load_library(path: Path, problems: list[Problem]) -> dict:
    if not path.exists():
        return {}
    loaded = read_toml(path, problems)
    if loaded is None:
        return {}
    data, text = loaded
    return {name: (table, path, text) for name, table in data.items()}


def _parse(path, text, data, library, problems) -> Scenario | None:
    top = Fields(path, text, "", data, problems)
    scenario_id = top.text("id")
    title = top.text("title")
    button = top.text("button", title or "")
    geometry = top.text("geometry", choices=GEOMETRIES)
    lethal = top.number("lethal_c", LETHAL_C, maximum=-1.0)
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
    top.finish(allow=("description",))
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
                       protocol.cycles if protocol else 1)
    if geometry == "skin":
        layers = _layers(path, text, layer_tables, problems)
        if (spray_table is None) == (contact_table is None):
            problems.append(Problem(path, None, "a skin scenario needs exactly one of [spray] "
                                                "or [contact]"))
        else:
            kind = "spray" if spray_table is not None else "contact"
            surface = _surface(Fields(path, text, kind, spray_table or contact_table, problems),
                               kind)

    names = {tissue_name, tumour.material if tumour else None}
    names |= {layer.material for layer in layers}
    materials = _materials(path, text, names - {None}, inline, library, problems)
    if problems:
        return None
    scenario = Scenario(id=scenario_id, title=title, button=button, geometry=geometry, path=path, grid=grid,
                        tissue=tissue_name, tumour=tumour, protocol=protocol,
                        materials=materials, lethal_c=lethal, vascular_stasis=stasis,
                        probe=probe, surface=surface, layers=layers)
    _check_consistency(scenario, text, problems)
    return None if problems else scenario


def _grid(f: Fields, geometry: str) -> Grid:
    width = f.number("width_mm", positive=True)
    depth = f.number("depth_mm", positive=True)
    cell = f.number("cell_mm", positive=True, maximum=5.0)
    surface = f.number("surface_cell_mm", cell or 1.0, positive=True) if geometry == "skin" \
        else cell
    f.finish()
    if None in (width, depth, cell, surface):
        return None
    if cell and width and depth and (width / cell > 1000 or depth / cell > 1000):
        f.error("cell_mm", f"is too small for the grid ({width:g} × {depth:g} mm): at most "
                           "1000 cells each way")
    return Grid(width * MM, depth * MM, cell * MM, surface * MM)


def _tumour(f: Fields, geometry: str) -> Tumour | None:
    material = f.text("material")
    radius = f.number("radius_mm", positive=True)
    key = "depth_mm" if geometry == "skin" else "centre_depth_mm"
    centre = f.number(key, 0.0 if geometry == "probes" else None,
                      minimum=None if geometry == "probes" else 0.0)
    edge = None
    if f.has("edge_mm"):
        points = f.points("edge_mm")
        edge = points[0] if points else None
    f.finish()
    if None in (material, radius, centre):
        return None
    if edge is None:  # by default: the side of the tumour, level with its centre
        edge = {"probe": (radius, centre), "probes": (radius, 0.0), "skin": (0.0, centre)}[geometry]
    return Tumour(material, radius * MM, centre * MM, (edge[0] * MM, edge[1] * MM))


def _probe(f: Fields, geometry: str, cycles: int) -> Probe | None:
    diameter = f.number("diameter_mm", positive=True)
    freeze = f.number("freeze_c")
    thaw = f.words("thaw", cycles, ("active", "passive"))
    active = thaw is not None and "active" in thaw
    thaw_c = f.number("thaw_c") if active else None
    tip = length = None
    positions: tuple = ()
    if geometry == "probe":
        tip = f.number("tip_depth_mm", positive=True)
        length = f.number("active_length_mm", positive=True)
    else:
        points = f.points("positions_mm")
        positions = tuple((x * MM, y * MM) for x, y in points) if points else ()
        if points is not None and not 1 <= len(points) <= 8:
            f.error("positions_mm", f"must give 1 to 8 probes, not {len(points)}")
    f.finish()
    if None in (diameter, freeze, thaw) or (active and thaw_c is None):
        return None
    return Probe(diameter * MM, freeze, thaw, thaw_c, tip * MM if tip else None,
                 length * MM if length else None, positions)


def _surface(f: Fields, kind: str) -> Surface | None:
    radius = f.number("radius_mm", positive=True)
    temperature = f.number("temperature_c")
    h = f.number("h", positive=True)
    air_c = f.number("air_c", 22.0)
    air_h = f.number("air_h", 10.0, minimum=0.0)
    f.finish()
    if None in (radius, temperature, h):
        return None
    return Surface(kind, radius * MM, temperature, h, air_c, air_h)


def _layers(path, text, tables, problems) -> tuple[Layer, ...]:
    if not isinstance(tables, list) or not tables:
        problems.append(Problem(path, toml_line(text, "", "layers"),
                                "a skin scenario needs [[layers]] tables, from the surface down"))
        return ()
    layers = []
    for number, table in enumerate(tables, start=1):
        f = Fields(path, text, f"layers[{number}]", table, problems)
        material = f.text("material")
        last = number == len(tables)
        thickness = f.number("thickness_mm", None if not last else 0.0, positive=not last)
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
            table = dict(inline[name])
            base = table.pop("base", None)
            if base is not None:
                if base not in library:
                    problems.append(Problem(path, toml_line(text, "base", f"materials.{name}"),
                                            f"field 'materials.{name}.base' names an unknown "
                                            f"material '{base}'"))
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
        values = {key: f.number(key, default) for key, default in _MATERIAL_NUMBERS.items()}
        law = f.text("k_frozen_law", Material.k_frozen_law)
        f.finish()
        if None in values.values():
            continue
        material = Material(name=name, k_frozen_law=law, **values)
        for key, message in material.problems():
            f.error(key, message)
        materials[name] = material
    return materials


def _check_consistency(s: Scenario, text: str, problems: list[Problem]) -> None:
    """Values that are each fine alone but impossible together."""

    def error(table, key, message):
        problems.append(Problem(s.path, toml_line(text, key, table),
                                f"field '{table}.{key}' {message}"))

    freezing = min(m.solidus for m in s.materials.values())
    melting = max(m.liquidus for m in s.materials.values())
    g, t = s.grid, s.tumour
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
