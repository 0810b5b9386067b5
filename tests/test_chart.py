"""The temperature chart: palette colours, a scale that holds the whole curve, a readable key and
temperature labels at every text size, and words for a screen reader."""

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QWidget

from cryoviewer.ui import theme
from cryoviewer.ui.chart import MINUS, TemperatureChart, temperature_range, temperature_ticks
from cryoviewer.ui.palette import DEFAULT, HIGH_CONTRAST, PROJECTOR, THEMES, contrast

PALETTES = [DEFAULT, PROJECTOR, HIGH_CONTRAST]


class FakeRun:
    """What the chart reads of a run: phases, the scenario's cold source, and the series."""

    def __init__(self, edge, centre, surface_c=None, probe_c=None, lethal_c=-40.0):
        n = len(edge)
        self.scenario = SimpleNamespace(
            lethal_c=lethal_c,
            probe=SimpleNamespace(freeze_c=probe_c) if probe_c is not None else None,
            surface=SimpleNamespace(temperature=surface_c) if surface_c is not None else None)
        self.phases = [SimpleNamespace(kind="prepare", start=0.0, end=30.0),
                       SimpleNamespace(kind="freeze", start=30.0, end=330.0),
                       SimpleNamespace(kind="thaw", start=330.0, end=600.0)]
        self.steps = n
        self.series = {"time": np.linspace(0.0, 600.0, n), "edge_c": np.asarray(edge, float),
                       "centre_c": np.asarray(centre, float), "destroyed": np.zeros(n)}


def spray_run():
    """A liquid-nitrogen spray (−196 °C) whose centre reaches −185 °C."""
    t = np.linspace(0, 1, 50)
    return FakeRun(37 - 200 * np.sin(np.pi * t) ** 2, 37 - 222 * np.sin(np.pi * t) ** 2,
                   surface_c=-196.0)


@pytest.fixture
def chart(qtbot):
    widget = TemperatureChart()
    qtbot.addWidget(widget)
    return widget


def shown(qtbot, chart, width, height=320):
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    return chart.getPlotItem()


def text_height(px):
    font = QFont(theme.FONT_FAMILY)
    font.setPixelSize(px)
    return QFontMetrics(font).height()


def drawn_labels(axis):
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setFont(axis.style["tickFont"])
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in texts]


# -- the scale ------------------------------------------------------------------------------

def test_the_scale_holds_the_spray_and_the_whole_curve(chart):
    """The spray's surface is −196 °C: the scale once stopped at −165 °C and cut the curve."""
    run = spray_run()
    chart.set_run(run)
    low, high = chart.getPlotItem().vb.viewRange()[1]
    assert low <= -196.0 and low <= run.series["centre_c"].min()
    assert high >= 37.0
    assert low >= -196.0 - 20  # and not much beyond


def test_the_scale_grows_when_a_curve_reaches_beyond_it(chart):
    run = FakeRun([37.0, -100.0], [37.0, -120.0], probe_c=-100.0)
    chart.set_run(run)
    low, _ = chart.getPlotItem().vb.viewRange()[1]
    assert low <= -120.0
    run.series["centre_c"] = np.array([37.0, -120.0, -171.0])
    run.series["edge_c"] = np.array([37.0, -100.0, -150.0])
    run.series["time"] = np.array([0.0, 60.0, 120.0])
    run.steps = 3
    chart.refresh()
    low, _ = chart.getPlotItem().vb.viewRange()[1]
    assert low <= -171.0


@pytest.mark.parametrize("coldest, low, high", [(-196.0, -185.0, 37.0), (-150.0, -172.0, 37.0),
                                                (-40.0, -30.0, 37.0), (-160.0, 20.0, 44.0)])
def test_the_scale_holds_its_data_with_round_labels(coldest, low, high):
    bottom, top = temperature_range(coldest, low, high)
    assert bottom < min(coldest, low) and top > high and bottom % 10 == 0
    ticks = temperature_ticks(bottom, top)
    values = [v for v, _ in ticks]
    assert 3 <= len(values) <= 7
    assert all(v % 10 == 0 and bottom <= v <= top for v in values)
    assert len(set(np.diff(values))) == 1  # evenly spaced
    assert 0 in values
    assert all(label == str(v).replace("-", MINUS) for v, label in ticks)


@pytest.mark.parametrize("px", [14, 24, 36])
def test_temperature_labels_never_touch_and_the_lowest_is_drawn(qtbot, chart, px):
    chart.set_run(spray_run())
    chart.set_text_px(px)
    plot = shown(qtbot, chart, chart.key_width, 320)
    axis = plot.getAxis("left")
    values = [v for v, _ in chart.ticks]
    low, high = plot.vb.viewRange()[1]
    pixels_apart = (values[1] - values[0]) * plot.vb.height() / (high - low)
    assert pixels_apart >= 1.2 * text_height(px)
    assert drawn_labels(axis) == [label for _, label in chart.ticks]  # none hidden
    assert values[0] - low < 20  # the lowest label is near the coldest temperatures


# -- colours --------------------------------------------------------------------------------

