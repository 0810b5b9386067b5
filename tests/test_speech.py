"""Reading aloud without a sound card: eSpeak NG's audio and word timings, a section's Markdown
as spoken text mapped back to it, the --read-aloud-to command line, and plain messages when
speech cannot be made."""

import importlib.util
import re
import shutil
import subprocess
import sys
import wave

import pytest
from conftest import ROOT

from cryoviewer.app import language_content
from cryoviewer.content import load_with_fallback
from cryoviewer.speech import (SpeechUnavailable, engine, spoken_markdown, spoken_section,
                               synthesize, write_wav)

# The engine's wheel exists for Linux x86-64, Windows x86-64 and macOS arm64 (pyproject.toml).
needs_engine = pytest.mark.skipif(importlib.util.find_spec("espeakng_loader") is None,
                                  reason="espeakng-loader has no wheel for this platform")
WORD = re.compile(r"\w+(?:[’'.,\-]\w+)*")


def section(language, section_id):
    pack, _ = load_with_fallback(None, language_content(language))
    assert pack.language == language
    return next(s for s in pack.sections if s.id == section_id)


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


@needs_engine
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_section_is_read_into_a_wav_of_plausible_length(tmp_path, language):
    target = tmp_path / f"bleeding-{language}.wav"
    result = run("--section", "bleeding", "--language", language, "--read-aloud-to", str(target))
    assert result.returncode == 0, result.stderr
    with wave.open(str(target)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getframerate() >= 16_000
        duration = wav.getnframes() / wav.getframerate()
    assert f"{duration:.1f} s" in result.stdout
    words = len(WORD.findall(spoken_section(section(language, "bleeding")).text))
    assert 1.5 <= words / duration <= 4, (words, duration)
    if shutil.which("sox"):  # measured by another program as well
        info = subprocess.run(["sox", "--i", "-D", str(target)], capture_output=True,
                              text=True, check=True)
        assert float(info.stdout) == pytest.approx(duration, abs=0.01)
        stat = subprocess.run(["sox", str(target), "-n", "stat"], capture_output=True,
                              text=True, check=True).stderr
        rms = float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat).group(1))
        assert rms > 0.01  # not silence


@needs_engine
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_word_is_marked_in_order_at_its_place_in_the_text(language):
    spoken = spoken_section(section(language, "freeze-thaw-cycles"))
    speech = synthesize(spoken.text, language)
    assert speech.words, "no word events"
    starts = [w.start for w in speech.words]
    times = [w.time_s for w in speech.words]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert times == sorted(times) and times[-1] < speech.duration_s
    text_words = [m.span() for m in WORD.finditer(spoken.text)]
    # Each mark is a whole word of the text; eSpeak joins a few short words to their
    # neighbour ("There are" gives one event), so a few words are marked with the one before.
    assert set((w.start, w.end) for w in speech.words) <= set(text_words)
    assert len(speech.words) >= 0.9 * len(text_words)
    assert speech.words[0].start == text_words[0][0]
    body = section(language, "freeze-thaw-cycles").body
    for word in speech.words:  # each word of the body is found where it is in the Markdown
        span = spoken.source_span(word.start, word.end)
        if span is not None:
            assert body[span[0]:span[1]] == spoken.text[word.start:word.end]


@needs_engine
def test_french_is_spoken_with_the_french_voice():
    english, french = synthesize("bonjour", "en"), synthesize("bonjour", "fr")
    assert english.samples != french.samples
    # French "bonjour" ends in a long [ʒuʁ]; English reads it as two short syllables.
    assert abs(english.duration_s - french.duration_s) > 0.02 or \
        english.samples[:4000] != french.samples[:4000]


@needs_engine
def test_rate_changes_the_speed():
    text = "The ice is left to thaw, then the area is frozen a second time."
    slow, fast = synthesize(text, "en", rate=0.75), synthesize(text, "en", rate=1.5)
    assert slow.duration_s > 1.5 * fast.duration_s


@needs_engine
def test_wav_round_trip(tmp_path):
    speech = synthesize("Hello.", "en")
    write_wav(speech, tmp_path / "hello.wav")
    with wave.open(str(tmp_path / "hello.wav")) as wav:
        assert wav.readframes(wav.getnframes()) == speech.samples


def test_a_language_without_a_voice_says_so_plainly():
    with pytest.raises(SpeechUnavailable, match="no voice to read aloud in this language"):
        synthesize("Guten Tag", "de")


@needs_engine
def test_a_voice_missing_from_the_engine_says_so_plainly(monkeypatch):
    monkeypatch.setitem(engine.LANGUAGES, "xx", "no-such-voice")
    with pytest.raises(SpeechUnavailable, match="no voice to read aloud.*'xx'"):
        synthesize("hello", "xx")
    assert synthesize("hello", "en").samples  # the engine still works afterwards


def test_a_missing_engine_says_so_plainly(monkeypatch):
    monkeypatch.setattr(engine, "_engine", None)
    monkeypatch.setitem(sys.modules, "espeakng_loader", None)  # as if not installed
    with pytest.raises(SpeechUnavailable, match="Reading aloud is not installed"):
        synthesize("hello", "en")


def test_command_line_reports_unavailable_speech_without_a_traceback(tmp_path):
    result = run("--section", "nope", "--language", "fr", "--read-aloud-to",
                 str(tmp_path / "x.wav"))
    assert result.returncode == 1
    assert "There is no section 'nope'" in result.stderr and "Traceback" not in result.stderr
    result = run("--language", "fr", "--read-aloud-to", str(tmp_path / "x.wav"))
    assert result.returncode == 1 and "--section" in result.stderr


def test_markdown_marks_are_not_spoken_and_map_back():
    markdown = ("## Après le traitement\nUne **boule de glace** se forme. Lisez [pourquoi](#why)"
                " ![sonde](images/probe.png)\n\n- le froid\n- la *douleur*\n")
    spoken = spoken_markdown(markdown, "Titre")
    assert spoken.text == ("Titre.\nAprès le traitement.\nUne boule de glace se forme. "
                           "Lisez pourquoi.\nle froid.\nla douleur.")
    assert len(spoken.sources) == len(spoken.text)
    for match in WORD.finditer(spoken.text):
        span = spoken.source_span(*match.span())
        if match.group() == "Titre":
            assert span is None  # the title is not in the body
        else:
            assert markdown[span[0]:span[1]] == match.group()
