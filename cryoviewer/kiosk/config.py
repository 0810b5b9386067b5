"""The kiosk's configuration file, read so that nothing in it can stop the kiosk.

A clinic's administrator edits this file by hand, and the kiosk must start anyway: whatever the
file holds, `load_kiosk_config` returns a usable configuration and a list of Problems, each
naming the line and the setting ("[kiosk] idle_seconds"), what is allowed and what is used
instead. A bad setting costs only that setting (or that entry of a list); the rest is used.
No Qt here: the shell maps the result onto the session and the screen.
"""

from __future__ import annotations

import difflib
import re
import stat
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any, Callable, Iterable

from ..content.section_file import ID_PATTERN
from ..files import Problem, read_toml, toml_line
from ..session import TEXT_SIZES, THEMES, checked
from .pin import valid_hash
from .schedule import ALWAYS, DAY_NAMES, Schedule

DEFAULT_ATTRACT = {"en": "Touch the screen to learn about cryosurgery",
                   "fr": "Touchez l’écran pour découvrir la cryochirurgie"}
MAX_ATTRACT, MAX_CLINIC = 120, 80  # characters: one line on the attract screen / the top bar
MAX_PRINTER = 127  # characters: the longest printer name the print systems take
NO_FILE = Path("(no kiosk configuration file)")  # where problems point when no file was given
MAX_PROBLEMS = 50  # then a count: a file of 20,000 mistakes is still read in a moment
LAYOUT = {  # table -> its keys; [attract] takes one key per language code
    "kiosk": ("idle_seconds", "warning_seconds", "watching_seconds", "theme", "text_size",
              "treatments", "sections", "content", "log_folder", "admin_pin_hash", "printer"),
    "language": ("default", "offered"),
    "attract": (),
    "clinic": ("name", "phone"),
    "schedule": ("days", "opens", "closes"),
}
_NO_PIN = ("[kiosk] admin_pin_hash is not set, so the hidden admin exit is disabled; to make "
           "one, run `cryoviewer --make-pin-hash` and paste the line it prints into [kiosk]")
_TABLE_OF = {key: table for table, keys in LAYOUT.items() for key in keys}
_LANGUAGE = re.compile(r"[a-z]{2}\Z")
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])\Z|24:00\Z")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}\Z")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class KioskConfig:
    """What a kiosk does, as the clinic chose it; every field has a safe default."""

    idle_s: int = 90          # no touch for this long: "Are you still there?"
    warning_s: int = 15       # ... then this long to answer before the visit is reset
    watching_s: int = 300     # the longest a playing animation keeps a visit alive untouched
    attract: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ATTRACT))
    language: str = "en"
    languages: tuple[str, ...] = ("en",)
    theme: str = "default"
    text_size: int = 100
    treatments: tuple[str, ...] | None = None  # None: all
    sections: tuple[str, ...] | None = None    # None: all
    content: Path | None = None                # None: the built-in content
    clinic_name: str = ""
    clinic_phone: str = ""
    schedule: Schedule = ALWAYS
    admin_pin_hash: str | None = None          # None: the hidden admin exit is disabled
    log_folder: Path | None = None             # None: the standard place for logs
    printer: str | None = None                 # None: no "Print" button
    source: Path | None = None                 # the file this was read from


def load_kiosk_config(path: Path | None, treatments: set[str] | None = None
                      ) -> tuple[KioskConfig, list[Problem]]:
    """The configuration in `path` (None: the defaults) and what is wrong with it. Never raises.

    `treatments`, if given, is the set of known treatment ids: others listed in the file are
    left out with a problem each.
    """
    problems: list[Problem] = []
    if path is None:
        return KioskConfig(), [Problem(NO_FILE, None, _NO_PIN, "warning")]
    path = Path(path)
    loaded = _read(path, problems)
    if loaded is None:
        problems[:] = [replace(p, message=f"{p.message}; the kiosk uses its built-in settings")
                       for p in problems]
    data, text = loaded or ({}, "")
    return _Reader(path, text, problems).config(data, treatments), problems


