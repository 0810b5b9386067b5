"""The main window: composes the section list, the reader and the navigation controls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..content import Pack, Problem
from ..content.pairing import paragraph_at, section_for, section_step
from . import theme
from .diagram import DiagramPanel
from .reader import Reader
from .section_list import SectionList

ZOOM_STEPS = (1.0, 1.25, 1.5, 1.75, 2.0)  # text can grow to 200 %


class MainWindow(QMainWindow):
    """Sections on the left, the current section's text on the right, always in step."""

    section_changed = Signal(str)

    def __init__(self, pack: Pack, parent=None):
        super().__init__(parent)
        self.pack = pack
        self.current = -1
        self._following = False  # moving to a section because the diagram moved on
        self._settings = QSettings()
        saved = float(self._settings.value("reader/zoom", 1.0))
        self.zoom = min(ZOOM_STEPS, key=lambda z: abs(z - saved))
        self.setWindowTitle(f"CryoViewer — {pack.title}")

        self.sections = SectionList()
        self.sections.set_sections(pack.sections)
        self.sections.currentRowChanged.connect(self.show_index)
        self.reader = Reader()
        self.reader.section_requested.connect(self.show_section)
        self.reader.external_link_refused.connect(self._refuse_link)

        self.title = QLabel(objectName="sectionTitle", wordWrap=True)
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.notice.hide()
        self.previous_button = QPushButton(self.tr("◀  Previous"))
        self.next_button = QPushButton(self.tr("Next  ▶"))
        self.position = QLabel(objectName="position", alignment=Qt.AlignmentFlag.AlignCenter)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.smaller_button = QPushButton(self.tr("A−"))
        self.larger_button = QPushButton(self.tr("A+"))
        self.smaller_button.setAccessibleName(self.tr("Smaller text"))
        self.larger_button.setAccessibleName(self.tr("Larger text"))
        self.smaller_button.clicked.connect(lambda: self.step_zoom(-1))
        self.larger_button.clicked.connect(lambda: self.step_zoom(+1))

        self.diagram = DiagramPanel(pack)
        self.diagram.moment_changed.connect(self._follow_diagram)
        first = section_step(pack, pack.sections[0]) if pack.sections else None
        if first:  # its simulation starts now, while the rest of the window is built
            self.diagram.preparer.run(first[0])

        self.setCentralWidget(self._build())
        for widget in (self.sections, self.reader, self.sections.viewport(),
                       self.reader.viewport()):
            widget.installEventFilter(self)
        self.show_index(0)

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> QWidget:
        header = QWidget(objectName="header")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(20, 4, 12, 4)
        self.pack_title = QLabel(self.pack.title)
        header_row.addWidget(self.pack_title, 1)
        header_row.addWidget(self.smaller_button)
        header_row.addWidget(self.larger_button)

        navigation = QWidget(objectName="navigation")
        nav_row = QHBoxLayout(navigation)
        nav_row.setContentsMargins(0, 8, 0, 0)
        nav_row.addWidget(self.previous_button)
        nav_row.addWidget(self.position, 1)
        nav_row.addWidget(self.next_button)

        # The stage holds the reading column and, beside it, the animated diagram.
        stage = QWidget(objectName="stage")
        self.stage_row = QHBoxLayout(stage)
        self.stage_row.setContentsMargins(0, 0, 0, 0)
        reading = QVBoxLayout()
        reading.setContentsMargins(28, 20, 28, 18)
        reading.addWidget(self.title)
        reading.addWidget(self.reader, 1)
        reading.addWidget(self.notice)
        reading.addWidget(navigation)
        self.stage_row.addLayout(reading, 2)
        self.stage_row.addWidget(self.diagram, 3)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sections)
        body.addWidget(stage, 1)

        root = QWidget()
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(header)
        column.addLayout(body, 1)
        return root

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_sizes()
        self._fit_title()

    def _fit_title(self) -> None:
        """A long title wraps; nested layouts do not ask for the extra lines, so reserve them."""
        self.title.setMinimumHeight(self.title.heightForWidth(max(1, self.title.width())))

    def _apply_sizes(self) -> None:
        """Scale type and the section list to the window: a kiosk and a laptop both read well."""
        px = theme.text_px(self.height(), self.zoom)
        self.reader.set_text_px(px)
        title_font = QFont(self.title.font())
        title_font.setPixelSize(round(px * 1.45))
        self.title.setFont(title_font)
        ui_px = theme.text_px(self.height(), 1.0)
        list_font = QFont(self.sections.font())
        list_font.setPixelSize(max(16, round(ui_px * 0.95)))
        self.sections.setFont(list_font)
        self.sections.setFixedWidth(max(300, min(460, round(self.width() * 0.24))))
        for label in (self.pack_title, self.position, self.notice):
            font = QFont(label.font())
            font.setPixelSize(max(16, round(ui_px * 0.9)))
            label.setFont(font)
        for button in (self.previous_button, self.next_button, self.smaller_button,
                       self.larger_button):
            font = QFont(button.font())
            font.setPixelSize(max(16, round(ui_px * 0.85)))
            button.setFont(font)
        self.diagram.set_text_px(ui_px)
        self.smaller_button.setEnabled(self.zoom > ZOOM_STEPS[0])
        self.larger_button.setEnabled(self.zoom < ZOOM_STEPS[-1])

    # -- navigation ---------------------------------------------------------------------------

    def show_index(self, index: int) -> None:
        """Show the section at a position in reading order (out-of-range positions are ignored)."""
        if not 0 <= index < len(self.pack.sections) or index == self.current:
            return
        self.current = index
        section = self.pack.sections[index]
        self.title.setText(section.title)
        self._fit_title()
        self.reader.show_section(section)
        self.notice.hide()
        self.sections.setCurrentRow(index)
        self.sections.scrollToItem(self.sections.item(index))
        self.position.setText(self.tr("{0} of {1}").format(index + 1, len(self.pack.sections)))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pack.sections) - 1)
        if not self._following:
            step = section_step(self.pack, section)
            if step:
                self.diagram.show_step(*step)
        self._highlight()
        self.section_changed.emit(section.id)

    # -- pairing with the diagram ---------------------------------------------------------

    def _follow_diagram(self, moved: bool) -> None:
        """Keep the text in step with the diagram: the right section (when the diagram moved
        on by itself) and the paragraph about the moment shown."""
        moment = self.diagram.moment()
        if moved and moment is not None:
            phase = moment.phase
            target = section_for(self.pack, self.current, self.diagram.scenario_id, phase.id,
                                 phase.kind)
            if target != self.current:
                self._following = True
                try:
                    self.show_index(target)
                finally:
                    self._following = False
        self._highlight(scroll=moved)

    def _highlight(self, scroll: bool = False) -> None:
        moment = self.diagram.moment()
        if moment is None or self.current < 0:
            self.reader.highlight_paragraph(None)
            return
        section = self.pack.sections[self.current]
        self.reader.highlight_paragraph(paragraph_at(
            section, self.diagram.scenario_id, moment.phase.id, moment.phase.kind,
            moment.fraction), scroll)

    def closeEvent(self, event) -> None:
        self.diagram.shutdown()
        super().closeEvent(event)

    def show_section(self, section_id: str) -> bool:
        """Show a section by id; False if the pack has none with that id."""
        try:
            self.show_index(self.pack.index_of(section_id))
        except ValueError:
            return False
        return True

    def next(self) -> None:
        self.show_index(self.current + 1)

    def previous(self) -> None:
        self.show_index(self.current - 1)

    def current_section_id(self) -> str:
        return self.pack.sections[self.current].id

    def step_zoom(self, direction: int) -> None:
        position = ZOOM_STEPS.index(self.zoom) + direction
        if 0 <= position < len(ZOOM_STEPS):
            self.zoom = ZOOM_STEPS[position]
            self._settings.setValue("reader/zoom", self.zoom)
            self._apply_sizes()

    def _refuse_link(self, target: str) -> None:
        self.notice.setText(self.tr("That link leads outside this viewer, so it cannot be "
                                    "opened here. Please ask a member of staff."))
        self.notice.show()

    # -- keyboard -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self._navigate(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._navigate(event):
            super().keyPressEvent(event)

    def _navigate(self, event: QKeyEvent) -> bool:
        """Arrows, Page Up/Down, Home/End and digits move between sections; Space plays or
        pauses the diagram."""
        key, modifiers = event.key(), event.modifiers()
        K = Qt.Key
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            zoom_keys = {K.Key_Plus: 1, K.Key_Equal: 1, K.Key_Minus: -1}
            if key in zoom_keys:
                self.step_zoom(zoom_keys[key])
                return True
            return False
        if modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        scroll = self.reader.verticalScrollBar()
        if key == K.Key_Space:
            self.diagram.toggle_play()
            return True
        if key in (K.Key_PageDown, K.Key_PageUp):
            # Page through a long section first, then move on: like turning pages of a leaflet.
            down = key == K.Key_PageDown
            if (scroll.value() < scroll.maximum()) if down else (scroll.value() > scroll.minimum()):
                scroll.setValue(scroll.value() + (1 if down else -1) * scroll.pageStep())
            else:
                self.next() if down else self.previous()
            return True
        if key in (K.Key_Right, K.Key_Down):
            self.next()
        elif key in (K.Key_Left, K.Key_Up):
            self.previous()
        elif key == K.Key_Home:
            self.show_index(0)
        elif key == K.Key_End:
            self.show_index(len(self.pack.sections) - 1)
        elif K.Key_1 <= key <= K.Key_9:
            self.show_index(key - K.Key_1)
        else:
            return False
        return True

    # -- problems -----------------------------------------------------------------------------

    def report_rejected_pack(self, root, problems: list[Problem]) -> QMessageBox:
        """Tell the administrator why their pack was not used; the built-in one is showing."""
        errors = [p for p in problems if p.severity == "error"]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Content not loaded"),
                          self.tr("The content in {0} could not be used, so the built-in "
                                  "content is shown instead.").format(root), parent=self)
        box.setInformativeText(self.tr("{0} problem(s) found. The first one:\n{1}")
                               .format(len(errors), errors[0] if errors else ""))
        box.setDetailedText("\n".join(str(p) for p in problems))
        box.setObjectName("packProblems")
        box.open()
        return box
