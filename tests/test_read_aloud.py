"""Reading aloud in the window, with no sound card: a pretend sound output that plays only as far
as the test says, and (where the engine is not the subject) a pretend voice. The control's
states, the word marked as the voice goes, what stops it, and a plain sentence for each reason
it cannot work."""

import importlib.util
import threading

import pytest
from PySide6.QtCore import Qt

from cryoviewer.speech import Speech, SpeechUnavailable, Word, engine
from cryoviewer.speech.player import FINISHED, PAUSED, PLAYING, Player
from cryoviewer.speech.spoken import WORD
from cryoviewer.ui import read_aloud
from cryoviewer.ui.palette import palette

needs_engine = pytest.mark.skipif(importlib.util.find_spec("espeakng_loader") is None,
                                  reason="espeakng-loader has no wheel for this platform")
RATE = 1000        # pretend samples a second: small and exact
WORD_S = 0.5       # each pretend word lasts this long


class PretendOutput:
    """A sound output that takes every sample at once and has played what `play_to` says."""

    opened: list["PretendOutput"] = []

    def __init__(self, rate_hz):
        self.rate_hz, self.written, self.heard, self.drops, self.closed = rate_hz, 0, 0, 0, False
        self.lock = threading.Lock()
        PretendOutput.opened.append(self)

    def write(self, samples):
        with self.lock:
            self.written += len(samples) // 2
        return len(samples) // 2

    def queued_frames(self):
        with self.lock:
            return self.written - self.heard

    def drop(self):
        with self.lock:
            self.written, self.drops = self.heard, self.drops + 1

    def close(self):
        self.closed = True

    def play(self, seconds):
        """Plays `seconds` more of what was written."""
        with self.lock:
            self.heard = min(self.written, self.heard + round(seconds * self.rate_hz))


def pretend_voice(text, language, rate=1.0):
    """Every word of the text, WORD_S / rate long, in silence."""
    words = tuple(Word(m.start(), m.end(), i * WORD_S / rate)
                  for i, m in enumerate(WORD.finditer(text)))
    return Speech(text, bytes(2 * round(len(words) * WORD_S / rate * RATE)), RATE, words)


def no_device(rate_hz):
    raise SpeechUnavailable("No sound output", "device")


@pytest.fixture
def speaking_window(make_window, qtbot):
    """A window whose voice is pretend and whose sound output is driven by the test."""
    PretendOutput.opened = []

    def make(voice=pretend_voice, output=PretendOutput, **options):
        window = make_window(**options)
        window.read_aloud.make = voice
        window.read_aloud.player.open_output = output
        return window

    yield make


def output(qtbot):
    qtbot.waitUntil(lambda: bool(PretendOutput.opened) and PretendOutput.opened[-1].written > 0)
    return PretendOutput.opened[-1]


def marked(window):
    return window.reader.document().toPlainText()[slice(*window.reader.spoken)] \
        if window.reader.spoken else None


def test_the_control_reads_pauses_goes_on_and_stops(speaking_window, qtbot):
    window = speaking_window()
    window.show_section("bleeding")
    voice = window.read_aloud
    assert voice.read_button.text() == "Read aloud" and voice.stop_button.isHidden()
    assert not voice.timer.isActive()  # nothing ticks while idle
    qtbot.mouseClick(voice.read_button, Qt.MouseButton.LeftButton)
    sink = output(qtbot)
    qtbot.waitUntil(lambda: voice.state == PLAYING)
    assert voice.read_button.text() == "Pause" and voice.stop_button.isVisible()
    assert voice.timer.isActive()
    voice.read_button.click()  # (a second tap this soon would be taken for a double tap)
    assert voice.state == PAUSED and voice.player.state == PAUSED
    assert voice.read_button.text() == "Go on" and not voice.timer.isActive()
    qtbot.waitUntil(lambda: sink.drops == 1)  # silence at once: what was queued is dropped
    voice.read_button.click()
    assert voice.state == PLAYING
    voice.stop_button.setFocus()
    qtbot.keyClick(voice.stop_button, Qt.Key.Key_Return)  # from the keyboard
    qtbot.waitUntil(lambda: voice.state == "idle")
    assert voice.player.state == "idle" and sink.closed
    assert voice.read_button.hasFocus()  # the focus does not vanish with the Stop button
    assert window.reader.spoken is None and voice.stop_button.isHidden()
    assert voice.read_button.text() == "Read aloud"


