"""What one person is looking at, and how: the one place that decides what a visit starts from
and what is remembered.

A shared screen (a kiosk) must start every visit the same, whatever the last person chose; a
personal computer may remember its owner's look, theme, text size and reduced-motion choice. The
Session holds these choices with the section and treatment on screen; widgets observe it, and
`reset()` takes everything back to the defaults at once. No Qt: the store of remembered
preferences is any object with `load() -> dict` and `save(dict)` (the interface passes one backed
by QSettings; a kiosk passes none).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Protocol

from .scenario.playback import SPEEDS

log = logging.getLogger("cryoviewer")

LOOKS = ("patient", "detailed")
LANGUAGES = ("en", "fr")   # interface translations and built-in content packs
THEMES = ("default", "projector", "high-contrast")
TEXT_SIZES = (100, 125, 150, 175, 200)   # per cent of the size chosen for the screen
# A personal computer's preferences (a kiosk remembers nothing).
REMEMBERED = ("look", "theme", "text_size", "reduced_motion", "language")


@dataclass(frozen=True)
class View:
    """Everything a person can choose about what they see."""

    section: str | None = None      # section id; None: the pack's first
    scenario: str | None = None     # treatment shown by the diagram; None: the section's own
    speed: float = 1.0
    look: str = "patient"
    theme: str = "default"
    text_size: int = 100
    reduced_motion: bool = False
    language: str = "en"


def _shown(value: Any) -> str:
    """A value for a message: short, whatever was found."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def checked(name: str, value: Any) -> Any:
    """The value for a field, converted and checked; ValueError says what is allowed."""
    if name == "look" and value in LOOKS:
        return value
    if name == "theme" and value in THEMES:
        return value
    if name == "language" and value in LANGUAGES:
        return value
    if name == "text_size":
        number = int(value) if str(value).strip().isdigit() else None
        if number in TEXT_SIZES:
            return number
        raise ValueError(f"text size must be one of {', '.join(map(str, TEXT_SIZES))} "
                         f"(per cent), not {_shown(value)}")
    if name == "speed" and isinstance(value, (int, float)) and float(value) in SPEEDS:
        return float(value)
    if name == "reduced_motion":
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if isinstance(value, bool):
            return value
    if name in ("section", "scenario") and (value is None or isinstance(value, str)):
        return value
    allowed = {"look": LOOKS, "theme": THEMES, "speed": SPEEDS, "language": LANGUAGES,
               "reduced_motion": (True, False)}.get(name)
    if allowed is None and name not in {f.name for f in fields(View)}:
        raise ValueError(f"there is no setting '{name}'")
    raise ValueError(f"{name.replace('_', ' ')} must be one of "
                     f"{', '.join(map(str, allowed or ()))}, not {_shown(value)}")


class Store(Protocol):
    def load(self) -> dict: ...

    def save(self, values: dict) -> None: ...


Observer = Callable[[frozenset[str]], None]


class Session:
    """The current View, its defaults, observers told of every change, and an optional store.

    With a store (a personal computer), the REMEMBERED fields start from what it holds and each
    change is written back; without one (a kiosk), nothing a visitor chooses is kept.
    """

    def __init__(self, defaults: View = View(), store: Store | None = None,
                 overrides: dict | None = None):
        """`overrides` (from the command line) win over remembered values, for this run only."""
        self.defaults = defaults
        self.store = store
        self._observers: list[Observer] = []
        given = {name: checked(name, value) for name, value in (overrides or {}).items()}
        self.view = replace(defaults, **{**self._remembered(), **given})

    def _remembered(self) -> dict:
        if self.store is None:
            return {}
        values = {}
        try:
            saved = self.store.load()
        except Exception as exc:  # a damaged preferences file must not stop the viewer
            log.warning("Saved preferences could not be read (%s); using the defaults.", exc)
            return {}
        for name in REMEMBERED:
            if name in saved:
                try:
                    values[name] = checked(name, saved[name])
                except (TypeError, ValueError) as exc:
                    log.warning("Saved preference ignored: %s", exc)
        return values

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in View.__dataclass_fields__:
            raise AttributeError(name)
        return getattr(self.view, name)

    def subscribe(self, observer: Observer) -> None:
        """Call observer(names of the fields that changed) after every change."""
        self._observers.append(observer)

    def unsubscribe(self, observer: Observer) -> None:
        """Stop telling `observer` (a window that is replaced)."""
        if observer in self._observers:
            self._observers.remove(observer)

    def update(self, **changes: Any) -> None:
        """Change some fields (checked: ValueError names a bad one); observers hear once."""
        values = {name: checked(name, value) for name, value in changes.items()}
        changed = frozenset(n for n, v in values.items() if getattr(self.view, n) != v)
        if not changed:
            return
        self.view = replace(self.view, **values)
        if self.store is not None and changed & set(REMEMBERED):
            self.store.save({name: getattr(self.view, name) for name in REMEMBERED})
        self._tell(changed)

    def reset(self) -> None:
        """Back to the defaults: the next person starts as the first one did. Observers hear
        every field, so each part of the screen starts over even where a value is unchanged."""
        self.view = self.defaults
        if self.store is not None:
            self.store.save({name: getattr(self.view, name) for name in REMEMBERED})
        self._tell(frozenset(f.name for f in fields(View)) | {"reset"})

    def _tell(self, changed: frozenset[str]) -> None:
        for observer in list(self._observers):
            observer(changed)
