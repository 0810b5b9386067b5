"""Reading one TOML table field by field, recording a Problem (file, line, field) for each fault."""

from __future__ import annotations

from pathlib import Path

from ..files import Problem, toml_line

_MISSING = object()


class Fields:
    """The fields of one table; `finish()` reports any field that was never asked for."""

    def __init__(self, path: Path, text: str, table: str, data, problems: list[Problem]):
        self.path, self.source, self.table, self.problems = path, text, table, problems
        if not isinstance(data, dict):
            self.error("", f"'{table}' must be a table such as [{table}]")
            data = {}
        self.data, self.used = data, set()

    def name(self, key: str) -> str:
        return f"{self.table}.{key}" if self.table else key

    def line(self, key: str) -> int | None:
        header = self.table.split("[")[0]  # "layers[2]" is found under the first [[layers]]
        return toml_line(self.source, key, header) or toml_line(self.source, "", header)

    def error(self, key: str, message: str) -> None:
        field = f"field '{self.name(key)}' " if key else ""
        self.problems.append(Problem(self.path, self.line(key), field + message))

    def has(self, key: str) -> bool:
        return key in self.data

    def _take(self, key: str, required: bool):
        """The raw value of a field, or _MISSING (reported if the field is required)."""
        self.used.add(key)
        if key in self.data:
            return self.data[key]
        if required:
            self.error(key, "is missing")
        return _MISSING

    def number(self, key: str, default: float | None = None, *, positive: bool = False,
               minimum: float | None = None, maximum: float | None = None) -> float | None:
        value = self._take(key, default is None)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, f"must be a number, not {value!r}")
            return default
        value = float(value)
        if positive and not value > 0:
            self.error(key, f"must be greater than 0, not {value:g}")
        elif minimum is not None and value < minimum:
            self.error(key, f"must be at least {minimum:g}, not {value:g}")
        elif maximum is not None and value > maximum:
            self.error(key, f"must be at most {maximum:g}, not {value:g}")
        else:
            return value
        return default

    def numbers(self, key: str, count: int, *, positive: bool = True) -> tuple[float, ...] | None:
        """A number used `count` times, or a list of exactly `count` numbers."""
        value = self._take(key, True)
        if value is _MISSING:
            return None
        values = value if isinstance(value, list) else [value] * count
        if len(values) != count:
            self.error(key, f"must give one number or a list of {count} (one per cycle), "
                            f"not {len(values)}")
            return None
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            self.error(key, f"must be a number or a list of numbers, not {value!r}")
            return None
        if positive and not all(v > 0 for v in values):
            self.error(key, f"must be greater than 0, not {value!r}")
            return None
        return tuple(float(v) for v in values)

    def words(self, key: str, count: int, choices: tuple[str, ...]) -> tuple[str, ...] | None:
        """A word used `count` times, or a list of exactly `count` words, each from choices."""
        value = self._take(key, True)
        if value is _MISSING:
            return None
        values = value if isinstance(value, list) else [value] * count
        if len(values) != count or not all(v in choices for v in values):
            self.error(key, f"must be one of {', '.join(repr(c) for c in choices)}, or a list "
                            f"of {count} of them (one per cycle), not {value!r}")
            return None
        return tuple(values)

    def flag(self, key: str, default: bool) -> bool:
        value = self._take(key, False)
        value = default if value is _MISSING else value
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, not {value!r}")
            return default
        return value

    def text(self, key: str, default: str | None = None,
             choices: tuple[str, ...] | None = None) -> str | None:
        value = self._take(key, default is None)
        if value is _MISSING:
            return default
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"must be non-empty text, not {value!r}")
            return default
        if choices and value not in choices:
            self.error(key, f"must be one of {', '.join(repr(c) for c in choices)}, "
                            f"not {value!r}")
            return default
        return value

    def table_of(self, key: str, required: bool = True) -> dict | None:
        value = self._take(key, required)
        return None if value is _MISSING else value

    def points(self, key: str) -> list[tuple[float, float]] | None:
        value = self._take(key, True)
        if value is _MISSING:
            return None
        ok = isinstance(value, list) and value and all(
            isinstance(p, list) and len(p) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in p)
            for p in value)
        if not ok:
            self.error(key, f"must be a list of [x, y] positions in mm, not {value!r}")
            return None
        return [(float(x), float(y)) for x, y in value]

    def finish(self, *, allow: tuple[str, ...] = ()) -> None:
        for key in self.data:
            if key not in self.used and key not in allow:
                known = ", ".join(sorted(self.used)) or "none"
                self.error(key, f"is not a known field here (known: {known})")