def test_the_word_heard_is_marked_and_the_mark_moves_on(speaking_window, qtbot):
    window = speaking_window()
    window.show_section("inside-the-body")
    text = window.reader.document().toPlainText()
    shown = [m.group() for m in WORD.finditer(text)]
    title_words = len(WORD.findall(window.pack.sections[window.current].title))
    window.read_aloud.toggle()
    sink = output(qtbot)
    sink.play(WORD_S * title_words + 0.01)  # the title is read first (it is not in the text)
    qtbot.waitUntil(lambda: window.reader.spoken is not None)
    assert marked(window) == shown[0]
    seen = [window.reader.spoken]
    for _ in range(5):
        sink.play(WORD_S)
        qtbot.waitUntil(lambda: window.reader.spoken != seen[-1])
        seen.append(window.reader.spoken)
    assert [text[a:b] for a, b in seen] == shown[:6]
    assert [a for a, _ in seen] == sorted(a for a, _ in seen)
    selection = window.reader.extraSelections()[-1]
    assert selection.format.background().color().name() == palette("default").spoken
    assert selection.format.fontUnderline()  # not by colour alone


def test_the_reader_scrolls_to_keep_the_word_in_view(speaking_window, qtbot):
    window = speaking_window(size=(1024, 768))
    window.show_section("inside-the-body")
    bar = window.reader.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    window.read_aloud.toggle()
    sink = output(qtbot)
    sink.play(len(window.read_aloud._times) * WORD_S - 0.1)  # the last word
    qtbot.waitUntil(lambda: bar.value() > 0)
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(reader.spoken[0])
    assert 0 <= reader.cursorRect(cursor).top() < reader.viewport().height()


def test_the_end_of_the_text_stops_by_itself(speaking_window, qtbot):
    window = speaking_window()
    window.read_aloud.toggle()
    sink = output(qtbot)
    sink.play(1000)
    qtbot.waitUntil(lambda: window.read_aloud.state == "idle")
    assert window.reader.spoken is None and not window.read_aloud.timer.isActive()


@pytest.mark.parametrize("key, modifiers", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                            (Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)])
def test_escape_or_ctrl_stops_speech(speaking_window, qtbot, key, modifiers):
    window = speaking_window()
    qtbot.keyClick(window.centralWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.read_aloud.state == PLAYING)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, key, modifiers)
    assert window.read_aloud.state == "idle"


def test_alt_a_reads_pauses_and_goes_on_and_is_in_the_help(speaking_window, qtbot):
    window = speaking_window()
    voice = window.read_aloud
    for expected in (PLAYING, PAUSED, PLAYING):
        qtbot.keyClick(window.centralWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: voice.state == expected)
    keys = [k for _, rows in window.keys.groups() for k, _ in rows]
    assert "Alt+A" in keys and "Escape  or  Ctrl" in keys


def test_changing_section_stops_speech(speaking_window, qtbot):
    window = speaking_window()
    window.read_aloud.toggle()
    qtbot.waitUntil(lambda: window.read_aloud.state == PLAYING)
    window.next()
    assert window.read_aloud.state == "idle" and window.read_aloud.player.state == "idle"


def test_changing_language_stops_speech(speaking_window, qtbot):
    from cryoviewer.app import language_switch

    window = speaking_window()
    switch = language_switch(window.session, window, None)
    window.read_aloud.toggle()
    qtbot.waitUntil(lambda: window.read_aloud.state == PLAYING)
    window.next_language()
    assert window.read_aloud.state == "idle" and window.read_aloud.player.state == "idle"
    assert switch.window is not window
    switch.window.close()


def test_closing_the_window_stops_speech(speaking_window, qtbot):
    window = speaking_window()
    window.read_aloud.toggle()
    qtbot.waitUntil(lambda: window.read_aloud.state == PLAYING)
    window.close()
    assert window.read_aloud.player.state == "idle" and PretendOutput.opened[-1].closed


