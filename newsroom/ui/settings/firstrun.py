"""The first-run path: town name, first search, sources, done — it leaves a config the doctor accepts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from newsroom.domain import Search
from newsroom.ui.settings.common import buddy_label, error_label, tr
from newsroom.ui.settings.model import Draft
from newsroom.ui.settings.query_field import QueryField

#: offered on the first run: sources that need no account
FIRST_SOURCES: tuple[tuple[str, str, bool], ...] = (
    ("gnews", "Google News", True), ("gdelt", "GDELT (news sites worldwide)", True),
    ("mastodon", "Mastodon (hashtags)", True), ("rss", "RSS feeds of local media (addresses below)", False))


#: the first-run path's width at most (a column, centred)
COLUMN_WIDTH = 900


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.4)
    else:
        font.setPixelSize(round(font.pixelSize() * 1.4))
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _text(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _step(heading: str, intro: str = "") -> tuple[QWidget, QVBoxLayout]:
    """A page of the path with its heading and, when given, a line of introduction under it."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(_heading(heading, page))
    if intro:
        layout.addWidget(_text(intro, page))
    return page, layout


class FirstRun(QWidget):
    """Four steps; ``finished`` carries the draft to save, ``skipped`` goes to the full settings."""

    finished = Signal(object)
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = QStackedWidget(self)
        for page in (self._town_step(), self._search_step(), self._sources_step(), self._done_step()):
            self.steps.addWidget(page)
        buttons = self._buttons()
        self._lay_out(buttons)
        self._show(0)

    def _town_step(self) -> QWidget:
        """1. The town's name."""
        town, t = _step(tr("Welcome to Newsroom Wall"),
                        tr("Four short steps and the wall follows what is said online about your town. "
                           "Everything can be changed later in the settings (Ctrl+, or F2 on the wall)."))
        self.town = QLineEdit(town)
        self.town.setObjectName("firstTown")
        label = buddy_label(tr("Name of the &town or municipality"), self.town, town)
        self.town_error = error_label(town)
        for w in (label, self.town, self.town_error):
            t.addWidget(w)
        t.addStretch(1)
        return town

    def _search_step(self) -> QWidget:
        """2. The first search: its name and query."""
        search, s = _step(tr("Your first search"),
                          tr('What should the wall look for? Words, "exact phrases", OR, -leave out and '
                             "#hashtags. The town's own name is a good start."))
        self.search_name = QLineEdit(search)
        self.search_name.setObjectName("firstSearchName")
        name_label = buddy_label(tr("&Name of the search"), self.search_name, search)
        self.query = QueryField(search)
        query_label = buddy_label(tr("&Query"), self.query.edit, search)
        widgets: tuple[QWidget, ...] = (name_label, self.search_name, query_label, self.query)
        for item in widgets:
            s.addWidget(item)
        s.addStretch(1)
        return search

    def _sources_step(self) -> QWidget:
        """3. The sources that need no account, and local media's feed addresses (one typed ticks RSS)."""
        sources, o = _step(tr("Where to look"),
                           tr("These sources need no account. Bluesky and X need keys: add them later on "
                              "the Sources page."))
        self.source_boxes: dict[str, QCheckBox] = {}
        for key, name, on in FIRST_SOURCES:
            box = QCheckBox(tr(name), sources)
            box.setObjectName(f"firstSource:{key}")
            box.setChecked(on)
            self.source_boxes[key] = box
            o.addWidget(box)
        self.feeds = QPlainTextEdit(sources)
        self.feeds.setObjectName("firstFeeds")
        self.feeds.setTabChangesFocus(True)
        self.feeds.setPlaceholderText("https://www.vrt.be/vrtnws/nl.rss.articles.xml")
        self.feeds.setFixedHeight(self.feeds.fontMetrics().lineSpacing() * 4 + 12)
        # a feed address typed means RSS is wanted
        self.feeds.textChanged.connect(
            lambda: self.source_boxes["rss"].setChecked(True) if self.feed_list() else None)
        self.sources_error = error_label(sources)
        o.addWidget(self.feeds)
        o.addWidget(self.sources_error)
        o.addStretch(1)
        return sources

    def _done_step(self) -> QWidget:
        """4. Ready: a summary of what will be saved."""
        done, d = _step(tr("Ready"))
        self.summary = _text("", done)
        d.addWidget(self.summary)
        d.addStretch(1)
        return done

    def _buttons(self) -> QHBoxLayout:
        """Skip to all settings on the left; Back and Next (Finish on the last step) on the right."""
        self.back = QPushButton(tr("&Back"), self)
        self.next = QPushButton(tr("&Next"), self)
        self.next.setObjectName("firstNext")
        self.next.setDefault(True)
        self.skip = QPushButton(tr("&Skip to all settings"), self)
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        self.skip.clicked.connect(self.skipped)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        return buttons

    def _lay_out(self, buttons: QHBoxLayout) -> None:
        """Where the operator is on the path over the steps and the buttons, in one readable column in
        the middle of a big screen (not lines 1,400 pixels long)."""
        #: "Stap 1 van 4 · Gemeente": where the operator is on the path
        self.progress = QLabel("", self)
        self.progress.setObjectName("firstProgress")
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.progress.setStyleSheet("#firstProgress { color: #555; }")
        column = QWidget(self)
        column.setMaximumWidth(COLUMN_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.progress)
        inner.addWidget(self.steps, 1)
        inner.addLayout(buttons)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(column, 4)
        middle.addStretch(1)
        root = QVBoxLayout(self)
        root.addStretch(1)
        root.addLayout(middle, 6)
        root.addStretch(2)

    def _show(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        names = (tr("Town"), tr("First search"), tr("Sources"), tr("Ready"))
        self.progress.setText(tr("Step %1 of %2").replace("%1", str(index + 1)).replace(
            "%2", str(len(names))) + " · " + " › ".join(
            f"[{n}]" if i == index else n for i, n in enumerate(names)))
        self.back.setEnabled(index > 0)
        self.next.setText(tr("&Finish") if index == self.steps.count() - 1 else tr("&Next"))
        targets: dict[int, QWidget] = {0: self.town, 1: self.query.edit,
                                       2: next(iter(self.source_boxes.values()))}
        focus = targets.get(index, self.next)
        focus.setFocus()

    def go_back(self) -> None:
        """One step back."""
        self._show(max(0, self.steps.currentIndex() - 1))

    def go_next(self) -> None:
        """Check this step and go on; on the last step, hand over the draft."""
        index = self.steps.currentIndex()
        if index == 0:
            name = self.town.text().strip()
            if not name:
                self.town_error.setText(tr("Type the name of your town or municipality."))
                self.town_error.setVisible(True)
                return
            self.town_error.setVisible(False)
            if not self.search_name.text().strip():
                self.search_name.setText(name)
            if not self.query.text():
                self.query.set_text('"' + name.replace('"', " ") + '"')
        elif index == 1:
            if not self.search_name.text().strip():
                self.search_name.setText(self.town.text().strip())
            if self.query.problem():
                self.query.edit.setFocus()
                return
        elif index == 2:
            problem = self._sources_problem()
            if problem:
                self.sources_error.setText(problem)
                self.sources_error.setVisible(True)
                return
            self.sources_error.setVisible(False)
            self.summary.setText(tr("The wall “%1” will look for %2 on %3. Press Finish to save; the wall "
                                    "starts collecting.").replace("%1", self.town.text().strip())
                                 .replace("%2", self.query.text())
                                 .replace("%3", ", ".join(self.source_boxes[k].text().replace("&", "")
                                                          for k in self.chosen_sources())))
        else:
            self.finished.emit(self.draft())
            return
        self._show(index + 1)

    def chosen_sources(self) -> list[str]:
        """The ticked sources, in the order offered."""
        return [k for k, b in self.source_boxes.items() if b.isChecked()]

    def feed_list(self) -> list[str]:
        """The RSS feed addresses typed, one per line."""
        return [line.strip() for line in self.feeds.toPlainText().splitlines() if line.strip()]

    def _sources_problem(self) -> str | None:
        if not self.chosen_sources():
            return tr("Choose at least one source.")
        for feed in self.feed_list():
            if not feed.startswith(("http://", "https://")):
                return tr("“%1” is not a web address (it must start with http:// or https://).").replace(
                    "%1", feed)
        if "rss" in self.chosen_sources() and not self.feed_list():
            return tr("Type at least one feed address, or untick RSS.")
        return None

    def draft(self) -> Draft:
        """The settings of the four steps."""
        values: dict[str, object] = {"wall.name": self.town.text().strip()}
        if self.feed_list():
            values["sources.rss.feeds"] = self.feed_list()
        search = Search(self.search_name.text().strip() or self.town.text().strip(), self.query.text(),
                        tuple(self.chosen_sources()), ("nl",))
        return Draft(values, [search])
