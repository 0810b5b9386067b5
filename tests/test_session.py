"""The session model: one place that decides what a visit starts from and what is kept."""

import pytest

from cryoviewer.session import REMEMBERED, Session, View, checked


class MemoryStore:
    def __init__(self, values=None, broken=False):
        self.values, self.broken, self.saves = dict(values or {}), broken, 0

    def load(self):
        if self.broken:
            raise OSError("unreadable")
        return dict(self.values)

    def save(self, values):
        self.saves += 1
        self.values = dict(values)


def test_observers_hear_each_change_once_and_only_real_changes():
    session, heard = Session(), []
    session.subscribe(heard.append)
    session.update(look="detailed", text_size=150)
    session.update(look="detailed")               # no change: nobody is told
    assert heard == [frozenset({"look", "text_size"})]
    assert session.look == "detailed" and session.text_size == 150


def test_reset_returns_every_field_to_the_defaults_and_tells_everyone():
    defaults = View(theme="projector")
    session, heard = Session(defaults), []
    session.update(section="pain", scenario="skin-spray", look="detailed", theme="default",
                   text_size=200, reduced_motion=True, speed=4.0)
    session.subscribe(heard.append)
    session.reset()
    assert session.view == defaults
    assert "reset" in heard[0] and {"section", "theme", "text_size"} <= heard[0]


def test_bad_values_are_refused_with_what_is_allowed():
    session = Session()
    with pytest.raises(ValueError, match="text size must be one of 100, 125"):
        session.update(text_size=130)
    with pytest.raises(ValueError, match="theme must be one of default, projector"):
        session.update(theme="neon")
    with pytest.raises(ValueError, match="no setting"):
        checked("colour", "red")
    assert session.view == View()


def test_a_kiosk_session_keeps_nothing():
    session = Session(View(), store=None)
    session.update(text_size=200)
    assert Session(View(), store=None).text_size == 100


def test_a_personal_session_remembers_only_preferences():
    store = MemoryStore()
    session = Session(View(), store)
    session.update(look="detailed", section="pain", theme="high-contrast")
    assert set(store.values) == set(REMEMBERED)
    again = Session(View(), store)
    assert (again.look, again.theme) == ("detailed", "high-contrast")
    assert again.section is None                   # where they were reading is not kept


def test_damaged_preferences_cost_a_preference_never_a_start(caplog):
    store = MemoryStore({"text_size": "abc", "look": "a, b", "theme": "projector",
                         "reduced_motion": "true"})
    session = Session(View(), store)
    assert (session.text_size, session.look) == (100, "patient")
    assert (session.theme, session.reduced_motion) == ("projector", True)
    assert "text_size" in caplog.text or "text size" in caplog.text
    assert Session(View(), MemoryStore(broken=True)).view == View()


def test_command_line_choices_win_for_this_run_but_are_not_saved():
    store = MemoryStore({"theme": "projector"})
    session = Session(View(), store, overrides={"theme": "high-contrast", "text_size": "150"})
    assert (session.theme, session.text_size) == ("high-contrast", 150)
    assert store.saves == 0