def test_the_slower_speed_goes_on_at_the_same_word(speaking_window, qtbot):
    window = speaking_window()
    window.show_section("bleeding")
    voice = window.read_aloud
    voice.toggle()
    output(qtbot).play(WORD_S * 4 + 0.01)
    qtbot.waitUntil(lambda: voice._word == 4)
    voice.slower_button.click()
    qtbot.waitUntil(lambda: len(PretendOutput.opened) == 2 and voice.state == PLAYING)
    assert voice.player.position_s == pytest.approx(4 * WORD_S / read_aloud.SPEEDS[True],
                                                    abs=1 / RATE)
    assert voice.player._speech.duration_s > 1.3 * pretend_voice(
        voice._reading[0].text, "en").duration_s


def test_the_caption_is_read_and_then_the_button_reads_the_section(speaking_window, qtbot):
    window = speaking_window()
    heard = []
    window.read_aloud.make = lambda text, language, rate=1.0: heard.append(text) or \
        pretend_voice(text, language, rate)
    window.diagram.caption_voice.click()
    qtbot.waitUntil(lambda: window.read_aloud.state == PLAYING)
    assert heard[-1].rstrip(".") == window.diagram.caption.text().rstrip(".")
    window.read_aloud.stop()
    window.read_aloud.toggle()
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard[-1].startswith(window.pack.sections[window.current].title)


@pytest.mark.parametrize("failure, words", [
    ("device", "no sound output"),
    ("engine", "Reading aloud is not installed"),
    ("voice", "no voice for this language"),
])
def test_each_reason_it_cannot_read_is_said_plainly(speaking_window, qtbot, monkeypatch,
                                                    failure, words):
    window = speaking_window(output=no_device if failure == "device" else PretendOutput)
    if failure == "engine":
        monkeypatch.setattr(engine, "_engine", None)
        monkeypatch.setitem(__import__("sys").modules, "espeakng_loader", None)
        window.read_aloud.make = engine.synthesize
    elif failure == "voice":
        monkeypatch.setitem(engine.LANGUAGES, "en", "no-such-voice")
        window.read_aloud.make = engine.synthesize
        if importlib.util.find_spec("espeakng_loader") is None:
            pytest.skip("espeakng-loader has no wheel for this platform")
    voice = window.read_aloud
    voice.read_button.click()
    qtbot.waitUntil(lambda: voice.message.isVisible())
    assert words in voice.message.text() and "Traceback" not in voice.message.text()
    assert voice.state == "idle" and voice.read_button.isEnabled()
    assert words in voice.read_button.accessibleDescription()


def test_every_control_is_named_reachable_and_large_enough(speaking_window, qtbot):
    from PySide6.QtGui import QAccessible

    window = speaking_window()
    voice = window.read_aloud
    voice.toggle()
    qtbot.waitUntil(lambda: voice.state == PLAYING)
    for button in (voice.read_button, voice.stop_button, voice.slower_button,
                   window.diagram.caption_voice):
        interface = QAccessible.queryAccessibleInterface(button)
        assert interface.text(QAccessible.Text.Name), button
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.height() >= 48 and button.width() >= 48, button.accessibleName()
    chain, widget = [], window.read_aloud.read_button
    for _ in range(3):
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain[1:] == [voice.stop_button, voice.slower_button]


@needs_engine
@pytest.mark.parametrize("language, section_id", [("en", "freeze-thaw-cycles"),
                                                  ("fr", "freeze-thaw-cycles")])
def test_real_voice_marks_the_words_of_the_text_in_order(make_window, qtbot, language,
                                                        section_id):
    from cryoviewer.app import language_content
    from cryoviewer.content import load_pack

    PretendOutput.opened = []
    window = make_window(pack=load_pack(language_content(language)))
    window.read_aloud.player.open_output = PretendOutput
    window.show_section(section_id)
    window.read_aloud.toggle()
    sink = output(qtbot)
    speech = window.read_aloud._speech
    shown = window.reader.document().toPlainText()
    places = [p for p in window.read_aloud._places if p is not None]
    assert len(places) >= 0.9 * len(WORD.findall(shown))  # nearly every word can be marked
    assert [a for a, _ in places] == sorted(a for a, _ in places)
    for word, place in zip(speech.words, window.read_aloud._places):
        if place is not None:
            assert shown[slice(*place)] == speech.text[word.start:word.end]
    sink.play(speech.duration_s / 2)
    qtbot.waitUntil(lambda: window.reader.spoken is not None)
    assert marked(window) in WORD.findall(shown)


