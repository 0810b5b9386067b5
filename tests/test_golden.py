"""Golden images of the cross-section: every treatment × look × theme, at the end of freeze 2,
compared with tests/golden/<scenario>-<look>-<theme>.png — with a tolerance, and the shipped font.

What is compared (imagecompare.py): each pixel's largest difference over R, G and B. A picture
passes when at most 0.2 % of its pixels differ by more than 40 (of 255) and the mean difference
is at most 4: anti-aliasing and font rasterisation may move a few edge pixels, but a moved line,
a missing line or label, another colour or a different moment fails.

When a picture fails, what was rendered, the golden image and a difference image (the golden
faded to grey, differing pixels in magenta) are written to $CRYOVIEWER_IMAGE_FAILURES, or else to
<temp>/cryoviewer-image-failures/, and the failure message says where.

Approving new pictures (after a deliberate change to the drawing, a palette or a scenario):

    CRYOVIEWER_APPROVE_IMAGES=1 .venv/bin/python -m pytest tests/test_golden.py

writes every rendered picture as its new golden image (a PNG with a 256-colour palette, to keep
the repository small) and skips the comparison. LOOK at the new images before committing them:
the approval is the review (tissue, ice, the lethal zone, lines on their halos, the instruments,
labels clear of the ice). Then run the tests again without the variable: they must pass.
"""

import os

import numpy as np
import pytest
from PySide6.QtGui import QFontDatabase

import imagecompare as ic
from cryoviewer.ui import theme
from cryoviewer.ui.palette import THEMES

SCENARIOS = ("skin-spray", "skin-probe", "liver-probe", "large-tumour")
LOOKS = ("patient", "detailed")
CASES = [(s, look, t) for s in SCENARIOS for look in LOOKS for t in THEMES]


def approving() -> bool:
    return os.environ.get(ic.APPROVE) == "1"


@pytest.mark.parametrize("scenario, look, theme_name", CASES,
                         ids=["-".join(case) for case in CASES])
def test_the_picture_matches_its_golden_image(qtbot, themed_app, computed_runs, scenario, look,
                                              theme_name):
    wanted = {theme.FONT_FAMILY} if isinstance(theme.FONT_FAMILY, str) else set(theme.FONT_FAMILY)
    assert wanted <= set(QFontDatabase.families()), "the shipped fonts are not loaded"
    section = ic.make_section(qtbot, computed_runs[scenario], look, THEMES[theme_name])
    rendered = ic.grab(section)
    name = f"{scenario}-{look}-{theme_name}"
    path = ic.GOLDEN / f"{name}.png"
    if approving():
        ic.save_small(rendered, path)
        pytest.skip(f"approved: wrote {path}")
    golden = ic.load(path)
    if golden is None:
        written = ic.write_failure(name, rendered, None, None)
        pytest.fail(f"no golden image {path}; rendered: {written[0]}. Look at it, then approve "
                    f"it with {ic.APPROVE}=1 (see this module's docstring).")
    result = ic.compare(rendered, golden)
    if not result.ok:
        written = ic.write_failure(name, rendered, golden, result)
        pytest.fail(f"{name}: {result}.\nWritten: " + ", ".join(str(p) for p in written)
                    + f"\nIf the change is intended, approve it with {ic.APPROVE}=1.")


# -- the comparison itself -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def golden_picture():
    """A real golden image (the liver, patient look) to alter."""
    pixels = ic.load(ic.GOLDEN / "liver-probe-patient-default.png")
    if pixels is None:
        pytest.skip("no golden images yet")
    return pixels


def test_the_same_picture_passes(golden_picture):
    result = ic.compare(golden_picture, golden_picture.copy())
    assert result.ok and result.differing == 0 and result.mean == 0


def test_a_changed_patch_is_rejected(golden_picture):
    altered = golden_picture.copy()
    altered[200:220, 100:120] = 255 - altered[200:220, 100:120]   # 400 px (0.3 %) inverted
    result = ic.compare(altered, golden_picture)
    assert not result.ok and result.differing == 400, str(result)
    assert "differ by more than 40" in str(result)


