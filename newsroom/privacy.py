"""Privacy mode "topics, not people": no author names or handles on the wall or in the briefing.

Plain Python, no Qt: the wall, the crisis view and the briefing use the same helpers.

- ``redact_handles(text)`` masks @handles inside a text (``@jan``, ``@jan@mastodon.social``,
  ``@jan.bsky.social`` → ``@…``); e-mail addresses (``info@stad.be``) are left alone: they are an
  organisation's contact, not a handle.
- ``public_origin(mention)`` is what may be shown as where a mention comes from: the network
  ("Mastodon"), or for news the publisher ("VRT NWS"), or for a plain feed the website (an RSS
  author may be a journalist's own name).
- ``redact_mention`` / ``redact_topic`` / ``redact_snapshot`` apply both to whole records (a snapshot's
  excerpts of what replies answer too); all are
  idempotent (redacting twice changes nothing more).
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from newsroom.domain import CrisisDetail, Mention, SpikeAlert, TermWeight, Topic, WallSnapshot

#: what a masked handle reads as
MASK = "@…"

#: the networks' names, as the wall shows them
NETWORKS = {"gnews": "Google News", "rss": "RSS", "gdelt": "GDELT", "mastodon": "Mastodon",
            "bluesky": "Bluesky", "youtube": "YouTube", "bing": "Bing News", "x": "X", "demo": "Demo",
            "reddit": "Reddit", "import": "Import"}

#: sources whose ``author`` is the publishing organisation (a news search's <source>, GDELT's domain)
PUBLISHER_SOURCES = frozenset({"gnews", "bing", "gdelt"})

# An @ that does not follow a word character, '@' or '.', then a handle of letters, digits, '_', '.'
# and '-' (Bluesky: "jan.bsky.social"; Mastodon: "jan@mastodon.social"), never ending in '.' or '-'.
_HANDLE = re.compile(r"(?<![\w@.])[@＠][^\W][\w.\-]*(?:@[\w\-]+(?:\.[\w\-]+)+)?", re.UNICODE)
_TRAILING = ".-"
# Reddit's "u/name" and "/u/name"
_REDDIT_USER = re.compile(r"(?<![\w/])/?u/[\w\-]{3,}", re.UNICODE)


def _mask(match: re.Match[str]) -> str:
    handle = match.group(0)
    kept = handle.rstrip(_TRAILING)
    return MASK + handle[len(kept):]  # a full stop after the handle stays a full stop


# A link to a person's profile names them as surely as a handle: x.com/name, mastodon.social/@name,
# reddit.com/u/name, bsky.app/profile/name
_PROFILE_URL = re.compile(
    r"https?://(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}/(?:@[\w.-]+(?:@[\w.-]+)?|u/[\w-]+|user/[\w-]+|profile/[\w.:-]+)"
    r"[^\s]*|https?://(?:www\.)?(?:x|twitter)\.com/\w+[^\s]*", re.IGNORECASE | re.UNICODE)


def redact_handles(text: str) -> str:
    """``text`` with every @handle, Reddit ``u/name`` and link to a profile replaced by ``@…`` (an
    e-mail address stays: the ``@`` of ``a@b.be`` follows a letter). The wall and the briefing use it."""
    if "@" not in text and "＠" not in text and "u/" not in text and "://" not in text:
        return text
    return _REDDIT_USER.sub(MASK, _HANDLE.sub(_mask, _PROFILE_URL.sub(MASK, text)))


def network_name(source: str) -> str:
    """'Mastodon' for 'mastodon'; an unknown source keeps its own name."""
    return NETWORKS.get(source, source)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def public_origin(m: Mention) -> str:
    """Where a mention comes from, naming no person: the publisher of news, else the website of a
    feed's article, else the network."""
    if m.source in PUBLISHER_SOURCES and m.author and not m.author.lstrip().startswith("@"):
        return redact_handles(m.author)
    if m.source == "rss":
        return _site(m.url) or network_name(m.source)
    return network_name(m.source)


def redact_mention(m: Mention) -> Mention:
    """The mention without its author (the public origin instead) and with handles masked."""
    origin = public_origin(m)
    author = origin if m.source in PUBLISHER_SOURCES or m.source == "rss" else ""
    text, title = redact_handles(m.text), redact_handles(m.title)
    if (author, text, title) == (m.author, m.text, m.title):
        return m
    return replace(m, author=author, text=text, title=title)


def _redact_term(t: TermWeight) -> TermWeight | None:
    if t.term.startswith(("@", "＠")):
        return None  # a handle as a cloud word names a person: left out
    term = redact_handles(t.term)
    return t if term == t.term else replace(t, term=term)


def redact_topic(t: Topic) -> Topic:
    """The topic with handles masked in its name and handle words left out of its cloud."""
    terms = tuple(r for r in (_redact_term(term) for term in t.terms) if r is not None)
    label = redact_handles(t.label)
    # an event's tile lists its other sub-stories by name ("Ook: …")
    substories = tuple(replace(x, label=redact_handles(x.label)) for x in t.substories)
    if label == t.label and terms == t.terms and substories == t.substories:
        return t
    return replace(t, label=label, terms=terms, substories=substories)


def redact_snapshot(s: WallSnapshot) -> WallSnapshot:
    """Every author and handle out of a snapshot: mentions, topic names and clouds, alert titles
    and terms."""
    return replace(s, latest=tuple(redact_mention(m) for m in s.latest),
                   reply_parents=_redact_parents(s.reply_parents),
                   topics=tuple(redact_topic(t) for t in s.topics),
                   alerts=tuple(_redact_alert(a) for a in s.alerts),
                   crises=tuple(_redact_crisis(c) for c in s.crises),
                   search_pages=tuple(replace(p, topics=tuple(redact_topic(t) for t in p.topics))
                                      for p in s.search_pages))


def _redact_alert(a: SpikeAlert) -> SpikeAlert:
    return replace(a, title=redact_handles(a.title),
                   top_terms=tuple(redact_handles(x) for x in a.top_terms if not x.startswith("@")))


def _redact_crisis(c: CrisisDetail) -> CrisisDetail:
    """The crisis view's event: its name, alert, sub-stories, words and newest negative mentions."""
    return replace(c, title=redact_handles(c.title),
                   alert=_redact_alert(c.alert) if c.alert is not None else None,
                   substories=tuple(replace(x, label=redact_handles(x.label)) for x in c.substories),
                   phrases=tuple(t for t in c.phrases if not t.term.startswith("@")),
                   negative_mentions=tuple(redact_mention(m) for m in c.negative_mentions),
                   reply_parents=_redact_parents(c.reply_parents))


def _redact_parents(parents: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """What replies answer, with handles masked in the parents' texts as in the posts'."""
    return tuple((reply, redact_handles(text)) for reply, text in parents)
