"""One query language for every search: words, "exact phrases", OR, implicit AND, -exclusion,
#hashtags and parentheses.

``parse_query`` turns the text into a tree once; ``Query.matches`` applies it locally to any
text (accent- and case-insensitive, on word boundaries: "Gent" does not match "agent"); the
``to_*`` functions translate it for services that can search. A ``#tag`` matches the hashtag
or the bare word, because news articles name a town without the hash sign.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


class QueryError(ValueError):
    """A query that cannot be parsed, with the position (1-based) where the problem is."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


def fold(text: str) -> str:
    """Lower-case without accents: 'Één Café' -> 'een cafe'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    body = r"\W+".join(re.escape(fold(w)) for w in words)
    return re.compile(rf"(?<!\w)#?{body}(?!\w)")


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a phrase (several words) or a hashtag."""

    words: tuple[str, ...]
    hashtag: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        """Regular expression on folded text, bounded by non-word characters."""
        return _pattern(self.words)

    def text(self) -> str:
        """The term as written in the query language."""
        if self.hashtag:
            return "#" + self.words[0]
        return f'"{" ".join(self.words)}"' if len(self.words) > 1 else self.words[0]


@dataclass(frozen=True, slots=True)
class Not:
    """Exclusion: the text must not match ``node``."""

    node: Node


@dataclass(frozen=True, slots=True)
class All:
    """Implicit AND."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """OR."""

    nodes: tuple[Node, ...]


Node = Term | Not | All | AnyOf

_TOKEN = re.compile(r'\s+|"|\(|\)|-(?=[^\s)])|[^\s()"]+')


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query."""

    source: str
    root: Node

    def matches(self, text: str) -> bool:
        """True when ``text`` satisfies the query."""
        return _eval(self.root, fold(text))

    def allows(self, text: str) -> bool:
        """True unless ``text`` hits an exclusion: for services that matched the positive part on
        text we never see (GDELT searches article bodies and returns only titles)."""
        return _eval(self.root, fold(text), lenient=True)

    def terms(self) -> list[str]:
        """Positive words, phrases and hashtags (without '#'), for keeping them out of word clouds."""
        out: list[str] = []
        _collect(self.root, out, negated=False)
        return out

    def hashtags(self) -> list[str]:
        """Positive hashtags without '#', e.g. for Mastodon hashtag timelines."""
        found: list[Term] = []
        _positive_terms(self.root, found, negated=False)
        return [t.words[0] for t in found if t.hashtag]


def _eval(node: Node, folded: str, *, lenient: bool = False) -> bool:
    if isinstance(node, Term):
        return lenient or node.pattern.search(folded) is not None
    if isinstance(node, Not):
        return not _eval(node.node, folded)
    if isinstance(node, All):
        return all(_eval(n, folded, lenient=lenient) for n in node.nodes)
    return any(_eval(n, folded, lenient=lenient) for n in node.nodes)


def _positive_terms(node: Node, out: list[Term], *, negated: bool) -> None:
    if isinstance(node, Term):
        if not negated:
            out.append(node)
    elif isinstance(node, Not):
        _positive_terms(node.node, out, negated=not negated)
    else:
        for n in node.nodes:
            _positive_terms(n, out, negated=negated)


