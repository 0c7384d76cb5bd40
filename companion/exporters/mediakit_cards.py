"""The media kit's cards: top posts, past partners, the rate card and testimonials, and the closing contact."""

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt

from companion.core.mediakit import KitPost, compact_count, percent_text
from companion.core.mediakit_profile import RateCardItem, Testimonial
from companion.exporters.kit_style import RIGHT_TOP, Styles, section_heading, titled
from companion.exporters.mediakit_blocks import COLUMN_GAP, panel_columns, unbroken
from companion.exporters.pdf_layout import Canvas


class PostsBlock:
    """The chosen posts as cards: picture (when added), where and when, caption, and how it did."""

    full_bleed = False

    def __init__(self, styles: Styles, posts: Sequence[KitPost], image_height: float) -> None:
        self.s = styles
        self.image_height = image_height
        self.posts = posts
        self.with_images = any(p.image_path for p in posts)

    def _card_height(self, canvas: Canvas, width: float) -> float:
        s = self.s
        captions = max(canvas.measure(p.caption, s.body, width - 20) for p in self.posts)
        image = self.image_height + 8 if self.with_images else 0
        return image + 12 + canvas.measure("A", s.label, 100) + 5 + captions + 44

    def height(self, canvas: Canvas, width: float) -> float:
        card_width = (width - COLUMN_GAP * 2) / 3
        return titled(canvas, self.s) + self._card_height(canvas, card_width)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        s, t = self.s, self.s.theme
        y = rect.top() + section_heading(canvas, s, rect, "Top posts")
        columns = panel_columns(rect, [1 / 3] * 3)
        height = rect.bottom() - y
        for post, (x, width) in zip(self.posts, columns, strict=False):
            card = QRectF(x, y, width, height)
            canvas.fill(card, t.accent_soft, 5)
            top = y
            if self.with_images:
                picture = QRectF(x, y, width, self.image_height)
                if not (post.image_path and canvas.image(picture, post.image_path, radius=5)):
                    canvas.fill(picture, t.rule, 5)
                    canvas.text(picture, post.platform.label, s.label, Qt.AlignmentFlag.AlignCenter)
                top += self.image_height + 8
            inner = QRectF(x + 10, top + 10, width - 20, height)
            kicker = (
                f"{post.platform.label} · {post.kind} · {post.published.day} {post.published:%b %Y}"
            )
            inner.setTop(
                inner.top() + canvas.text(inner, kicker.upper(), s.label.with_(colour=t.accent)) + 5
            )
            canvas.text(inner, post.caption, s.body)
            reach = (
                f"{compact_count(post.views)} views"
                if post.views is not None
                else f"{compact_count(post.reach)} reached"
                if post.reach is not None
                else ""
            )
            last = QRectF(x + 10, card.bottom() - 34, width - 20, 14)
            rate = f"{percent_text(post.engagement_rate)} engagement"
            canvas.text(last, rate, s.strong.with_(size=9), wrap=False)
            canvas.text(last.translated(0, 13), reach, s.small, wrap=False)


class PartnersBlock:
    """Brands the creator has worked with (deals marked shareable): names only."""

    full_bleed = False

    def __init__(self, styles: Styles, partners: Sequence[str]) -> None:
        self.s = styles
        self.line = "\u00a0\u00a0·\u00a0\u00a0 ".join(unbroken(name) for name in partners)
        self.style = styles.heading.with_(size=styles.heading.size * 0.86, bold=False)

    def height(self, canvas: Canvas, width: float) -> float:
        return titled(canvas, self.s) + canvas.measure(self.line, self.style, width)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        y = rect.top() + section_heading(canvas, self.s, rect, "Brands I’ve worked with")
        canvas.text(QRectF(rect.left(), y, rect.width(), rect.bottom() - y), self.line, self.style)