def colour_of(pen):
    return pen.color().name()


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_set_palette_recolours_everything(chart, palette):
    chart.set_run(spray_run())
    chart.set_text_px(18)
    chart.set_palette(palette)
    plot = chart.getPlotItem()
    assert chart.backgroundBrush().color() == QColor(palette.paper)
    assert colour_of(chart.edge.opts["pen"]) == palette.chart_edge
    assert colour_of(chart.centre.opts["pen"]) == palette.chart_centre
    assert colour_of(chart.lethal.pen) == palette.lethal_edge
    assert chart.lethal.pen.style() == Qt.PenStyle.DashLine
    assert colour_of(chart.cursor.pen) == palette.cursor
    assert chart.edge.opts["pen"].widthF() == pytest.approx(palette.width(3))
    assert chart.cursor.pen.widthF() == pytest.approx(palette.width(2))
    assert chart.regions and all(r.brush.color() == QColor(palette.chart_freeze)
                                 for r in chart.regions)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        assert colour_of(axis.textPen()) == palette.ink
        assert colour_of(axis.pen()) == palette.muted
        assert palette.ink in axis.label.toHtml()  # the axis's name reads like the numbers
    html = plot.titleLabel.item.toHtml()
    for colour in (palette.chart_edge, palette.chart_centre, palette.lethal_edge):
        assert colour in html


def test_the_chart_starts_in_the_default_palette(chart):
    assert chart.backgroundBrush().color() == QColor(DEFAULT.paper)
    assert colour_of(chart.edge.opts["pen"]) == DEFAULT.chart_edge


@pytest.mark.parametrize("palette", PALETTES, ids=lambda p: p.name)
def test_the_key_reads_on_the_paper(chart, palette):
    chart.set_palette(palette)
    for colour, mark, words in chart.key_entries():
        assert contrast(colour, palette.paper) >= 4.5, (words, colour)
        assert mark and words


# -- the key ----------------------------------------------------------------------------------

@pytest.mark.parametrize("px", [14, 18, 24, 30, 36])
@pytest.mark.parametrize("name", list(THEMES))
def test_the_key_fits_above_the_plot_at_any_text_size(qtbot, chart, px, name):
    chart.set_run(spray_run())
    chart.set_palette(THEMES[name])
    chart.set_text_px(px)
    plot = shown(qtbot, chart, chart.key_width)
    title = plot.titleLabel
    text = title.item.boundingRect()
    assert text.height() >= 2 * text_height(px)  # two lines …
    assert title.geometry().height() >= text.height() - 0.5  # … not squeezed into 30 px
    assert title.geometry().bottom() <= plot.vb.geometry().top() + 0.5  # nor over the plot
    # key_width is enough: the key fits over the plot at exactly that width
    assert text.width() <= title.geometry().width() + 0.5
    assert title.geometry().left() >= plot.vb.geometry().left() - 0.5
    assert title.geometry().right() <= chart.width() + 0.5


def test_key_width_follows_the_text_size(chart):
    assert chart.key_width == 0  # before a text size is known
    chart.set_run(spray_run())
    chart.set_text_px(14)
    small = chart.key_width
    chart.set_text_px(28)
    assert chart.key_width > 1.6 * small


def test_the_key_survives_a_change_of_palette(chart):
    chart.set_text_px(22)
    chart.set_palette(HIGH_CONTRAST)
    html = chart.getPlotItem().titleLabel.item.toHtml()
    assert "22px" in html and HIGH_CONTRAST.chart_edge in html


# -- words and keyboard -----------------------------------------------------------------------

def test_the_chart_has_a_name_and_a_description(chart):
    assert chart.accessibleName()
    assert chart.accessibleDescription()  # a general one until the panel says more
    chart.set_description("The tumour's edge is at −45 °C, cold enough to destroy cells.")
    assert chart.accessibleDescription() == \
        "The tumour's edge is at −45 °C, cold enough to destroy cells."


def test_the_chart_is_not_a_keyboard_tab_stop(chart):
    for widget in (chart, chart.viewport(), *chart.findChildren(QWidget)):
        assert not widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


def test_the_cursor_moves_once_it_would_move_half_a_pixel(qtbot, chart, computed_runs):
    chart.set_run(computed_runs["liver-probe"])
    shown(qtbot, chart, 600)
    chart.set_time(600.0)
    minutes_per_pixel = chart.getPlotItem().vb.viewPixelSize()[0]
    chart.set_time(600.0 + 60 * 0.2 * minutes_per_pixel)      # a fifth of a pixel: no repaint
    assert chart.cursor.value() == 10.0
    chart.set_time(600.0 + 60 * 0.6 * minutes_per_pixel)
    assert chart.cursor.value() == pytest.approx(10.0 + 0.6 * minutes_per_pixel)


def test_what_is_still_to_come_is_veiled(qtbot, chart, computed_runs):
    from PySide6.QtGui import QColor

    from cryoviewer.ui.palette import HIGH_CONTRAST

    run = computed_runs["liver-probe"]
    chart.set_run(run)
    shown(qtbot, chart, 600)
    chart.set_time(900.0)
    veil = chart.future.rect()
    assert veil.left() == pytest.approx(15.0) and veil.right() >= run.phases[-1].end / 60
    assert chart.future.zValue() > chart.centre.zValue() and \
        chart.cursor.zValue() > chart.future.zValue()     # over the curves, under "now"
    chart.set_palette(HIGH_CONTRAST)
    assert chart.future.brush().color().rgb() == QColor(HIGH_CONTRAST.paper).rgb()
    assert 0.5 <= chart.future.brush().color().alphaF() < 1     # faded, not hidden


def test_the_key_takes_a_line_an_entry_where_the_chart_is_narrow(qtbot, themed_app):
    from cryoviewer.ui.chart import TemperatureChart

    chart = TemperatureChart()
    qtbot.addWidget(chart)
    chart.set_text_px(20)
    chart.resize(chart.key_width + 40, 300)
    chart.show()
    title = chart.getPlotItem().titleLabel.text
    assert title.count("<br>") == 1          # wide enough: the curves, then the lethal line
    chart.resize(chart.key_width // 2, 300)
    assert chart.getPlotItem().titleLabel.text.count("<br>") == 2  # one entry a line
    assert title != chart.getPlotItem().titleLabel.text