def check_sections(config: KioskConfig, known: list[str]) -> tuple[KioskConfig, list[Problem]]:
    """`config` without the sections the content pack does not have (the pack is loaded after
    the configuration, so this is a second step), and a problem for each one left out."""
    if config.sections is None:
        return config, []
    problems: list[Problem] = []
    loaded = _read(config.source, []) if config.source else None
    reader = _Reader(config.source or NO_FILE, loaded[1] if loaded else "", problems)
    kept = reader.entries("kiosk", "sections", list(config.sections),
                          _known(set(known), "section of the content"))
    if not kept:
        reader.error("kiosk", "sections", "lists no section of the content", "all sections")
    reader.finish()
    return replace(config, sections=tuple(kept) or None), problems


def _read(path: Path, problems: list[Problem]) -> tuple[dict, str] | None:
    """The file's data and text, or None after a problem. Checks that it is a regular file
    first: reading a pipe (FIFO) would wait for ever, a device would never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        problems.append(Problem(path, None, "file not found"))
        return None
    except (OSError, ValueError) as exc:  # permission, name too long, a NUL in the name...
        reason = getattr(exc, "strerror", None) or exc
        problems.append(Problem(path, None, f"cannot be read: {reason}"))
        return None
    if stat.S_ISDIR(mode):
        problems.append(Problem(path, None, "is a folder, not a file"))
        return None
    if not stat.S_ISREG(mode):
        problems.append(Problem(path, None, "is not an ordinary file (a pipe or a device?)"))
        return None
    try:
        return read_toml(path, problems)
    except RecursionError:  # tomllib recurses once per level of [[[...]]] or {a={...}}
        problems.append(Problem(path, None, "not valid TOML: values are nested too deeply"))
    except ValueError as exc:  # tomllib lets int()'s own errors through (a 5,000-digit number)
        problems.append(Problem(path, None, f"not valid TOML: {exc}"))
    return None


def _shown(value: Any) -> str:
    """A value as a message shows it: short, whatever it is."""
    if isinstance(value, bool):
        return str(value).lower()  # as the file has it
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _name(key: str) -> str:
    return key if _PLAIN_KEY.match(key) else _shown(key)


# Checks: each returns the value to use or raises ValueError saying what is allowed.

def _whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if type(value) is int and low <= value <= high:  # not bool, not 90.0, not nan
            return value
        raise ValueError(f"must be a whole number of seconds from {low} to {high}, "
                         f"not {_shown(value)}")
    return check


def _one_of(name: str, allowed: Iterable) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        try:
            return checked(name, value)
        except (TypeError, ValueError):
            raise ValueError(f"must be one of {', '.join(map(str, allowed))}, "
                             f"not {_shown(value)}") from None
    return check


def _text(limit: int, required: bool = False) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"must be text in quotes, not {_shown(value)}")
        text = " ".join(value.split())  # one line: a line break in the file is a space
        if required and not text:
            raise ValueError("must not be empty")
        if len(text) > limit:
            raise ValueError(f"must be at most {limit} characters, not {len(text)}")
        return text
    return check


def _language(value: Any) -> str:
    if isinstance(value, str) and _LANGUAGE.match(value):
        return value
    raise ValueError(f"must be a two-letter language code in small letters, such as \"en\" or "
                     f"\"fr\", not {_shown(value)}")


def _day(value: Any) -> int:
    name = value.lower() if isinstance(value, str) else None
    if name in DAY_NAMES or name in _FULL_DAYS:
        return DAY_NAMES.index(name[:3])
    raise ValueError(f"{_shown(value)} is not a day (write {', '.join(DAY_NAMES)})")


def _clock_time(value: Any) -> time:
    if isinstance(value, time):  # a TOML time written without quotes: 08:00:00
        return value.replace(tzinfo=None)
    found = _TIME.match(value) if isinstance(value, str) else None
    if not found:
        raise ValueError(f"must be a time of day such as \"08:00\" or \"18:30\" (24-hour clock), "
                         f"not {_shown(value)}")
    return time(0, 0) if value == "24:00" else time(int(found[1]), int(found[2]))


def _folder(base: Path, must_exist: bool) -> Callable[[Any], Path]:
    """A folder named in the file; a relative one is inside the configuration file's folder."""
    def check(value: Any) -> Path:
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            raise ValueError(f"must be a folder's path in quotes, not {_shown(value)}")
        try:
            folder = base / Path(value.strip()).expanduser()
            folder = folder.absolute()
            if not folder.is_dir() and (must_exist or folder.exists()):
                raise ValueError(f"must name a folder, but {str(folder)!r} "
                                 f"{'is a file' if folder.exists() else 'does not exist'}")
        except (OSError, RuntimeError) as exc:  # no home folder; no permission; a deleted cwd
            raise ValueError(f"cannot be used ({exc})") from None
        return folder
    return check


