"""The deployment recipes (deploy/) and their guide (docs/kiosk.md): the systemd units read as
systemd reads them and keep the settings the kiosk relies on; `systemd-analyze verify` accepts
them where it can run; the Windows script uses the Shell Launcher interface as documented; the
guide covers every key a visitor could try."""

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "deploy" / "linux"
USER_UNIT = LINUX / "cryoviewer-kiosk.service"
CAGE_UNIT = LINUX / "cage-kiosk.service"
UNITS = [USER_UNIT, CAGE_UNIT]
WINDOWS_SCRIPT = ROOT / "deploy" / "windows" / "install-shell-launcher.ps1"
GUIDE = ROOT / "docs" / "kiosk.md"
QUIT_STATUS = 64  # the viewer's exit status when staff quit (cryoviewer/ui/kiosk.py)


def read_unit(path: Path) -> configparser.ConfigParser:
    """A unit file as INI: systemd allows a key more than once (the last one counts for
    single-valued keys), keys are case-sensitive, and % is a specifier, not interpolation."""
    parser = configparser.ConfigParser(strict=False, interpolation=None,
                                       comment_prefixes=("#", ";"), inline_comment_prefixes=None)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


def all_values(path: Path, section: str, key: str) -> list[str]:
    """Every value given to `key` in `section` (configparser keeps only the last one)."""
    values, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif current == section and line.startswith(key + "="):
            values.append(line[len(key) + 1:])
    return values


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_unit_parses_with_the_expected_sections(path):
    unit = read_unit(path)
    assert unit.sections() == ["Unit", "Service", "Install"]
    assert unit["Unit"]["Description"]
    assert unit["Install"]["WantedBy"]


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_unit_restarts_and_watches(path):
    service = read_unit(path)["Service"]
    assert service["Type"] == "notify"
    assert service["Restart"] == "always"
    # A frozen viewer is back within 5 s: a missed ping noticed in 3 s, restarted after 0.5 s.
    assert float(service["WatchdogSec"]) + float(service["RestartSec"]) <= 4
    assert read_unit(path)["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
    assert " --kiosk " in service["ExecStart"] + " "
    assert "--kiosk-config" in service["ExecStart"]
    # Staff quitting (status 64) is the one exit that is not restarted.
    assert str(QUIT_STATUS) in service["RestartPreventExitStatus"].split()
    assert "TimeoutAbortSec" in service  # a frozen viewer is killed in seconds, not 90


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_comments_stand_on_their_own_lines(path):
    """systemd has no end-of-line comments: "WatchdogSec=10 # seconds" would be an error."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            assert re.fullmatch(r"[A-Za-z]+", key), f"{path.name}:{number}: {line}"
            assert " #" not in value or "'" in value, f"{path.name}:{number}: {line}"


def test_user_unit():
    unit = read_unit(USER_UNIT)
    service = unit["Service"]
    assert service["NotifyAccess"] == "main"  # the viewer is the main process
    assert service["ExecStart"].startswith("%h/cryoviewer/bin/cryoviewer --kiosk")
    assert "%h/.config/CryoViewer/kiosk.toml" in service["ExecStart"]
    assert "graphical-session.target" in unit["Unit"]["PartOf"]
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    # Not forced to Wayland: on an X11 desktop that would stop the viewer.
    assert not any("QT_QPA_PLATFORM" in value for value in all_values(USER_UNIT, "Service",
                                                                      "Environment"))


def test_cage_unit():
    unit = read_unit(CAGE_UNIT)
    service = unit["Service"]
    assert service["User"] == "kiosk"
    assert service["PAMName"] == "login"
    assert service["TTYPath"] == "/dev/tty1"
    assert "getty@tty1.service" in unit["Unit"]["Conflicts"]
    # The viewer is cage's child, not the main process: any process of the unit may notify,
    # and the shell unsets WATCHDOG_PID (set to cage's id) so that the viewer feeds the dog.
    assert service["NotifyAccess"] == "all"
    command = service["ExecStart"]
    assert command.startswith("/usr/bin/cage -- ")
    assert " -s " not in command  # -s would allow switching terminals
    assert "unset WATCHDOG_PID" in command
    assert "/home/kiosk/cryoviewer/bin/cryoviewer --kiosk" in command
    # systemd expands $VAR in command lines: the shell's own variables are written $$.
    assert re.search(r"(?<!\$)\$(?!\$)", command) is None
    assert "$$?" in command and "kill -USR2" in command
    assert set(service["RestartPreventExitStatus"].split()) == {"64", "SIGUSR2"}
    assert "QT_QPA_PLATFORM=wayland" in all_values(CAGE_UNIT, "Service", "Environment")
    assert service["StandardOutput"] == "journal"


def test_cage_units_shell_passes_the_quit_on(tmp_path):
    """The ExecStart shell line, run with a stand-in viewer: when the viewer quits (64) it must
    signal its parent (cage) with SIGUSR2 and exit 64; otherwise pass the status on alone."""
    command = read_unit(CAGE_UNIT)["Service"]["ExecStart"]
    line = re.search(r"/bin/sh -c '(.*)'$", command).group(1).replace("$$", "$")
    # Stands for cage: runs the line as its child and says whether SIGUSR2 came, and the
    # child's status (a wait cut short by the signal is waited again).
    parent = ('trap "echo signalled" USR2; /bin/sh -c "$1" & child=$!\n'
              'while :; do wait $child; status=$?\n'
              '  if [ $status -gt 128 ] && kill -0 $child 2>/dev/null; then continue; fi; break\n'
              'done; echo "status=$status"')
    for status, signalled in ((64, True), (1, False), (0, False), (137, False)):
        viewer = tmp_path / "viewer"
        viewer.write_text(f"#!/bin/sh\nexit {status}\n")
        viewer.chmod(0o755)
        result = subprocess.run(
            ["/bin/sh", "-c", parent, "cage",
             line.replace("/home/kiosk/cryoviewer/bin/cryoviewer", str(viewer))],
            capture_output=True, text=True, timeout=10)
        assert ("signalled" in result.stdout) is signalled, (status, result.stdout)
        assert f"status={status}" in result.stdout, (status, result.stdout)


def _systemd_analyze_works(tmp_path: Path) -> bool:
    if shutil.which("systemd-analyze") is None:
        return False
    probe = tmp_path / "cryoviewer-probe.service"
    probe.write_text("[Unit]\nDescription=probe\n[Service]\nType=notify\n"
                     f"ExecStart={shutil.which('true') or '/bin/true'}\n")
    try:
        result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(probe)],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and not result.stderr.strip()


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_analyze_verify(path, tmp_path):
    """systemd's own check, on a copy whose programs exist on this machine (verify refuses a
    command that is not there: cage and the viewer are not installed here). Skipped where
    systemd-analyze is missing or cannot run (it needs no running systemd, but some
    containers still refuse it)."""
    if not _systemd_analyze_works(tmp_path):
        pytest.skip("systemd-analyze verify does not work here")
    true = shutil.which("true") or "/bin/true"
    text = path.read_text(encoding="utf-8")
    text = text.replace("/usr/bin/cage", true).replace("%h/cryoviewer/bin/cryoviewer", true)
    copy = tmp_path / path.name
    copy.write_text(text, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(copy)],
                            capture_output=True, text=True, timeout=60)
    problems = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode == 0 and not problems, "\n".join(problems)


def test_windows_script_uses_shell_launcher_as_documented():
    script = WINDOWS_SCRIPT.read_text(encoding="utf-8")
    assert "root\\standardcimv2\\embedded" in script
    assert "WESL_UserSetting" in script
    for method in ("SetDefaultShell", "SetCustomShell", "SetEnabled", "GetCustomShell",
                   "RemoveCustomShell", "IsEnabled"):
        assert f".{method}(" in script, method
    assert "Client-EmbeddedShellLauncher" in script
    assert "$RestartShell = 0" in script and "$DoNothing = 3" in script
    assert "$StaffQuit = 64" in script
    assert "--kiosk --kiosk-config" in script
    assert "S-1-5-32-544" in script  # administrators keep Explorer
    assert "WEKF_PredefinedKey" in script and "AllowEdgeSwipe" in script
    for key in ("Ctrl+Alt+Del", "Alt+Tab", "'Windows'", "Alt+Esc", "Win+L"):
        assert key in script, key
    assert "#Requires -RunAsAdministrator" in script


def test_windows_script_is_commented_throughout():
    lines = [line.strip() for line in WINDOWS_SCRIPT.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    comments = [line for line in lines if line.startswith("#")]
    assert len(comments) > len(lines) / 5


def test_windows_script_strings_need_no_escaping():
    """In PowerShell, "$name:" inside double quotes reads as a drive-qualified variable and
    fails to parse: such places must be written ${name}."""
    for number, line in enumerate(WINDOWS_SCRIPT.read_text(encoding="utf-8").splitlines(), 1):
        for string in re.findall(r'"([^"]*)"', line):
            assert not re.search(r"\$(?!env:)[A-Za-z_]\w*:", string), f"{number}: {line}"


ESCAPE_KEYS = ["Alt+F4", "Ctrl+Q", "Ctrl+W", "Escape", "F11", "Alt+Tab", "Ctrl+Alt+Del",
               "Super", "Windows key", "Ctrl+Alt+F1", "Alt+Esc", "edge swipe"]


@pytest.mark.parametrize("key", ESCAPE_KEYS)
def test_guide_mentions_every_escape_key(key):
    assert key.lower() in GUIDE.read_text(encoding="utf-8").lower()


def test_guide_covers_the_set_ups():
    guide = GUIDE.read_text(encoding="utf-8")
    for needed in ("cage-kiosk.service", "cryoviewer-kiosk.service", "install-shell-launcher.ps1",
                   "libxcb-cursor0", "libwayland-cursor0", "--make-pin-hash",
                   "resources/kiosk/example.toml", "[kiosk]", "[language]", "[attract]",
                   "[clinic]", "[schedule]", "WatchdogSec", "journalctl", "gsettings",
                   "Keyboard Filter", "Assigned Access", "benchmarks/restart.py"):
        assert needed in guide, needed


def test_guide_links_resolve():
    """Every in-page link of the guide's contents points at a heading."""
    guide = GUIDE.read_text(encoding="utf-8")
    anchors = {re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")
               for heading in re.findall(r"^#+ (.+)$", guide, re.MULTILINE)}
    for target in re.findall(r"\]\(#([^)]+)\)", guide):
        assert target in anchors, target
