"""Composition root: the command line, the content, the window, main()."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path

from . import __version__
from .content import PackError, check_pack, load_with_fallback
from .files import Problem
from .content.readability import measure
from .resources import builtin_content, resources_root
from .session import LANGUAGES, TEXT_SIZES, THEMES, Session, View, checked

MAX_GRADE = 8  # reading grade the content must not exceed (Flesch-Kincaid)
log = logging.getLogger("cryoviewer")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cryoviewer",
        description="CryoViewer: learn what happens during cryosurgery, section by section.")
    parser.add_argument("--content", metavar="FOLDER", type=Path,
                        help="show this content pack instead of the built-in one")
    parser.add_argument("--section", metavar="ID", help="open at this section (its id)")
    parser.add_argument("--screenshot", metavar="FILE", type=Path,
                        help="draw the window off screen into a PNG file, then exit")
    parser.add_argument("--at", metavar="[TREATMENT/]PHASE[:FRACTION]", type=_moment,
                        help="set the diagram to a moment, e.g. freeze2, freeze2:0.5 or "
                             "large-tumour/freeze2:0.9 (a phase of the section's treatment, or "
                             "of the one named; without a fraction, its still picture)")
    parser.add_argument("--size", metavar="WxH", type=_size, default=None,
                        help="window size, e.g. 1920x1080 (default: 1366x768 for screenshots, "
                             "maximised otherwise)")
    parser.add_argument("--language", choices=LANGUAGES,
                        help="the interface's and the built-in content's language: en or fr")
    parser.add_argument("--theme", choices=THEMES,
                        help="colours: default, projector (light, thick lines) or high-contrast")
    parser.add_argument("--text-size", metavar="PERCENT", type=_text_size,
                        help=f"text size from {TEXT_SIZES[0]} to {TEXT_SIZES[-1]} per cent, in "
                             f"steps of {TEXT_SIZES[1] - TEXT_SIZES[0]}")
    parser.add_argument("--check-content", metavar="FOLDER", type=Path, nargs="?",
                        const=builtin_content(),
                        help="check a content pack (default: the built-in one), list its "
                             "problems and reading grades, then exit")
    parser.add_argument("--kiosk", action="store_true",
                        help="run as a waiting-room kiosk: full screen, cannot be closed, starts "
                             "again for each visitor (see docs/kiosk.md)")
    parser.add_argument("--kiosk-config", metavar="FILE", type=Path,
                        help="the kiosk's settings (TOML; see resources/kiosk/example.toml)")
    parser.add_argument("--make-pin-hash", action="store_true",
                        help="ask for a staff PIN and print the line to put in the kiosk "
                             "settings, then exit")
    parser.add_argument("--handout", metavar="FILE.pdf", type=Path,
                        help="write a printable handout of the content (PDF, large type, "
                             "with pictures and a checklist of questions), then exit")
    parser.add_argument("--sections", metavar="ID,ID,...", type=_ids,
                        help="with --handout: only these sections (default: all)")
    parser.add_argument("--story", metavar="FILE.pdf", type=Path,
                        help="write the children's story, to print and read with a child "
                             "(PDF, a picture and large type a page), then exit")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4",
                        help="with --handout or --story: the paper size (default: a4)")
    parser.add_argument("--read-aloud-to", metavar="FILE.wav", type=Path,
                        help="read the section given with --section aloud into a WAV file, in "
                             "the --language given (default en), without opening a window, "
                             "then exit")
    parser.add_argument("--version", action="version", version=f"CryoViewer {__version__}")
    return parser.parse_args(argv)


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})[xX](\d{3,5})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 1920x1080")
    return int(match.group(1)), int(match.group(2))


def _text_size(text: str) -> int:
    try:
        return checked("text_size", text.strip().rstrip("%"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ids(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("name at least one section, e.g. pain,bleeding")
    return ids


def _moment(text: str) -> tuple[str, float | None]:
    match = re.fullmatch(r"((?:[a-z0-9-]+/)?[a-z]+[0-9]?)(?::([0-9]*\.?[0-9]+))?", text.strip())
    if not match or (match.group(2) and not 0 <= float(match.group(2)) <= 1):
        raise argparse.ArgumentTypeError(f"'{text}' is not a moment such as freeze2, "
                                         f"freeze2:0.5 (a fraction from 0 to 1) or "
                                         f"large-tumour/freeze2")
    return match.group(1), float(match.group(2)) if match.group(2) else None


def check_content(folder: Path) -> int:
    """Report a pack's problems and each section's reading ease in the pack's language (English:
    Flesch-Kincaid grade; French: Kandel-Moles); 0 if the pack can be used as is."""
    pack, problems = check_pack(folder)
    for problem in problems:
        print(problem)
    if pack is None:
        errors = sum(p.severity == "error" for p in problems)
        print(f"{folder}: cannot be used ({errors} problem(s)).")
        return 1
    treatments_ok = _check_pack_scenarios(pack)
    from .content.readability import MIN_KANDEL_MOLES

    hard = 0
    for section in pack.sections:
        if pack.language == "fr":  # French has its own measure: Kandel-Moles reading ease
            ease = measure(section.body, "fr").kandel_moles
            too_hard = ease < MIN_KANDEL_MOLES
            flag = (f"  <- below {MIN_KANDEL_MOLES}: use shorter words and sentences"
                    if too_hard else "")
            print(f"Kandel–Moles {ease:4.1f}  {section.path.name}{flag}")
        else:
            grade = measure(section.body).grade
            too_hard = grade > MAX_GRADE
            flag = ("" if not too_hard
                    else f"  <- above grade {MAX_GRADE}: use shorter words and sentences")
            print(f"grade {grade:4.1f}  {section.path.name}{flag}")
        hard += too_hard
    if pack.questions:
        print(f"teach-back questions: {len(pack.questions)} about "
              f"{len({q.section for q in pack.questions})} section(s)")
    story_ok = pack.story is None or _report_story(pack.story, pack.language)
    print(f"{folder}: {len(pack.sections)} sections in '{pack.language}', "
          f"{len(problems)} warning(s), {hard} section(s) too hard to read.")
    return 0 if not hard and treatments_ok and story_ok else 1


def _report_story(story, language: str) -> bool:
    """One line for the children's story, with the reading ease of its hardest page; True if
    every page reads easily enough for a child (those that do not are among the warnings)."""
    from .content.readability import reading_problem
    from .content.story import MAX_GRADE as STORY_GRADE, MIN_KANDEL_MOLES as STORY_EASE, STORY

    scores = [measure(page.text, language) for page in story.pages]
    hardest = (f"Kandel–Moles {min(s.kandel_moles for s in scores):.1f}" if language == "fr"
               else f"grade {max(s.grade for s in scores):.1f}")
    hard = sum(reading_problem(page.text, language, STORY_GRADE, STORY_EASE) is not None
               for page in story.pages)
    flag = f"  <- {hard} page(s) too hard for a child" if hard else ""
    print(f"story  {STORY}: '{story.title}', {len(story.pages)} pages, offered under "
          f"'{story.section}'; hardest page: {hardest}{flag}")
    return not hard


def _check_pack_scenarios(pack) -> bool:
    """A pack's own treatments, checked like the built-in ones; True if all can be used."""
    from .scenario import ScenarioError, load_scenario

    ok = True
    builtin = {p.stem for p in (resources_root() / "scenarios").glob("*.toml")}
    for folder in pack_scenarios(pack):
        for path in sorted(folder.glob("*.toml")):
            if path.stem == "materials":
                continue
            if path.stem in builtin:
                print(f"{path}: named like a built-in treatment, so it is not offered; give it "
                      f"another file name and id")
                ok = False
                continue
            try:
                scenario = load_scenario(path)
            except ScenarioError as exc:
                for problem in exc.problems:
                    print(problem)
                ok = False
                continue
            if scenario.id != path.stem:
                print(f"{path}: its id is '{scenario.id}'; a treatment's id must be its file "
                      f"name ('{path.stem}')")
                ok = False
                continue
            print(f"treatment  {path.name}: {scenario.title}")
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.check_content is not None:
        return check_content(args.check_content)
    if args.make_pin_hash:
        return make_pin_hash()
    if args.read_aloud_to is not None:
        return read_aloud_to(args.read_aloud_to, args.section, args.language or "en",
                             args.content)
    if args.screenshot or args.handout or args.story:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .display_check import advice, missing_display_libraries

    missing = missing_display_libraries()
    if missing:  # Qt would abort with one cryptic line
        print(advice(missing), file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from .ui import theme, translation

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("CryoViewer")
    app.setApplicationName("CryoViewer")
    theme.install(app)
    if args.kiosk:
        return run_kiosk(app, args)
    if args.handout:
        return write_handout(args)
    if args.story:
        return write_story(args)
    if not args.screenshot:
        _log_unexpected_errors(logs_folder())
    overrides = {name: value for name, value in (("theme", args.theme),
                                                 ("text_size", args.text_size),
                                                 ("language", args.language)) if value}
    session = make_session(remember=not args.screenshot, overrides=overrides)
    translation.install(session.language)  # before any widget is built
    window = create_window(args.content, args.section, session,
                           report_dialog=not args.screenshot)
    if window is None:
        return 1
    if args.section and window.current_section_id() != args.section and args.screenshot:
        return 2
    if args.at and not _set_moment(window, *args.at):
        return 2
    if args.screenshot:
        return _screenshot(app, window, args.screenshot, args.size or (1366, 768))
    if args.size:
        window.resize(*args.size)
        window.show()
    else:
        window.showMaximized()
    switch = language_switch(session, window, args.content)  # noqa: F841 (kept until exit)
    return app.exec()


def write_handout(args) -> int:
    """The handout as a PDF, without a window; a plain message and a non-zero status if it
    cannot be made."""
    from .ui.handout import Handout

    return _write_document(args, "handout", args.handout, lambda pack, preparer: Handout(
        pack, args.sections, preparer, clinic_of(args.kiosk_config)))


def write_story(args) -> int:
    """The children's story as a PDF, without a window; a plain message and a non-zero status
    if it cannot be made (the pack has none, or the file cannot be written)."""
    from .ui.story_paper import StoryOnPaper

    def story(pack, preparer):
        if pack.story is None:
            raise ValueError(f"the content pack '{pack.title}' has no story.toml")
        return StoryOnPaper(pack.story, pack.language, preparer)
    return _write_document(args, "story", args.story, story)


def _write_document(args, name: str, path: Path, make) -> int:
    """A printable document of the pack in --language, made by `make(pack, preparer)`,
    written to `path`: ValueError from it (a wrong choice) exits with 2, OSError with 1."""
    from .ui import translation

    language = args.language or "en"
    translation.install(language)
    try:
        pack, problems = load_with_fallback(args.content, language_content(language))
    except PackError as exc:
        print(f"The {name} cannot be made: the built-in content is damaged.\n{exc}",
              file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    preparer = make_preparer(pack)
    try:
        pages = make(pack, preparer).write(path, args.paper)
    except ValueError as exc:  # an unknown section, no story
        print(f"The {name} cannot be made: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Cannot write the {name} to {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        preparer.shutdown()
    print(f"Wrote {path} ({pages} pages, {args.paper}, {pack.language})")
    return 0


def clinic_of(settings: Path | None):
    """The clinic's name and phone from a kiosk settings file (none without one)."""
    from .kiosk.config import load_kiosk_config
    from .ui.handout import Clinic

    if settings is None:
        return Clinic()
    config, problems = load_kiosk_config(settings, _treatment_ids())
    for problem in problems:
        if problem.severity == "error":
            print(problem, file=sys.stderr)
    return Clinic(config.clinic_name, config.clinic_phone)


def read_aloud_to(path: Path, section_id: str | None, language: str,
                  content: Path | None = None) -> int:
    """Speaks one section of the pack in a language into a WAV file, with no window and no
    sound card; prints its length. 1 with a plain message if it cannot be done."""
    from .speech import SpeechUnavailable, spoken_section, synthesize, write_wav

    if not section_id:
        print("Say which section to read with --section ID.", file=sys.stderr)
        return 1
    try:
        pack, problems = load_with_fallback(content, language_content(language))
    except PackError as exc:
        print(f"CryoViewer cannot read aloud: its built-in content is damaged.\n{exc}",
              file=sys.stderr)
        return 1
    section = next((s for s in pack.sections if s.id == section_id), None)
    if section is None:
        known = ", ".join(s.id for s in pack.sections)
        print(f"There is no section '{section_id}'. Sections: {known}", file=sys.stderr)
        return 1
    try:
        speech = synthesize(spoken_section(section).text, pack.language)
        write_wav(speech, path)
    except SpeechUnavailable as exc:
        print(f"CryoViewer cannot read aloud: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"CryoViewer cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{path}: {speech.duration_s:.1f} s, {len(speech.words)} words, "
          f"{pack.language} ({section.title})")
    return 0


def language_switch(session: Session, window, content: Path | None):
    """Rebuilds the window when the person changes the language: the built-in content in
    that language (a pack given with --content stays), the same computed runs."""
    from .ui.relanguage import LanguageSwitch

    preparer, packs = window.diagram.preparer, {}  # each language's pack read once
    return LanguageSwitch(session, window, lambda: create_window(
        content, None, session, report_dialog=False, preparer=preparer, packs=packs))


def make_session(remember: bool, overrides: dict | None = None) -> Session:
    """The person's session: on a personal computer their preferences are remembered; a
    screenshot (like a shared screen) starts from the defaults and keeps nothing."""
    from .ui.preferences import SettingsStore

    return Session(View(), SettingsStore() if remember else None, overrides)


def create_window(content: Path | None, section: str | None, session: Session,
                  report_dialog: bool = True, preparer=None, packs: dict | None = None):
    """The main window on the requested pack, or on the built-in one if that pack is broken.

    Problems go to the terminal; a refused pack is also explained in a dialog, since the
    person who chose it may be looking at the screen, not the terminal. None if even the
    built-in content cannot be used. `packs`: the packs already read, by language (kept
    there), so that switching back and forth reads each once.
    """
    from .ui.window import MainWindow

    try:
        if packs is not None and session.language in packs:
            pack, problems = packs[session.language]
        else:
            pack, problems = load_with_fallback(content, language_content(session.language))
            if packs is not None:
                packs[session.language] = pack, problems
    except PackError as exc:
        print(f"CryoViewer cannot start: its built-in content is damaged.\n{exc}", file=sys.stderr)
        return None
    rejected = content is not None and pack.root != content
    if rejected:
        print(f"The content in {content} cannot be used; showing the built-in content.",
              file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    window = MainWindow(pack, session, preparer or make_preparer(pack))
    if section and not window.show_section(section):
        known = ", ".join(s.id for s in pack.sections)
        print(f"There is no section '{section}'. Sections: {known}", file=sys.stderr)
    if rejected and report_dialog:
        window.report_rejected_pack(content, problems)
    return window


def language_content(language: str) -> Path:
    """The built-in pack in a language, or the English one if there is none for it."""
    folder = builtin_content(language)
    return folder if (folder / "manifest.toml").is_file() else builtin_content()


def make_preparer(pack=None):
    """Computes the treatments' runs off the interface thread, keeping them between starts;
    the built-in treatments and those a content pack carries in its scenarios/ folder."""
    from .scenario.cache import RunCache
    from .ui.preparation import Preparer

    return Preparer(resources_root() / "scenarios", cache=RunCache(runs_folder()),
                    extra=pack_scenarios(pack))


def pack_scenarios(pack) -> tuple[Path, ...]:
    """A pack's own treatments folder, if it has one (the built-in pack has none)."""
    if pack is None or pack.root.resolve().parent == builtin_content().resolve().parent:
        return ()
    folder = pack.root / "scenarios"
    return (folder,) if folder.is_dir() else ()


def runs_folder() -> Path | None:
    """Where computed runs are kept between starts: the platform's cache folder for the user
    (None, said once in the log: the platform has none, and runs are computed at each start)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    if not folder:
        log.warning("This system names no cache folder; treatments are computed at each start.")
        return None
    return Path(folder) / "runs"


def _set_moment(window, phase_id: str, fraction: float | None) -> bool:
    diagram = window.diagram
    treatment, _, phase_id = phase_id.rpartition("/")
    if treatment and treatment != diagram.scenario_id:
        try:
            phases = [p.id for p in diagram.preparer.phases(treatment)]
        except KeyError:
            print(f"There is no treatment '{treatment}'.", file=sys.stderr)
            return False
        diagram.show_step(treatment, phases[0])
    phases = [p.id for p in diagram.phases()]
    if phase_id not in phases:
        print(f"The diagram's scenario '{diagram.scenario_id}' has no phase '{phase_id}'. "
              f"Phases: {', '.join(phases)}", file=sys.stderr)
        return False
    diagram.show_step(diagram.scenario_id, phase_id, fraction)
    window.show_page("diagram")  # where the text and the diagram take turns: the moment asked for
    return True


def _screenshot(app, window, path: Path, size: tuple[int, int]) -> int:
    window.resize(*size)
    window.show()
    window.diagram.wait_until_drawn()
    app.processEvents()
    if not window.grab().save(str(path), "PNG"):
        print(f"Could not write the screenshot to {path}", file=sys.stderr)
        return 1
    print(f"Wrote {path} ({size[0]}x{size[1]})")
    window.close()
    return 0


def logs_folder() -> Path | None:
    """The platform's folder for the viewer's data, logs/ (None where there is none)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(folder) / "logs" if folder else None


def _log_unexpected_errors(folder: Path | None, then=None):
    """An unexpected error is written to the log, never shown to a patient as a traceback;
    `then()` runs after it (a kiosk starts the visit again). The recent problems, for the
    admin screen."""
    from . import logs

    recent, _ = logs.start(folder)

    def hook(kind, value, trace):
        log.error("Unexpected error", exc_info=(kind, value, trace))
        if then is not None:
            then()

    sys.excepthook = hook
    return recent


def make_pin_hash() -> int:
    """Ask for a staff PIN twice (not echoed) and print the settings line holding its hash."""
    import getpass

    from .kiosk.pin import hash_pin

    try:
        pin = getpass.getpass("Staff PIN (4 to 8 digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("The two PINs differ; nothing was made.", file=sys.stderr)
            return 1
        line = f'admin_pin_hash = "{hash_pin(pin)}"'
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        return 1
    print("Put this line in the [kiosk] table of the kiosk settings file:")
    print(line)
    return 0


def run_kiosk(app, args) -> int:
    """The viewer as a waiting-room kiosk: see ui/kiosk.py and docs/kiosk.md."""
    from PySide6.QtCore import QTimer

    from .kiosk.config import load_kiosk_config
    from .ui.kiosk import KioskShell

    shells = []

    def recover():
        if shells:
            QTimer.singleShot(0, shells[0].recover)

    first, _ = load_kiosk_config(args.kiosk_config, _treatment_ids())
    recent = _log_unexpected_errors(first.log_folder or logs_folder(), then=recover)
    log.info("CryoViewer %s starting as a kiosk (settings: %s).", __version__,
             args.kiosk_config or "the defaults")
    try:
        shells.append(KioskShell(lambda **again: kiosk_window(args.kiosk_config, args.content,
                                                          **again), recent))
    except Exception:  # (the built-in content damaged, say): the service manager tries again
        log.exception("The kiosk could not start.")
        return 1
    return app.exec()


def _treatment_ids() -> set[str]:
    return {path.stem for path in (resources_root() / "scenarios").glob("*.toml")
            if path.stem != "materials"}


def kiosk_window(settings: Path | None, content: Path | None = None, preparer=None,
                 language: str | None = None, session: Session | None = None):
    """(config, problems, window) for a kiosk: the configured content, sections and
    treatments, and a session that starts every visit from the configuration and keeps
    nothing. Whatever is wrong is in the problems (for the log and the admin screen), never
    in a dialog. (`preparer`: tests pass one holding computed runs. `language` and `session`:
    a visitor changed the language; the window is rebuilt in it, on their session.)"""
    from dataclasses import replace

    from .kiosk.config import check_sections, load_kiosk_config
    from .ui import translation
    from .ui.window import MainWindow

    config, problems = load_kiosk_config(settings, _treatment_ids())
    wanted = config.content or content
    language = language or config.language
    translation.install(language)
    pack, found = load_with_fallback(wanted, language_content(language))  # PackError: none
    if wanted is not None and pack.root != wanted:
        problems.append(Problem(wanted, None, "this content pack cannot be used, so the "
                                              "built-in content is shown"))
    problems += found
    config, unknown = check_sections(config, [s.id for s in pack.sections])
    problems += unknown
    if config.sections:
        pack = replace(pack, sections=tuple(s for s in pack.sections
                                            if s.id in config.sections))
    session = session or Session(View(theme=config.theme, text_size=config.text_size,
                                       language=config.language), store=None)
    window = MainWindow(pack, session, preparer or make_preparer(pack), config.treatments)
    window.set_languages(config.languages)
    return config, problems, window

