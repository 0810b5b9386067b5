"""Reading aloud without a sound card: what eSpeak NG costs, printed as name=value.

    python benchmarks/speech.py

speech_load_ms: loading the library and its data (once per process); speech_start_ms: from
asking for a section's first sentence to having its audio (what a "Read aloud" button waits
before the first sound when it speaks sentence by sentence); speech_section_ms: a whole
section at once; realtime_factor: seconds of speech made per second of work.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from cryoviewer.app import language_content
    from cryoviewer.content import load_with_fallback
    from cryoviewer.speech import engine, spoken_section

    start = time.perf_counter()
    engine._engine_loaded()
    print(f"speech_load_ms={(time.perf_counter() - start) * 1000:.0f}")
    for language in ("en", "fr"):
        pack, _ = load_with_fallback(None, language_content(language))
        texts = [spoken_section(section).text for section in pack.sections]
        first = re.split(r"(?<=[.!?])\s", texts[0], maxsplit=1)[0]
        start = time.perf_counter()
        engine.synthesize(first, language)
        print(f"speech_start_ms_{language}={(time.perf_counter() - start) * 1000:.0f}")
        worst, spoken, work = 0.0, 0.0, 0.0
        for text in texts:
            start = time.perf_counter()
            speech = engine.synthesize(text, language)
            took = time.perf_counter() - start
            worst, spoken, work = max(worst, took), spoken + speech.duration_s, work + took
        print(f"speech_section_ms_{language}_max={worst * 1000:.0f}")
        print(f"realtime_factor_{language}={spoken / work:.0f}")
        print(f"speech_total_s_{language}={spoken:.0f}")


if __name__ == "__main__":
    main()
