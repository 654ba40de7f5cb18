"""A page generated from the schema: one field per setting, in titled sections."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from newsroom.config import Config
from newsroom.domain import WallSnapshot
from newsroom.paths import AppPaths
from newsroom.ui.settings import model
from newsroom.ui.settings.common import Jobs, Page, Problem, tr
from newsroom.ui.settings.fields import SettingField
from newsroom.ui.settings.model import Draft


@dataclass
class Context:
    """What pages need from the dialog."""

    lang: str
    paths: AppPaths
    config_file: Path
    jobs: Jobs
    #: the values on every page now, unchecked, as a Config (for tests and previews)
    current_config: Callable[[], Config]
    #: the values on every page now, as a draft
    current_draft: Callable[[], Draft]
    #: show another draft on every page (import)
    load_draft: Callable[[Draft], None]
    snapshot: WallSnapshot | None = None
    #: the secrets typed on every page and not saved yet (key -> value, "" for removed)
    typed_secrets: Callable[[], dict[str, str]] = dict
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """A titled group of settings (English source title, translated when shown)."""

    title: str
    keys: tuple[str, ...]
    note: str = ""
    #: the column it stands in on a page of several (None: by turns)
    column: int | None = None


#: which page shows a key that no page names explicitly: by prefix, else the Data page
PAGE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("wall.crisis_min_severity", "alerts"), ("sources.", "sources"), ("network.", "sources"),
    ("alerts.", "alerts"), ("wall.", "display"),
    ("display.", "display"), ("pipeline.", "display"))


def page_of(key: str) -> str:
    """'sources', 'alerts', 'display' or 'data'."""
    return next((page for prefix, page in PAGE_PREFIXES if key.startswith(prefix)), "data")


def keys_for(page: str) -> list[str]:
    """Every editable key of a page, in schema order ('dict' settings are not edited here)."""
    return [k for k, s in model.settings().items() if page_of(k) == page and s.type != "dict"]


class SchemaPage(Page):
    """Sections of generated fields in a scroll area, and room on the right (``side``)."""

    def __init__(self, ctx: Context, sections: Iterable[Section], parent: QWidget | None = None, *,
                 columns: int = 1) -> None:
        """``columns``: sections side by side, row by row (a long page, such as Sources, halves)."""
        super().__init__(parent)
        self.ctx = ctx
        self.fields: dict[str, SettingField] = {}
        self.groups: dict[str, QGroupBox] = {}
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        row = QHBoxLayout()
        row.setSpacing(16)
        stacks = [QVBoxLayout() for _ in range(columns)]
        for stack in stacks:
            row.addLayout(stack, 1)
        self.body_layout.addLayout(row)
        declared = model.settings()
        for index, section in enumerate(sections):
            keys = [k for k in section.keys if k in declared]
            group = QGroupBox(tr(section.title), body)
            group.setObjectName(f"section:{section.title}")
            layout = QVBoxLayout(group)
            if section.note:
                note = QLabel(tr(section.note), group)
                note.setWordWrap(True)
                note.setTextFormat(Qt.TextFormat.PlainText)
                note.setObjectName("sectionNote")
                note.setStyleSheet("#sectionNote { font-style: italic; }")
                layout.addWidget(note)
            for key in keys:
                f = SettingField(declared[key], ctx.lang, group)
                self.fields[key] = f
                layout.addWidget(f)
            self.groups[section.title] = group
            column = section.column if section.column is not None else index % columns
            stacks[min(column, columns - 1)].addWidget(group)
        for stack in stacks:
            stack.addStretch(1)
        self.body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the page list to the first field
        self.scroll_area = scroll
        self.side = QVBoxLayout()
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(scroll, 3)
        root.addLayout(self.side, 0)

    def load(self, draft: Draft) -> None:
        for key, f in self.fields.items():
            f.set_value(draft.get(key))
        self.clear_problems()

    def check(self) -> Problem | None:
        for f in self.fields.values():
            message = f.problem()
            if message:
                return Problem(f.editor, message)
        return None

    def show_problem(self, problem: Problem) -> None:
        for f in self.fields.values():
            if f.editor is problem.widget:
                f.show_error(problem.message)
                self.scroll_area.ensureWidgetVisible(f)

    def clear_problems(self) -> None:
        for f in self.fields.values():
            f.show_error("")

    def save(self, draft: Draft) -> None:
        for key, f in self.fields.items():
            if f.setting.secret:
                typed = f.typed_secret()
                if typed is not None:
                    draft.secrets[key] = typed
            else:
                draft.values[key] = f.value()

    def typed_secrets(self) -> dict[str, str]:
        """The secrets typed on this page and not saved yet ("" for one to be removed)."""
        out: dict[str, str] = {}
        for key, f in self.fields.items():
            typed = f.typed_secret()
            if typed is not None:
                out[key] = typed
        return out

    def peek(self, draft: Draft) -> None:
        """Put the values that can be read into ``draft`` (for tests and previews; nothing checked)."""
        for key, f in self.fields.items():
            if not f.setting.secret and f.problem() is None:
                draft.values[key] = f.value()
