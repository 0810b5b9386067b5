"""The kiosk's idle clock: when to ask "Are you still there?" and when to start again."""

from cryoviewer.kiosk.idle import ACTIVE, OVER, WARNING, IdleClock


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def make(idle=90, warning=15, watching=300):
    clock = Clock()
    return IdleClock(idle, warning, watching, clock), clock


def test_quiet_time_leads_to_a_warning_then_the_end():
    idle, clock = make()
    clock.now += 89.9
    assert idle.state() == ACTIVE
    clock.now += 0.2
    assert idle.state() == WARNING
    assert 14 < idle.seconds_left() <= 15
    clock.now += 15
    assert idle.state() == OVER


def test_a_touch_starts_the_count_again():
    idle, clock = make()
    clock.now += 100
    assert idle.state() == WARNING
    idle.touched()
    assert idle.state() == ACTIVE
    assert idle.next_change_s() == 90


def test_a_playing_animation_holds_the_warning_back_but_not_for_ever():
    idle, clock = make()
    idle.watching(True)
    clock.now += 200
    assert idle.state() == ACTIVE  # watching, not gone
    clock.now += 100
    assert idle.state() == WARNING  # 300 s after the last touch, even while it plays
    clock.now += 15
    assert idle.state() == OVER


def test_when_the_animation_stops_the_idle_count_starts_from_then():
    idle, clock = make()
    idle.watching(True)
    clock.now += 120
    idle.watching(False)
    clock.now += 89
    assert idle.state() == ACTIVE
    clock.now += 2
    assert idle.state() == WARNING


def test_watching_is_never_shorter_than_idle():
    idle, clock = make(idle=120, watching=60)
    idle.watching(True)
    clock.now += 100
    assert idle.state() == ACTIVE
