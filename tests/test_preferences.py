"""Remembered preferences: whatever the file holds, the viewer starts, on the defaults for what
it cannot trust. (The long run: benchmarks/fuzz_settings.py.)"""

from __future__ import annotations

import os

import pytest

from cryoviewer.session import Session, View
from cryoviewer.ui.preferences import MAX_BYTES, SettingsStore, preferences_file

GOOD = "[preferences]\nlook=detailed\ntheme=projector\ntext_size=150\nreduced_motion=true\n"


@pytest.fixture
def store(qapp):
    path = preferences_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def start(path) -> Session:
    return Session(View(), SettingsStore(path))


def test_good_preferences_are_remembered(store):
    store.write_text(GOOD, encoding="utf-8")
    view = start(store).view
    assert (view.look, view.theme, view.text_size, view.reduced_motion) == (
        "detailed", "projector", 150, True)


@pytest.mark.parametrize("line", [
    "text_size=", "text_size=abc", "text_size=1, 2", "text_size=@Invalid()", "look=a, b",
    "theme=@ByteArray(xx)", "text_size=99999999999999999999", "text_size=nan",
    "reduced_motion=perhaps", "look=\u202edetailed", "speed=4", "zoom=2",
])
def test_a_bad_value_costs_that_value_only(store, line, caplog):
    key = line.split("=")[0]
    store.write_text(GOOD.replace(f"{key}=", f"old_{key}=") + line + "\n", encoding="utf-8")
    view = start(store).view
    assert getattr(view, key, None) == getattr(View(), key, None)  # the default for it...
    if key != "look":
        assert view.look == "detailed"  # ...and the rest as kept


def test_a_fifo_in_place_of_the_file_neither_blocks_nor_is_written(store, caplog):
    os.mkfifo(store)
    session = start(store)  # (QSettings would wait for ever on it)
    assert session.view == View()
    session.update(theme="projector")
    assert "not a regular file" in caplog.text


@pytest.mark.parametrize("make", ["folder", "huge", "binary", "loop"])
def test_files_that_are_not_preferences_are_ignored(store, make, caplog):
    if make == "folder":
        store.mkdir()
    elif make == "huge":
        store.write_bytes(b"[preferences]\n" + b"x" * (MAX_BYTES + 1))
    elif make == "binary":
        store.write_bytes(bytes(range(256)) * 10)
    else:
        store.symlink_to(store)
    assert start(store).view == View()


def test_the_window_opens_on_a_damaged_file(store, make_window):
    from cryoviewer.app import make_session

    store.write_bytes(b"[preferences]\ntheme=\xff\xfe\x00\ntext_size=[[[[\n\x00\x00")
    window = make_window(session=make_session(remember=True))
    assert window.isVisible() and window.session.theme == "default"
