"""The daily briefing as an A4 PDF, drawn with Qt's own PDF writer (vector text and charts, the bundled
Noto Sans embedded).

The document is a list of blocks (title, key figures, chart, alerts, topics, sources) measured first,
then laid out over as many pages as they need (``briefing_blocks``), a block never split across two
pages; every page has the town, the period and "page n of m". The page's geometry, colours, font and
texts are in ``briefing_style``, the charts, clouds and badges in ``briefing_drawing``.
Every text from the outside is drawn with ``QPainter.drawText``: plain text, never rich text.
Colours survive colour-blindness: negative is vermillion *and* hatched or underlined, positive blue.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from newsroom import __version__
from newsroom.alerts.explain import explain
from newsroom.analysis.cloud import CloudWord
from newsroom.analysis.cloud_filter import shown_in_cloud
from newsroom.briefing.data import BriefingData, BriefingPost, BriefingTopic, SentimentMix, platform_title
from newsroom.domain import Polarity, SourceHealth, SpikeAlert
from newsroom.localtime import to_local
from newsroom.ui.briefing_blocks import Block, heading, paginate, paragraph
from newsroom.ui.briefing_drawing import draw_alert_badge, draw_chart, draw_cloud, draw_mix, severity_brush
from newsroom.ui.briefing_style import (
    BODY_W,
    BODY_X,
    INK,
    MARGIN,
    MUTED,
    NEGATIVE,
    PAGE_H,
    PDF_DPI,
    RULE,
    SOFT,
    WRAP,
    colour,
    fill,
    font,
    printable,
    text_height,
    tr,
)


class Briefing:
    """The document for one BriefingData in one language."""

    def __init__(self, data: BriefingData, lang: str = "nl") -> None:
        self.data = data
        self.lang = lang
        self.locale = QLocale(QLocale.Language.Dutch, QLocale.Country.Belgium) if lang == "nl" \
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        self.pages = paginate(self.blocks())

    # --- words and numbers ------------------------------------------------------------------

    def number(self, n: int) -> str:
        """1.018 in Dutch, 1,018 in English."""
        return self.locale.toString(n)

    def day(self, dt: datetime) -> str:
        """'woensdag 2 december 2026'."""
        local = to_local(dt)
        return self.locale.toString(QDate(local.year, local.month, local.day), "dddd d MMMM yyyy")

    def moment(self, dt: datetime, reference: datetime | None = None) -> str:
        """'14:05', or with its day when that is not the day of ``reference``."""
        local = to_local(dt)
        if reference is not None and to_local(reference).date() == local.date():
            return local.strftime("%H:%M")
        short = self.locale.toString(QDate(local.year, local.month, local.day), "ddd d MMM")
        return f"{short} {local:%H:%M}"

    def period(self) -> str:
        """'woensdag 2 december 2026 13:14 – donderdag 3 december 2026 13:14'."""
        d = self.data
        end = d.end - timedelta(minutes=1) if d.end.second == 0 else d.end
        return f"{self.day(d.start)} {to_local(d.start):%H:%M} – {self.day(end)} {to_local(end):%H:%M}"

    def span(self) -> str:
        """'the last 24 hours' / 'the last 3 days'."""
        hours = round((self.data.end - self.data.start).total_seconds() / 3600)
        if hours % 24 == 0 and hours >= 48:
            return fill("the last %1 days", hours // 24)
        return fill("the last %1 hours", hours)

    def title(self) -> str:
        """The document's title."""
        return fill("Daily briefing %1", self.data.wall_name)

    # --- blocks -----------------------------------------------------------------------------

    def blocks(self) -> list[Block]:
        """Every block of the document, in order."""
        d = self.data
        out = [self._title_block(), self._figures_block(), self._chart_block()]
        out.append(heading(tr("Alerts")))
        if d.alerts:
            out += [self._alert_block(a) for a in d.alerts]
        else:
            out.append(paragraph(tr("No alerts in this period."), 10, colour_code=MUTED))
        out.append(heading(tr("Topics")))
        if d.topics:
            legend = tr("The topics with the most mentions in this period. Cloud words: orange and "
                        "underlined = mostly negative, blue = mostly positive, grey = neutral. Names and "
                        "handles of people are left out.")
            out.append(paragraph(legend, 8, colour_code=MUTED))
            out += [self._topic_block(i + 1, t) for i, t in enumerate(d.topics)]
            if d.other_topics:
                out.append(paragraph(fill("%1 other topics had fewer mentions.", self.number(d.other_topics)),
                                     9, colour_code=MUTED))
        else:
            out.append(paragraph(tr("No mentions came in during this period: there is nothing to report. "
                                    "If that is unexpected, check the sources below."), 11))
        out.append(heading(tr("Sources")))
        out.append(self._sources_block())
        return out

    def _title_block(self) -> Block:
        d = self.data
        title = self.title()
        sub = f"{self.span()} · {self.period()}"
        demo = tr("DEMO · fictional data") if d.demo else ""
        tf, sf = font(22, bold=True), font(10)
        h = text_height(title, tf, BODY_W) + 4 + text_height(sub, sf, BODY_W) + (14 if demo else 0)

        def draw(p: QPainter, y: float) -> None:
            p.setPen(colour(INK))
            p.setFont(tf)
            th = text_height(title, tf, BODY_W)
            p.drawText(QRectF(BODY_X, y, BODY_W, th), WRAP, title)
            p.setFont(sf)
            p.setPen(colour(MUTED))
            p.drawText(QRectF(BODY_X, y + th + 4, BODY_W, h), WRAP, sub)
            if demo:
                p.setFont(font(9, bold=True))
                p.setPen(colour(NEGATIVE))
                p.drawText(QRectF(BODY_X, y + h - 12, BODY_W, 12), WRAP, demo)

        return Block(h, draw, gap_after=12)

    def _figures_block(self) -> Block:
        d = self.data
        working = sum(1 for s in d.sources if s.ok)
        seen = sum(1 for a in d.alerts if a.acknowledged_by)
        figures = [
            (self.number(d.mentions), tr("mentions")),
            (f"{d.mix.share(Polarity.NEGATIVE) * 100:.0f} %", tr("negative")),
            (self.number(len(d.alerts)), fill("alerts, %1 seen", seen) if d.alerts else tr("alerts")),
            (f"{working}/{len(d.sources)}", tr("sources working now")),
        ]
        h = 48.0
        w = (BODY_W - 3 * 8) / 4

        def draw(p: QPainter, y: float) -> None:
            for i, (value, label) in enumerate(figures):
                x = BODY_X + i * (w + 8)
                p.fillRect(QRectF(x, y, w, h), colour(SOFT))
                p.setPen(colour(INK))
                p.setFont(font(18, bold=True))
                p.drawText(QRectF(x + 8, y + 4, w - 16, 24), int(Qt.AlignmentFlag.AlignLeft), value)
                p.setPen(colour(MUTED))
                p.setFont(font(8))
                p.drawText(QRectF(x + 8, y + 30, w - 16, 14), int(Qt.AlignmentFlag.AlignLeft), label)

        return Block(h, draw, gap_after=12)

    def _chart_block(self) -> Block:
        d = self.data
        label = fill("All mentions per %1 min, negative part hatched", d.volume.step_s // 60)
        h = 12 + 96 + 14

        def draw(p: QPainter, y: float) -> None:
            p.setFont(font(8, bold=True))
            p.setPen(colour(MUTED))
            p.drawText(QRectF(BODY_X, y, BODY_W, 12), int(Qt.AlignmentFlag.AlignLeft), label)
            draw_chart(p, QRectF(BODY_X, y + 14, BODY_W, 96), d.volume, d.negative, axis=True)

        return Block(h, draw, gap_after=14)

    def _alert_block(self, a: SpikeAlert) -> Block:
        e = explain(a, self.lang)
        if a.acknowledged_by and a.acknowledged_at:
            seen = fill("Seen by %1 at %2", printable(a.acknowledged_by),
                        self.moment(a.acknowledged_at, a.started))
        elif a.acknowledged_by:
            seen = fill("Seen by %1", printable(a.acknowledged_by))
        else:
            seen = tr("Not marked as seen on the wall")
        if a.resolved_at is not None:
            state = fill("from %1 to %2", self.moment(a.started), self.moment(a.resolved_at, a.started))
        else:
            state = fill("since %1, still going on", self.moment(a.started))
        head = printable(e.headline)
        body = printable(e.body)
        hf, bf, sf = font(11, bold=True), font(9), font(9, italic=True)
        inner = BODY_W - 14
        lines = [(head, hf, INK), (body, bf, INK), (f"{state} · {seen}", sf, MUTED)]
        h = sum(text_height(t, f, inner) + 3 for t, f, _ in lines) + 6

        def draw(p: QPainter, y: float) -> None:
            p.fillRect(QRectF(BODY_X, y, 4, h), severity_brush(a.severity))
            cy = y + 3
            for t, f, c in lines:
                p.setFont(f)
                p.setPen(colour(c))
                th = text_height(t, f, inner)
                p.drawText(QRectF(BODY_X + 14, cy, inner, th), WRAP, t)
                cy += th + 3

        return Block(h, draw, gap_after=10)

    def _topic_block(self, rank: int, t: BriefingTopic) -> Block:
        title = f"{rank}. {printable(t.label)}"
        figures = fill("%1 mentions", self.number(t.mentions))
        tf, ff = font(13, bold=True), font(9, bold=True)
        title_w = BODY_W - QFontMetricsF(ff).horizontalAdvance(figures) - (70 if t.alerted else 10)
        th = text_height(title, tf, title_w)
        mix = mix_text(t.mix)
        posts = [self._post_text(post) for post in t.posts]
        pf = font(8)
        post_h = [text_height(text, pf, BODY_W - 12) for _, text in posts]
        chart_h, cloud_h = 78.0, 96.0
        h = th + 6 + 10 + 12 + 4 + cloud_h + 6 + sum(ph + 4 for ph in post_h)

        def draw(p: QPainter, y: float) -> None:
            p.setPen(colour(INK))
            p.setFont(tf)
            p.drawText(QRectF(BODY_X, y, title_w, th), WRAP, title)
            p.setFont(ff)
            right = QRectF(BODY_X, y + 2, BODY_W, 14)
            p.drawText(right, int(Qt.AlignmentFlag.AlignRight), figures)
            if t.alerted:
                left = BODY_X + BODY_W - QFontMetricsF(ff).horizontalAdvance(figures) - 62
                badge = QRectF(left, y + 1, 54, 14)
                draw_alert_badge(p, badge, tr("ALERT"))
            cy = y + th + 6
            draw_mix(p, QRectF(BODY_X, cy, BODY_W, 8), t.mix)
            cy += 10
            p.setFont(font(8))
            p.setPen(colour(MUTED))
            p.drawText(QRectF(BODY_X, cy, BODY_W, 12), int(Qt.AlignmentFlag.AlignLeft), mix)
            cy += 16
            chart_w = BODY_W * 0.42
            chart = QRectF(BODY_X, cy + (cloud_h - chart_h) / 2, chart_w, chart_h)
            draw_chart(p, chart, t.volume, t.negative, axis=True)
            draw_cloud(p, QRectF(BODY_X + chart_w + 14, cy, BODY_W - chart_w - 14, cloud_h),
                       [CloudWord(printable(w.term), w.weight, w.sentiment)
                        for w in t.terms if printable(w.term) and shown_in_cloud(w.term)])
            cy += cloud_h + 6
            for (_, text), ph in zip(posts, post_h, strict=True):
                p.fillRect(QRectF(BODY_X, cy + 1, 2, ph - 2), colour(RULE))
                p.setFont(pf)
                p.setPen(colour(INK))
                p.drawText(QRectF(BODY_X + 10, cy, BODY_W - 12, ph), WRAP, text)
                cy += ph + 4
            p.setPen(QPen(colour(RULE), 0.5))
            p.drawLine(QPointF(BODY_X, y + h + 6), QPointF(BODY_X + BODY_W, y + h + 6))

        return Block(h, draw, gap_after=14)

    def _post_text(self, post: BriefingPost) -> tuple[str, str]:
        label = {Polarity.NEGATIVE: tr("negative"), Polarity.POSITIVE: tr("positive")}.get(
            post.sentiment, "") if post.sentiment else ""
        when = self.moment(post.published, self.data.end)
        meta = " · ".join(x for x in (printable(platform_title(post.source)), when, label) if x)
        return meta, f"{meta} — “{printable(post.text)}”"

    def _sources_block(self) -> Block:
        d = self.data
        rows = [self._source_row(s) for s in d.sources] or [(tr("No source has been polled yet."), "", "")]
        platforms = " · ".join(f"{printable(name)} {self.number(n)}" for name, n in d.platforms)
        note = fill("Mentions per platform: %1", platforms) if platforms else ""
        rf = font(9)
        widths = (BODY_W * 0.22, BODY_W * 0.5, BODY_W * 0.28)
        heights = [max(text_height(c, rf, w - 6) for c, w in zip(r, widths, strict=True)) + 4 for r in rows]
        header = (tr("Source"), tr("State now"), tr("Last successful poll"))
        nf = font(8)
        note_h = text_height(note, nf, BODY_W) + 6 if note else 0.0
        explain_h = 22.0
        h = 16 + sum(heights) + note_h + explain_h

        def draw(p: QPainter, y: float) -> None:
            p.setFont(font(8, bold=True))
            p.setPen(colour(MUTED))
            x = BODY_X
            for c, w in zip(header, widths, strict=True):
                p.drawText(QRectF(x, y, w, 14), int(Qt.AlignmentFlag.AlignLeft), c)
                x += w
            cy = y + 16
            p.setFont(rf)
            for r, rh in zip(rows, heights, strict=True):
                p.setPen(QPen(colour(RULE), 0.5))
                p.drawLine(QPointF(BODY_X, cy - 1), QPointF(BODY_X + BODY_W, cy - 1))
                x = BODY_X
                for i, (c, w) in enumerate(zip(r, widths, strict=True)):
                    failing = i == 1 and not c.startswith(tr("working"))
                    p.setFont(font(9, bold=failing))
                    p.setPen(colour(NEGATIVE if failing else INK))
                    p.drawText(QRectF(x, cy + 1, w - 6, rh), WRAP, c)
                    x += w
                cy += rh
            p.setFont(nf)
            p.setPen(colour(MUTED))
            if note:
                p.drawText(QRectF(BODY_X, cy + 4, BODY_W, note_h), WRAP, note)
                cy += note_h
            p.drawText(QRectF(BODY_X, cy + 4, BODY_W, explain_h), WRAP, tr(
                "The state is that of the last poll; the store keeps no history of earlier failures."))

        return Block(h, draw, gap_after=6)

    def _source_row(self, s: SourceHealth) -> tuple[str, str, str]:
        if s.ok:
            state = tr("working")
        else:
            state = fill("failing (%1×)", s.consecutive_failures)
            if s.last_error:
                state += ": " + printable(s.last_error)
            if s.last_error_at:
                state += " · " + self.moment(s.last_error_at, self.data.end)
        last = self.moment(s.last_success, self.data.end) if s.last_success else tr("never")
        return printable(s.title), state, last

    # --- pages ------------------------------------------------------------------------------

    def draw_page(self, p: QPainter, index: int) -> None:
        """Page ``index`` (0-based): header, its blocks, footer."""
        d = self.data
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setPen(colour(MUTED))
        p.setFont(font(8, bold=True))
        head = self.title() + (" · " + tr("DEMO · fictional data") if d.demo else "")
        p.drawText(QRectF(BODY_X, MARGIN, BODY_W * 0.5, 14), int(Qt.AlignmentFlag.AlignLeft), head)
        p.setFont(font(8))
        p.drawText(QRectF(BODY_X + BODY_W * 0.3, MARGIN, BODY_W * 0.7, 14), int(Qt.AlignmentFlag.AlignRight),
                   self.period())
        p.setPen(QPen(colour(RULE), 0.6))
        p.drawLine(QPointF(BODY_X, MARGIN + 16), QPointF(BODY_X + BODY_W, MARGIN + 16))
        for block, y in self.pages[index]:
            block.draw(p, y)
        foot_y = PAGE_H - MARGIN - 12
        p.setPen(QPen(colour(RULE), 0.6))
        p.drawLine(QPointF(BODY_X, foot_y - 4), QPointF(BODY_X + BODY_W, foot_y - 4))
        p.setPen(colour(MUTED))
        p.setFont(font(7))
        made = fill("Newsroom Wall %1 · made %2 · topics, not people: no names or handles",
                    __version__, self.moment(d.created))
        p.drawText(QRectF(BODY_X, foot_y, BODY_W * 0.8, 12), int(Qt.AlignmentFlag.AlignLeft), made)
        p.setFont(font(8, bold=True))
        p.drawText(QRectF(BODY_X, foot_y, BODY_W, 12), int(Qt.AlignmentFlag.AlignRight),
                   fill("Page %1 of %2", index + 1, len(self.pages)))


def mix_text(mix: SentimentMix) -> str:
    """'62 % negative · 30 % neutral · 8 % positive'."""
    return fill("%1 % negative · %2 % neutral · %3 % positive", f"{mix.share(Polarity.NEGATIVE) * 100:.0f}",
                f"{mix.share(Polarity.NEUTRAL) * 100:.0f}", f"{mix.share(Polarity.POSITIVE) * 100:.0f}")


def write_pdf(data: BriefingData, out: Path, lang: str = "nl") -> int:
    """Write the briefing to ``out`` (A4 PDF); returns the number of pages. OSError when it cannot be
    written."""
    doc = Briefing(data, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(doc.title() + " · " + doc.period())
    writer.setCreator(f"Newsroom Wall {__version__}")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {out}")
    try:
        scale = PDF_DPI / 72.0
        for i in range(len(doc.pages)):
            if i:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            doc.draw_page(painter, i)
            painter.restore()
    finally:
        painter.end()
    if not tmp.is_file() or tmp.stat().st_size == 0:
        raise OSError(f"could not write {out}")
    tmp.replace(out)
    return len(doc.pages)