def _collect(node: Node, out: list[str], *, negated: bool) -> None:
    found: list[Term] = []
    _positive_terms(node, found, negated=negated)
    out.extend(" ".join(t.words) for t in found)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, int]] = []
        pos = 0
        while pos < len(text):
            if text[pos] == '"':
                end = text.find('"', pos + 1)
                if end < 0:
                    raise QueryError(f"missing closing quote after position {pos + 1}", pos + 1)
                self.tokens.append(('"' + text[pos + 1:end], pos + 1))
                pos = end + 1
                continue
            m = _TOKEN.match(text, pos)
            assert m is not None  # the pattern matches any character
            if not m.group().isspace():
                self.tokens.append((m.group(), pos + 1))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("the query is empty", 1)
        node = self.and_expr()
        tok = self.peek()
        if tok is not None:
            raise QueryError(f"unexpected ')' at position {tok[1]}", tok[1])
        return node

    def and_expr(self) -> Node:
        """Implicit AND of OR-groups: as in Google, OR binds tighter than AND."""
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok[0] != ")":
            if tok[0] == "OR":
                raise QueryError(f"OR at position {tok[1]} needs a term before it", tok[1])
            parts.append(self.or_group())
        if not parts:
            tok = self.peek()
            where = tok[1] if tok else len(self.text) + 1
            what = f"'{tok[0]}'" if tok else "the end"
            raise QueryError(f"expected a word, phrase or hashtag before {what} at position {where}", where)
        if all(isinstance(p, Not) for p in parts):
            first = self.tokens[max(self.i - 1, 0)][1]
            raise QueryError(f"a query needs at least one term that is not excluded (near position {first})",
                             first)
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def or_group(self) -> Node:
        parts = [self.unary()]
        while (tok := self.peek()) is not None and tok[0] == "OR":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt[0] in (")", "OR"):
                raise QueryError(f"OR at position {tok[1]} needs a term after it", tok[1])
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def unary(self) -> Node:
        tok = self.peek()
        assert tok is not None
        if tok[0] == "-":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt[0] in (")", "OR"):
                raise QueryError(f"'-' at position {tok[1]} must be followed by a term", tok[1])
            return Not(self.atom())
        return self.atom()

    def atom(self) -> Node:
        tok = self.peek()
        assert tok is not None
        value, pos = tok
        self.i += 1
        if value == "(":
            node = self.and_expr()
            close = self.peek()
            if close is None or close[0] != ")":
                raise QueryError(f"missing closing parenthesis for the one at position {pos}", pos)
            self.i += 1
            return node
        if value.startswith('"'):
            words = tuple(re.findall(r"[\w'’-]+", value[1:]))
            if not words:
                raise QueryError(f"the phrase at position {pos} is empty", pos)
            return Term(words)
        if value.startswith("#"):
            tag = value[1:]
            if not re.fullmatch(r"\w+", tag):
                raise QueryError(f"the hashtag at position {pos} is not a word", pos)
            return Term((tag,), hashtag=True)
        words = tuple(re.findall(r"[\w'’]+", value))
        if not words:
            raise QueryError(f"'{value}' at position {pos} is not a word", pos)
        return Term(words)


def parse_query(text: str) -> Query:
    """Parse a query; raises QueryError with a sentence and a position."""
    return Query(text, _Parser(text).parse())


def _render(node: Node, *, tag_as_word: bool, top: bool = True) -> str:
    if isinstance(node, Term):
        return node.words[0] if node.hashtag and tag_as_word else node.text()
    if isinstance(node, Not):
        return "-" + _render(node.node, tag_as_word=tag_as_word, top=False)
    if isinstance(node, AnyOf):
        inner = " OR ".join(_render(n, tag_as_word=tag_as_word, top=False) for n in node.nodes)
        return inner if top else f"({inner})"
    inner = " ".join(_render(n, tag_as_word=tag_as_word, top=False) for n in node.nodes)
    return inner if top else f"({inner})"


def to_google(q: Query) -> str:
    """Google News / Bing News operators (hashtags searched as words)."""
    return _render(q.root, tag_as_word=True)


def to_gdelt(q: Query) -> str:
    """GDELT DOC 2.0: OR-groups must be in parentheses."""
    return _render(q.root, tag_as_word=True, top=not isinstance(q.root, AnyOf))


def _dnf(node: Node, limit: int) -> list[list[Node]] | None:
    """OR-of-ANDs expansion, or None when it would exceed ``limit`` alternatives."""
    if isinstance(node, AnyOf):
        out: list[list[Node]] = []
        for n in node.nodes:
            sub = _dnf(n, limit)
            if sub is None or len(out) + len(sub) > limit:
                return None
            out += sub
        return out
    if isinstance(node, All):
        acc: list[list[Node]] = [[]]
        for n in node.nodes:
            sub = _dnf(n, limit)
            if sub is None or len(acc) * len(sub) > limit:
                return None
            acc = [a + b for a in acc for b in sub]
        return acc
    return [[node]]


def _first(node: Node) -> list[Node]:
    """The first alternative of every OR, as a list of AND-ed nodes."""
    if isinstance(node, AnyOf):
        return _first(node.nodes[0])
    if isinstance(node, All):
        return [m for n in node.nodes for m in _first(n)]
    return [node]


def bluesky_queries(q: Query, limit: int = 4) -> list[str]:
    """Bluesky searchPosts ``q`` strings (phrases, -exclusion, no OR): one per alternative of the
    query when it has at most ``limit``, else the first alternative only (the rest is matched locally
    on what comes back, so nothing wrong gets through, but fewer posts are found)."""
    alternatives = _dnf(q.root, limit)
    if alternatives is None:
        alternatives = [_first(q.root)]
    return [" ".join(_render(n, tag_as_word=False, top=False) for n in alt) for alt in alternatives]


def to_x(q: Query) -> str:
    """X API v2 recent search."""
    return _render(q.root, tag_as_word=False)