def wait_for(condition, seconds=5.0):
    """For the Qt-free player: its thread acts within a chunk."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the player did not get there"
        time.sleep(0.001)


def test_the_player_goes_on_after_a_pause_from_the_sample_that_was_heard():
    PretendOutput.opened = []
    player = Player(PretendOutput)
    speech = pretend_voice("one two three four five six", "en")   # 3 s
    player.play(speech)
    wait_for(lambda: PretendOutput.opened and PretendOutput.opened[-1].written > 0)
    sink = PretendOutput.opened[-1]
    sink.play(1.2)
    wait_for(lambda: player.position_s == pytest.approx(1.2))
    player.pause()
    wait_for(lambda: sink.drops == 1)
    assert sink.written == sink.heard  # nothing queued is left to sound
    player.resume()
    wait_for(lambda: sink.written > sink.heard)
    assert sink.written - sink.heard == round((speech.duration_s - 1.2) * RATE)  # the rest
    sink.play(10)
    wait_for(lambda: player.state == FINISHED)
    assert player.position_s == pytest.approx(speech.duration_s)
    player.stop()
    assert sink.closed


def test_an_output_that_breaks_is_said_plainly_never_a_traceback(caplog):
    class Broken(PretendOutput):
        def write(self, samples):
            raise OSError("the device went away")

    player = Player(Broken)
    player.play(pretend_voice("one two", "en"))
    wait_for(lambda: player.state == "failed")
    assert player.failure.reason == "device"
    assert "the sound output failed" in caplog.text  # in the log, for staff


def test_the_player_on_alsa_null_writes_everything_and_finishes():
    from cryoviewer.speech.alsa import AlsaOutput

    try:
        AlsaOutput(22050, "null").close()
    except SpeechUnavailable:
        pytest.skip("no ALSA library here")
    player = Player(lambda rate: AlsaOutput(rate, "null"))
    speech = pretend_voice("one two three", "en")
    player.play(speech)
    player._thread.join(5)
    assert player.state == FINISHED and player.position_s == pytest.approx(speech.duration_s)


def test_the_windows_output_lays_out_its_structures_as_winmm_does():
    """Checked here on any platform (the output itself opens only on Windows): the sizes
    mmsystem.h gives WAVEFORMATEX, WAVEHDR and MMTIME on 64-bit Windows."""
    import ctypes

    from cryoviewer.speech import winmm

    assert ctypes.sizeof(winmm._Format) == 18
    assert ctypes.sizeof(winmm._Time) == 12
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert ctypes.sizeof(winmm._Header) == 48
    if not hasattr(ctypes, "WinDLL"):  # not Windows: said plainly, no traceback
        with pytest.raises(SpeechUnavailable, match="no sound output") as failure:
            winmm.WaveOutput(22050)
        assert failure.value.reason == "device"


def test_a_new_speed_while_paused_stays_paused(speaking_window, qtbot):
    window = speaking_window()
    voice = window.read_aloud
    voice.toggle()
    qtbot.waitUntil(lambda: voice.state == PLAYING)
    voice.toggle()
    voice.slower_button.click()
    qtbot.waitUntil(lambda: len(PretendOutput.opened) == 2 and voice.state == PAUSED)
    assert voice.player.state == PAUSED and voice.read_button.text() == "Go on"


def test_an_unexpected_error_in_the_voice_is_said_plainly(speaking_window, qtbot, caplog):
    def broken(text, language, rate=1.0):
        raise ValueError("something inside the engine")

    window = speaking_window(voice=broken)
    window.read_aloud.toggle()
    qtbot.waitUntil(lambda: window.read_aloud.message.isVisible())
    assert "does not work" in window.read_aloud.message.text()
    assert "something inside the engine" in caplog.text  # in the log, for staff