class RatesAndWordsBlock:
    """The rate card and testimonials, side by side when there are both."""

    full_bleed = False

    def __init__(
        self, styles: Styles, rates: Sequence[RateCardItem], words: Sequence[Testimonial]
    ) -> None:
        self.s = styles
        self.rates = rates
        self.words = words
        self.shares = [0.45, 0.55] if rates and words else [1.0]

    def _parts(self, rect: QRectF) -> list[tuple[str, QRectF]]:
        names = [name for name, items in (("rates", self.rates), ("words", self.words)) if items]
        columns = panel_columns(rect, self.shares, 26)
        return [
            (name, QRectF(x, rect.top(), w, rect.height()))
            for name, (x, w) in zip(names, columns, strict=True)
        ]

    def height(self, canvas: Canvas, width: float) -> float:
        heights = [
            self._rates_height(canvas, r.width())
            if name == "rates"
            else self._words_height(canvas, r.width())
            for name, r in self._parts(QRectF(0, 0, width, 1000))
        ]
        return titled(canvas, self.s) + max(heights, default=0)

    def _rates_height(self, canvas: Canvas, width: float) -> float:
        return sum(18 + canvas.measure(r.note, self.s.small, width * 0.7) for r in self.rates)

    def _words_height(self, canvas: Canvas, width: float) -> float:
        s = self.s
        return sum(
            canvas.measure(f"“{w.quote}”", s.quote, width - 14)
            + canvas.measure(w.attribution, s.small, width)
            + 14
            for w in self.words
        )

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        for name, part in self._parts(rect):
            if name == "rates":
                self._draw_rates(canvas, part)
            else:
                self._draw_words(canvas, part)

    def _draw_rates(self, canvas: Canvas, rect: QRectF) -> None:
        s = self.s
        y = rect.top() + section_heading(canvas, s, rect, "Rates")
        for index, item in enumerate(self.rates):
            canvas.text(
                QRectF(rect.left(), y, rect.width() * 0.7, 14), item.deliverable, s.body, wrap=False
            )
            canvas.text(
                QRectF(rect.left(), y, rect.width(), 14),
                item.price_text,
                s.strong,
                RIGHT_TOP,
                wrap=False,
            )
            y += 13 + canvas.text(
                QRectF(rect.left(), y + 12, rect.width() * 0.7, 40), item.note, s.small
            )
            if index < len(self.rates) - 1:
                canvas.rule(rect.left(), y + 1.5, rect.right(), s.theme.rule, 0.5)
            y += 5

    def _draw_words(self, canvas: Canvas, rect: QRectF) -> None:
        s = self.s
        y = rect.top() + section_heading(canvas, s, rect, "What brands say")
        for words in self.words:
            canvas.fill(
                QRectF(
                    rect.left(),
                    y + 1,
                    2.2,
                    canvas.measure(f"“{words.quote}”", s.quote, rect.width() - 14),
                ),
                s.theme.accent,
            )
            y += (
                canvas.text(
                    QRectF(rect.left() + 12, y, rect.width() - 14, 200), f"“{words.quote}”", s.quote
                )
                + 3
            )
            y += (
                canvas.text(
                    QRectF(rect.left() + 12, y, rect.width() - 14, 40), words.attribution, s.small
                )
                + 11
            )


class ContactBlock:
    """The kit's last word: an invitation and how to get in touch, on the theme's band colour."""

    full_bleed = False

    def __init__(self, styles: Styles, email: str, website: str) -> None:
        self.s = styles
        self.line = "     ".join(part for part in (email, website) if part)

    def height(self, canvas: Canvas, width: float) -> float:
        return 24 + canvas.measure("Ag", self.s.heading, width) + 16

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        s, t = self.s, self.s.theme
        canvas.fill(rect, t.band, 6)
        inner = rect.adjusted(18, 0, -18, 0)
        middle = Qt.AlignmentFlag.AlignVCenter
        canvas.text(
            inner,
            "Let’s work together",
            s.heading.with_(colour=t.band_text),
            Qt.AlignmentFlag.AlignLeft | middle,
            wrap=False,
        )
        canvas.text(
            inner,
            self.line,
            s.strong.with_(size=9.4, colour=t.band_text),
            Qt.AlignmentFlag.AlignRight | middle,
            wrap=False,
        )
