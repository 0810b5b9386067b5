"""Damaged preference files against a real start: prints name=value lines.

    python benchmarks/fuzz_settings.py [--mutations 240] [--seed 11]

Each corruption of a good preferences file (values, lines, bytes, or the file replaced by a
folder, a FIFO, a symlink loop, a huge file) is written where the viewer keeps its preferences,
then the viewer's own start is made in this process: the session with the remembered
preferences (app.make_session) and the main window on it, shown and drawn offscreen. A start
that raises, hangs for more than HANG_S or shows no window counts as "no start".

settings_mutations   corruptions tried (target ≥ 200)
settings_no_start    starts that failed (target 0)
settings_kept_bad    starts whose session holds a value outside what is allowed (target 0)
settings_slowest_s   the slowest start
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import signal
import sys
import time
from pathlib import Path

from _window import make_app  # (before Qt: offscreen, throw-away folders)

HANG_S = 20
GOOD = ("[preferences]\nlook=detailed\ntheme=projector\ntext_size=150\n"
        "reduced_motion=true\n")
TOKENS = ["", "abc", "1, 2", "@Invalid()", "@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18garbage)",
          "@ByteArray(xx)", "@Size(1 2)", "@Rect(1 2 3 4)", "nan", "-inf", "1e999",
          "99999999999999999999", "-1", "0", "200.5", "true", "\u202e", "\x00", "[", "]",
          "\"", "'", "=", "\\", ";", "patient", "detailed", "high-contrast", "125", "x" * 5000]
KEYS = ["look", "theme", "text_size", "reduced_motion", "speed", "zoom", "section", ""]


def corrupt(rng: random.Random, path: Path) -> str:
    """Write one corruption at `path`; its name."""
    kind = rng.choice(["value", "value", "value", "lines", "bytes", "truncate", "header",
                       "duplicate", "encoding", "file"])
    text = GOOD
    if kind == "value":
        key, token = rng.choice(KEYS), rng.choice(TOKENS)
        text = GOOD + f"{key}={token}\n" if rng.random() < 0.5 else \
            GOOD.replace(f"{rng.choice(KEYS[:4])}=", f"{key}={token}\n#", 1)
    elif kind == "lines":
        lines = GOOD.splitlines()
        rng.shuffle(lines)
        text = "\n".join(lines + [rng.choice(TOKENS) for _ in range(rng.randrange(5))])
    elif kind == "header":
        text = GOOD.replace("[preferences]", rng.choice(["", "[", "[preferences", "[[x]]",
                                                         "[General]", "[preferences]\n[a]"]))
    elif kind == "duplicate":
        text = GOOD + GOOD.replace("projector", rng.choice(TOKENS))
    elif kind == "truncate":
        text = GOOD[:rng.randrange(len(GOOD))]
    if kind == "bytes":
        data = bytearray(GOOD.encode())
        for _ in range(rng.randrange(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
    elif kind == "encoding":
        path.write_bytes(GOOD.encode("utf-16") if rng.random() < 0.5
                         else b"\xff\xfe" + os.urandom(rng.randrange(1, 2000)))
    elif kind == "file":
        what = rng.choice(["folder", "fifo", "loop", "huge", "empty", "dangling"])
        if what == "folder":
            path.mkdir()
        elif what == "fifo":
            os.mkfifo(path)
        elif what == "loop":
            path.symlink_to(path)
        elif what == "dangling":
            path.symlink_to(path.with_name("nowhere.ini"))
        elif what == "huge":
            path.write_bytes(GOOD.encode() + b"x" * rng.choice([70_000, 5_000_000]))
        else:
            path.write_bytes(b"")
        return f"file:{what}"
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return kind


def clear(path: Path) -> None:
    if path.is_symlink() or path.is_file() or path.exists() and not path.is_dir():
        path.unlink()
    elif path.is_dir():
        path.rmdir()


class Hang(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=240)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from cryoviewer.app import create_window, make_session
    from cryoviewer.session import LOOKS, TEXT_SIZES, THEMES
    from cryoviewer.ui.preferences import preferences_file

    app = make_app()
    path = preferences_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)

    def hang(*_):
        raise Hang()

    signal.signal(signal.SIGALRM, hang)
    no_start = kept_bad = 0
    slowest = 0.0
    kinds: dict[str, int] = {}
    for _ in range(args.mutations):
        clear(path)
        kind = corrupt(rng, path)
        kinds[kind] = kinds.get(kind, 0) + 1
        began = time.perf_counter()
        signal.alarm(HANG_S)
        window = None
        try:
            session = make_session(remember=True)
            window = create_window(None, None, session, report_dialog=False)
            window.resize(1366, 768)
            window.show()
            app.processEvents()
            ok = window.isVisible()
            view = session.view
            kept_bad += not (view.look in LOOKS and view.theme in THEMES
                             and view.text_size in TEXT_SIZES
                             and isinstance(view.reduced_motion, bool))
        except (Exception, Hang) as exc:
            ok = False
            print(f"# no start after {kind}: {type(exc).__name__}: {exc}", file=sys.stderr)
            if path.is_file():
                print(f"#   the file held {path.read_bytes()[:300]!r}", file=sys.stderr)
        finally:
            signal.alarm(0)
        no_start += not ok
        slowest = max(slowest, time.perf_counter() - began)
        if window is not None:  # gone for good: a thousand windows must not pile up
            window.diagram.shutdown()
            window.close()
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            gc.collect()
    clear(path)
    print("# corruptions: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
          file=sys.stderr)
    print(f"settings_mutations={args.mutations}")
    print(f"settings_no_start={no_start}")
    print(f"settings_kept_bad={kept_bad}")
    print(f"settings_slowest_s={slowest:.2f}")


if __name__ == "__main__":
    main()