def _pin_hash(value: Any) -> str:
    if isinstance(value, str) and valid_hash(value):
        return value
    raise ValueError("is not a PIN hash made by `cryoviewer --make-pin-hash` (it reads "
                     "\"scrypt$16384$8$1$...\"), so the hidden admin exit is disabled")


def _treatment_id(value: Any) -> str:
    if isinstance(value, str) and ID_PATTERN.match(value):
        return value
    raise ValueError(f"{_shown(value)} is not a treatment name (small letters, digits and "
                     "hyphens)")


def _section_id(value: Any) -> str:
    if isinstance(value, str) and ID_PATTERN.match(value):
        return value
    raise ValueError(f"{_shown(value)} is not a section name (small letters, digits and "
                     "hyphens)")


class _Unknown(ValueError):
    """A name that is not among the known ones. The nearest is looked for only if the message
    is shown: a file may list 20,000 wrong names, and only the first few are reported."""

    def __init__(self, value: Any, names: set[str], what: str):
        super().__init__(value, names, what)

    def __str__(self) -> str:
        value, names, what = self.args
        near = difflib.get_close_matches(value, sorted(names), n=1) \
            if isinstance(value, str) else []
        hint = f"did you mean {near[0]!r}? " if near else ""
        return f"{_shown(value)} is not a {what} ({hint}known: {', '.join(sorted(names))})"


