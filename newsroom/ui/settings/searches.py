"""The Searches page: add, edit, remove and reorder searches; check queries as you type; "Test now"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsroom.config import Config
from newsroom.domain import Search
from newsroom.ui.settings.common import Jobs, Page, Problem, buddy_label, error_label, tr
from newsroom.ui.settings.model import Draft
from newsroom.ui.settings.probes import SourceTest, test_search, with_typed_secrets
from newsroom.ui.settings.query_field import QueryField, query_problem

#: the sources a search can ask, in the order they are offered, with their names
SOURCES: tuple[tuple[str, str], ...] = (
    ("rss", "RSS/Atom feeds"), ("gnews", "Google News"), ("bing", "Bing News"), ("gdelt", "GDELT"),
    ("mastodon", "Mastodon"), ("bluesky", "Bluesky"), ("youtube", "YouTube"), ("x", "X"))
LANGUAGES: tuple[tuple[str, str], ...] = (("nl", "Dutch"), ("en", "English"), ("fr", "French"))


class SearchesPage(Page):
    """Searches on the left, the selected one's editor on the right."""

    title = "&Searches"

    def __init__(self, jobs: Jobs, config_for_tests: Callable[[], Config],
                 parent: QWidget | None = None, *,
                 secrets_for_tests: Callable[[], dict[str, str]] = dict) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.config_for_tests = config_for_tests
        #: keys typed on the other pages and not saved: "Test now" tries them (nothing is stored)
        self.secrets_for_tests = secrets_for_tests
        self.searches: list[Search] = []
        self._current = -1
        self._loading = False
        self._pending: dict[str, QTreeWidgetItem] = {}
        self._answers: list[SourceTest] = []

        left = self._build_list()
        self._build_editor()
        root = QHBoxLayout(self)
        root.addLayout(left, 1)
        root.addWidget(self.editor, 3)
        self._update_buttons()

    def _build_list(self) -> QVBoxLayout:
        """The searches' names with Add, Remove, Move up and Move down under them."""
        self.list = QListWidget(self)
        self.list.setObjectName("searchList")
        self.list.currentRowChanged.connect(self._select)
        self.add_button = QPushButton(tr("&Add"), self)
        self.remove_button = QPushButton(tr("&Remove"), self)
        self.up_button = QPushButton(tr("Move &up"), self)
        self.down_button = QPushButton(tr("Move do&wn"), self)
        self.add_button.clicked.connect(self.add_search)
        self.remove_button.clicked.connect(self.remove_search)
        self.up_button.clicked.connect(lambda: self.move_search(-1))
        self.down_button.clicked.connect(lambda: self.move_search(1))
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.remove_button, 0, 1)
        buttons.addWidget(self.up_button, 1, 0)
        buttons.addWidget(self.down_button, 1, 1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        return left

    def _build_editor(self) -> None:
        """The selected search's editor: name, query, sources, languages (each edit is kept at once),
        then "Test now" and its results."""
        self.editor = QGroupBox(tr("Search"), self)
        form = QFormLayout(self.editor)
        self._add_name_and_query(form)
        self._add_sources_and_languages(form)
        self.name.textEdited.connect(self._store_current)
        self.query.edit.textEdited.connect(self._store_current)
        self._add_test(form)

    def _add_name_and_query(self, form: QFormLayout) -> None:
        """The name with its error line; the query (checked as it is typed) with a line of help."""
        self.name = QLineEdit(self.editor)
        self.name.setObjectName("searchName")
        self.name_error = error_label(self.editor)
        name_box = QVBoxLayout()
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_error)
        name_label = buddy_label(tr("&Name"), self.name, self.editor)
        form.addRow(name_label, name_box)
        self.query = QueryField(self.editor)
        query_label = buddy_label(tr("&Query"), self.query.edit, self.editor)
        hint = QLabel(tr('Words, "exact phrases", OR, -leave out, #hashtags and (brackets).'), self.editor)
        hint.setObjectName("fieldHelp")
        hint.setStyleSheet("#fieldHelp { color: #555; }")
        query_box = QVBoxLayout()
        query_box.addWidget(self.query)
        query_box.addWidget(hint)
        form.addRow(query_label, query_box)

    def _add_sources_and_languages(self, form: QFormLayout) -> None:
        """A box per source (four a row) with the sources' error line, a box per language."""
        self.source_boxes: dict[str, QCheckBox] = {}
        sources = QGridLayout()
        for i, (key, name) in enumerate(SOURCES):
            box = QCheckBox(tr(name), self.editor)
            box.setObjectName(f"searchSource:{key}")
            self.source_boxes[key] = box
            sources.addWidget(box, i // 4, i % 4)
            box.toggled.connect(self._store_current)
        self.sources_error = error_label(self.editor)
        sources_box = QVBoxLayout()
        sources_box.addLayout(sources)
        sources_box.addWidget(self.sources_error)
        form.addRow(QLabel(tr("Sources"), self.editor), sources_box)
        self.language_boxes: dict[str, QCheckBox] = {}
        languages = QHBoxLayout()
        for key, name in LANGUAGES:
            box = QCheckBox(tr(name), self.editor)
            self.language_boxes[key] = box
            languages.addWidget(box)
            box.toggled.connect(self._store_current)
        languages.addStretch(1)
        form.addRow(QLabel(tr("Languages"), self.editor), languages)

    def _add_test(self, form: QFormLayout) -> None:
        """"Test now" with its status line, and the tree of what each source answered."""
        self.test_button = QPushButton(tr("&Test now"), self.editor)
        self.test_button.setObjectName("testNow")
        self.test_button.clicked.connect(self.test_now)
        self.test_status = QLabel("", self.editor)
        self.test_status.setTextFormat(Qt.TextFormat.PlainText)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_status, 1)
        form.addRow(test_row)
        self.results = QTreeWidget(self.editor)
        self.results.setObjectName("testResults")
        self.results.setHeaderLabels([tr("Source"), tr("Mentions"), tr("Sample or error")])
        self.results.setRootIsDecorated(True)
        self.results.setColumnWidth(0, 160)
        self.results.setColumnWidth(1, 90)
        form.addRow(self.results)

    # --- list -----------------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        self.searches = list(draft.searches)
        self._refill(0 if self.searches else -1)

    def _refill(self, select: int) -> None:
        self._loading = True
        self.list.clear()
        for s in self.searches:
            self.list.addItem(s.name or tr("(no name)"))
        self._loading = False
        self._current = -1
        self.list.setCurrentRow(select)
        if select < 0:
            self._select(-1)

    def _select(self, row: int) -> None:
        if self._loading:
            return
        self._current = row
        self.editor.setEnabled(row >= 0)
        self.results.clear()
        self._pending = {}
        self.test_status.clear()
        self.test_button.setEnabled(True)
        search = self.searches[row] if 0 <= row < len(self.searches) else Search("", "")
        self._loading = True
        self.name.setText(search.name)
        self.query.set_text(search.query)
        for key, box in self.source_boxes.items():
            box.setChecked(key in search.sources)
        for key, box in self.language_boxes.items():
            box.setChecked(key in search.languages)
        self._loading = False
        self.clear_problems()
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self._current
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.searches) - 1)

    def _editor_search(self) -> Search:
        row = self._current
        colour = self.searches[row].colour if 0 <= row < len(self.searches) else None
        return Search(self.name.text().strip(), self.query.text(),
                      tuple(k for k, b in self.source_boxes.items() if b.isChecked()),
                      tuple(k for k, b in self.language_boxes.items() if b.isChecked()), colour)

    def _store_current(self) -> None:
        if self._loading or not 0 <= self._current < len(self.searches):
            return
        search = self._editor_search()
        self.searches[self._current] = search
        item = self.list.item(self._current)
        if item is not None:
            item.setText(search.name or tr("(no name)"))

    def add_search(self) -> None:
        """A new search, selected, with the cursor in its name."""
        n = len(self.searches) + 1
        names = {s.name for s in self.searches}
        name = tr("Search %1").replace("%1", str(n))
        while name in names:
            n += 1
            name = tr("Search %1").replace("%1", str(n))
        self.searches.append(Search(name, "", ("gnews", "rss"), ("nl",)))
        self._refill(len(self.searches) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_search(self) -> None:
        """Remove the selected search."""
        row = self._current
        if 0 <= row < len(self.searches):
            del self.searches[row]
            self._refill(min(row, len(self.searches) - 1))

    def move_search(self, step: int) -> None:
        """Move the selected search up (-1) or down (+1)."""
        row, to = self._current, self._current + step
        if 0 <= row < len(self.searches) and 0 <= to < len(self.searches):
            self.searches[row], self.searches[to] = self.searches[to], self.searches[row]
            self._refill(to)

    # --- check and save -------------------------------------------------------------------

    def check(self) -> Problem | None:
        names: set[str] = set()
        for row, s in enumerate(self.searches):
            problem: Problem | None = None
            if not s.name:
                problem = Problem(self.name, tr("Give the search a name."))
            elif s.name in names:
                problem = Problem(self.name,
                                  tr("Another search is already called “%1”.").replace("%1", s.name))
            elif (found := _query_problem(s.query)) is not None:
                problem = Problem(self.query.edit, found)
            elif not s.sources:
                problem = Problem(self.source_boxes["rss"], tr("Choose at least one source for this search."))
            names.add(s.name)
            if problem is not None:
                self.list.setCurrentRow(row)
                return problem
        return None

    def show_problem(self, problem: Problem) -> None:
        if problem.widget is self.name:
            self.name_error.setText(problem.message)
            self.name_error.setVisible(True)
        elif problem.widget in self.source_boxes.values():
            self.sources_error.setText(problem.message)
            self.sources_error.setVisible(True)
        # a query problem is already shown under the query, with its caret

    def clear_problems(self) -> None:
        for label in (self.name_error, self.sources_error):
            label.clear()
            label.setVisible(False)

    def save(self, draft: Draft) -> None:
        draft.searches = list(self.searches)

    # --- test now -------------------------------------------------------------------------

    def test_now(self) -> None:
        """Run the search against its sources off the GUI thread; results land in the table."""
        if not 0 <= self._current < len(self.searches) or not self.test_button.isEnabled():
            return
        search = self._editor_search()
        problem = _query_problem(search.query)
        if problem is not None:
            self.test_status.setText(problem)
            return
        if not search.sources:
            self.test_status.setText(tr("Choose at least one source for this search."))
            return
        config = self.config_for_tests()
        secrets = self.secrets_for_tests()
        self.results.clear()
        self.test_button.setEnabled(False)
        self.test_status.setText(tr("Asking %1 sources…").replace("%1", str(len(search.sources))))
        # one job per source, so that a slow source does not hold up the others; a row each, in order
        self._pending = {}
        self._answers = []
        for name in search.sources:
            item = QTreeWidgetItem([tr(dict(SOURCES).get(name, name)), "…", tr("asking…")])
            self.results.addTopLevelItem(item)
            self._pending[name] = item
            self._ask(config, Search(search.name, search.query, (name,), search.languages), secrets)

    def _ask(self, config: Config, one: Search, secrets: dict[str, str]) -> None:
        name = one.sources[0]

        def failed(message: str) -> None:
            self._tested(SourceTest(name, name, 0, error=message))

        self.jobs.run(with_typed_secrets(secrets, lambda: test_search(config, one)[0]), self._tested, failed)

    def _tested(self, r: SourceTest) -> None:
        item = self._pending.pop(r.source, None)
        if item is None:  # a test from before the list was cleared
            return
        self._answers.append(r)
        item.setText(0, r.title)
        item.setText(1, "—" if r.error else str(r.count))
        item.setText(2, tr("Error: %1").replace("%1", r.error) if r.error else "")
        item.setData(0, Qt.ItemDataRole.UserRole, r.source)
        if r.error:
            item.setForeground(2, Qt.GlobalColor.darkRed)
            item.setToolTip(2, r.error)
        for sample in r.samples:
            child = QTreeWidgetItem(["", "", sample])
            child.setToolTip(2, sample)
            item.addChild(child)
        item.setExpanded(True)
        if self._pending:
            return
        self.test_button.setEnabled(True)
        total = sum(a.count for a in self._answers)
        failed = sum(1 for a in self._answers if a.error)
        status = tr("%1 mentions found").replace("%1", str(total))
        if failed:
            status += " · " + tr("%1 sources failed").replace("%1", str(failed))
        self.test_status.setText(status)


def _query_problem(text: str) -> str | None:
    found = query_problem(text)
    return found[0] if found else None