def test_a_few_stray_pixels_are_tolerated_but_a_moved_line_is_not(golden_picture):
    altered = golden_picture.copy()
    altered[10:20, 10:20] = 255 - altered[10:20, 10:20]            # 100 px: anti-aliasing noise
    assert ic.compare(altered, golden_picture).ok
    shifted = np.roll(golden_picture, 3, axis=1)                  # everything 3 px to the right
    assert not ic.compare(shifted, golden_picture).ok


# The large tumour's outline: the liver's 8 mm tumour has too short an outline (192 px, 0.15 %)
# for the tolerance, which is there for anti-aliasing noise.
@pytest.mark.parametrize("name, hidden", [("large-tumour", "tumour outline"),
                                          ("liver-probe", "Skin")])
def test_a_rendered_picture_missing_a_line_or_a_label_is_rejected(qtbot, themed_app,
                                                                 computed_runs, name, hidden):
    golden = ic.load(ic.GOLDEN / f"{name}-patient-default.png")
    if golden is None:
        pytest.skip("no golden images yet")
    section = ic.make_section(qtbot, computed_runs[name], "patient", THEMES["default"])
    assert ic.compare(ic.grab(section), golden).ok
    items = {"tumour outline": section.tumour_line,
             **{label.toPlainText(): label for label in section.labels}}
    items[hidden].setVisible(False)
    result = ic.compare(ic.grab(section), golden)
    assert not result.ok, f"without the {hidden}: {result}"


def test_a_change_of_colour_everywhere_is_rejected_by_the_mean(golden_picture):
    tinted = np.clip(golden_picture.astype(int) + (0, 0, 12), 0, 255).astype(np.uint8)
    result = ic.compare(tinted, golden_picture)
    assert result.differing == 0 and not result.ok, str(result)   # no pixel over 40, mean 12


def test_a_picture_of_another_size_is_rejected(golden_picture):
    result = ic.compare(golden_picture[:-1], golden_picture)
    assert not result.ok and "expected 360×360" in str(result)


def test_the_small_png_stays_inside_the_tolerance(tmp_path, qapp, golden_picture):
    part = golden_picture[150:270, 100:220].astype(int)
    noisy = np.clip(part + np.random.default_rng(1).integers(-6, 7, part.shape), 0,
                    255).astype(np.uint8)                         # thousands of colours
    stored = ic.save_small(noisy, tmp_path / "small.png")
    assert np.array_equal(ic.load(tmp_path / "small.png"), stored)
    assert ic.compare(noisy, stored).ok


def test_a_failure_leaves_the_pictures_to_look_at(tmp_path, qapp, monkeypatch, golden_picture):
    monkeypatch.setenv(ic.FAILURES, str(tmp_path / "failed"))
    altered = golden_picture.copy()
    altered[:40] = 0
    result = ic.compare(altered, golden_picture)
    written = ic.write_failure("example", altered, golden_picture, result)
    assert [p.name for p in written] == ["example-rendered.png", "example-golden.png",
                                         "example-difference.png"]
    difference = ic.load(written[2])
    assert tuple(difference[5, 5]) == (230, 0, 200)               # the change, in magenta
    assert np.array_equal(ic.load(written[0]), altered)


@pytest.mark.parametrize("name", ["large-tumour", "liver-probe"])
def test_a_round_tumour_is_drawn_round(qtbot, themed_app, computed_runs, name):
    """The outline is the tumour's own circle, not the staircase of its cells (1.25 mm cells
    on the four probes' slice put its corners up to 0.6 mm off)."""
    run = computed_runs[name]
    section = ic.make_section(qtbot, run, "patient", THEMES["default"])
    x, y = (a[np.isfinite(a)] for a in section.tumour_line._data)
    t = run.scenario.tumour
    centre = t.centre_depth * 1e3 if run.scenario.geometry == "probe" else 0.0
    off = np.abs(np.hypot(x, y - centre) - t.radius * 1e3)
    assert len(x) > 20 and off.max() < 0.1, off.max()