def _known(names: set[str], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if isinstance(value, str) and value in names:
            return value
        raise _Unknown(value, names, what)
    return check


def _both(first: Callable, second: Callable) -> Callable:
    return lambda value: second(first(value))


class _Reader:
    """One file's settings, turned into a KioskConfig; every problem found on the way is added
    to `problems` with its line."""

    def __init__(self, path: Path, text: str, problems: list[Problem]):
        self.path, self.text, self.problems = path, text, problems
        self.tables: dict[str, dict] = {table: {} for table in LAYOUT}
        self.count = 0  # problems found, including those past MAX_PROBLEMS

    def line(self, table: str, key: str = "", item: Any = None) -> int | None:
        """The line of `key` in `table` (or of `item`, a string in its list, or of the table
        itself when the key cannot be found): a best guess, for messages only."""
        found = toml_line(self.text, key, table) if key else None
        found = (found or (key and toml_line(self.text, "", f"{table}.{key}"))
                 or (table and toml_line(self.text, "", table)) or None)
        if found and isinstance(item, str) and item:
            start = 0
            for _ in range(found - 1):
                start = self.text.index("\n", start) + 1
            places = [p for p in (self.text.find(q + item + q, start) for q in "\"'") if p >= 0]
            found = self.text.count("\n", 0, min(places)) + 1 if places else found
        return found

    def add(self, line: Callable[[], int | None], message: str | Callable[[], str],
            severity: str = "error") -> None:
        """Add a problem; past MAX_PROBLEMS only count it (its line and message are not even
        worked out), so that a file holding thousands of mistakes is still read in a moment."""
        if self.count < MAX_PROBLEMS:
            text = message if isinstance(message, str) else message()
            self.problems.append(Problem(self.path, line(), text, severity))
        self.count += 1

    def error(self, table: str, key: str, message: str, used: str | None = None,
              item: Any = None) -> None:
        """A value that cannot be used: what is allowed, and what is used instead."""
        instead = f"; using {used} instead" if used else ""
        self.add(lambda: self.line(table, key, item), f"[{table}] {_name(key)} {message}{instead}")

    def warn(self, table: str, key: str, message: str | Callable[[], str]) -> None:
        """Something ignored that the kiosk can do without."""
        self.add(lambda: self.line(table, key), message, "warning")

    def finish(self) -> None:
        """Problems in the order of the file, and how many more were not listed."""
        self.problems.sort(key=lambda problem: problem.line or 0)
        if self.count > MAX_PROBLEMS:
            self.problems.append(Problem(self.path, None, f"... and {self.count - MAX_PROBLEMS} "
                                                          "more problems like these"))

    def take(self, table: str, key: str, check: Callable[[Any], Any], default: Any,
             used: str | None = None) -> Any:
        """The checked value of `[table] key`, or the default after a problem (or if absent)."""
        if key not in self.tables[table]:
            return default
        try:
            return check(self.tables[table][key])
        except (TypeError, ValueError) as exc:
            self.error(table, key, str(exc), used or _shown(default))
            return default

    def entries(self, table: str, key: str, value: list, check: Callable[[Any], Any]) -> list:
        """The good entries of a list, without repeats; a problem for each bad one."""
        kept = []
        for entry in value:
            try:
                good = check(entry)
            except (TypeError, ValueError) as exc:
                self.add(lambda: self.line(table, key, entry),
                         lambda: f"[{table}] {key}: {exc}; it is left out")
                continue
            if good not in kept:
                kept.append(good)
        return kept

    def items(self, table: str, key: str, check: Callable[[Any], Any], default: Any,
              used: str) -> Any:
        """`[table] key` as a list of checked entries; the default if absent, not a list, or
        left with no good entry."""
        if key not in self.tables[table]:
            return default
        value = self.tables[table][key]
        if not isinstance(value, list):
            self.error(table, key, f"must be a list in square brackets, such as [\"a\", \"b\"], "
                                   f"not {_shown(value)}", used)
            return default
        kept = self.entries(table, key, value, check)
        if not kept:
            self.error(table, key, "lists nothing usable", used)
            return default
        return kept

    def sort_tables(self, data: dict) -> None:
        """Keep the known tables; a warning for anything else, with the nearest known name."""
        for name, value in data.items():
            if name in LAYOUT and isinstance(value, dict):
                self.tables[name] = value
            elif name in LAYOUT:
                self.add(lambda: toml_line(self.text, name) or toml_line(self.text, "", name),
                         f"[{name}] must be a table (a line [{name}] followed by its settings), "
                         f"not {_shown(value)}; its settings are left at their defaults")
            elif isinstance(value, dict):
                near = difflib.get_close_matches(name, list(LAYOUT), n=1)
                hint = (f"did you mean [{near[0]}]?" if near else
                        "the tables are " + ", ".join(f"[{table}]" for table in LAYOUT))
                self.warn(name, "", f"[{_name(name)}] is not a known table, so it is ignored "
                                    f"({hint})")
            else:
                self.warn("", name, lambda: f"{_name(name)} is outside any table, so it is "
                                            f"ignored ({_hint(name, '')})")
        for table, keys in LAYOUT.items():
            for key in self.tables[table]:
                if keys and key not in keys:
                    self.warn(table, key, lambda: f"[{table}] {_name(key)} is not a known "
                                                  f"setting, so it is ignored "
                                                  f"({_hint(key, table)})")

    def config(self, data: dict, treatments: set[str] | None) -> KioskConfig:
        self.sort_tables(data)
        base, take, items = self.path.parent, self.take, self.items
        idle = take("kiosk", "idle_seconds", _whole(15, 3600), 90)
        warning = take("kiosk", "warning_seconds", _whole(5, 120), 15)
        watching = take("kiosk", "watching_seconds", _whole(15, 3600), max(idle, 300))
        if watching < idle:
            self.error("kiosk", "watching_seconds", f"must be at least idle_seconds ({idle})",
                       str(idle))
            watching = idle
        treatment = _treatment_id
        if treatments is not None:
            treatment = _both(_treatment_id, _known(treatments, "treatment of this kiosk"))
        chosen = items("kiosk", "treatments", treatment, None, "all treatments")
        sections = items("kiosk", "sections", _section_id, None, "all sections")
        language = take("language", "default", _language, "en")
        offered = items("language", "offered", _language, ["en"], "[\"en\"]")
        if language not in offered:
            self.error("language", "default", f"{language!r} is not among the offered "
                                              "languages, so it is added first to them")
            offered.insert(0, language)
        attract = self.attract(offered)
        pin = take("kiosk", "admin_pin_hash", _pin_hash, None, "no PIN")
        if "admin_pin_hash" not in self.tables["kiosk"]:
            self.warn("kiosk", "", _NO_PIN)
        schedule = Schedule(frozenset(items("schedule", "days", _day, range(7), "every day")),
                            take("schedule", "opens", _clock_time, time(0, 0), "\"00:00\""),
                            take("schedule", "closes", _clock_time, time(0, 0), "\"00:00\""))
        config = KioskConfig(
            idle_s=idle, warning_s=warning, watching_s=watching, attract=attract,
            language=language, languages=tuple(offered),
            theme=take("kiosk", "theme", _one_of("theme", THEMES), "default"),
            text_size=take("kiosk", "text_size", _one_of("text_size", TEXT_SIZES), 100),
            treatments=tuple(chosen) if chosen else None,
            sections=tuple(sections) if sections else None,
            content=take("kiosk", "content", _folder(base, True), None, "the built-in content"),
            clinic_name=take("clinic", "name", _text(MAX_CLINIC), "", "no name"),
            clinic_phone=take("clinic", "phone", _text(MAX_CLINIC), "", "no phone number"),
            schedule=schedule, admin_pin_hash=pin,
            log_folder=take("kiosk", "log_folder", _folder(base, False), None,
                            "the standard log folder"),
            printer=take("kiosk", "printer", _text(MAX_PRINTER, required=True), None,
                         "no printer (the Print button is not shown)"),
            source=self.path)
        self.finish()
        return config

    def attract(self, offered: list[str]) -> dict[str, str]:
        """The built-in invitations, with the file's own in their place; a warning for an
        offered language that has none."""
        texts = dict(DEFAULT_ATTRACT)
        for code in self.tables["attract"]:
            if not _LANGUAGE.match(code):
                self.warn("attract", code, f"[attract] {_name(code)} is not a two-letter "
                                           "language code such as en or fr, so it is ignored")
                continue
            built_in = f"the built-in text {texts[code]!r}" if code in texts else "no text"
            text = self.take("attract", code, _text(MAX_ATTRACT, required=True), None, built_in)
            if text is not None:
                texts[code] = text
        for code in offered:
            if code not in texts:
                self.warn("attract", "", f"[attract] has no text for {code!r}, which [language] "
                                         f"offers; add a line: {code} = \"...\"")
        return texts


def _hint(key: str, table: str) -> str:
    """The nearest known setting: a table of that name, the same name in another table, a
    near name in this table or another, a name that starts with the same word."""
    if key in LAYOUT:
        return f"[{key}] is a table of its own: put its settings below a line [{key}]"
    if key in _TABLE_OF:
        return f"it belongs in [{_TABLE_OF[key]}]"
    here = LAYOUT.get(table, ())
    near = difflib.get_close_matches(key, here, n=1)
    if near:
        return f"did you mean {near[0]}?"
    near = difflib.get_close_matches(key, list(_TABLE_OF), n=1)
    if near:
        return f"did you mean {near[0]} in [{_TABLE_OF[near[0]]}]?"
    near = [name for name in here if name.split("_")[0] == key.split("_")[0]]
    if near:
        return f"did you mean {near[0]}?"
    return ("known settings here: " + ", ".join(here) if here else
            "see resources/kiosk/example.toml for the settings")
