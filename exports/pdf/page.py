"""The page every business document is printed on: A4 portrait, Comptoir Sans, the
seller's footer and "page X of Y" at the bottom, the draft mark across, and the few text
primitives the sections lay out with (styles, wrapped lines, placed lines, page breaks).

Imports fpdf2 (140–300 ms), so only `exports.pdf.layout` imports this module, at print
time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import TTFFont

from exports.pdf.faces import add_face
from exports.pdf.fonts import BOLD, REGULAR
from exports.pdf.printable import printable
from exports.pdf.wrapping import wrap
from models.document_view import DocumentView

FAMILY = "comptoir-sans"
MM_PER_PT = 25.4 / 72
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
LEFT = RIGHT = 18.0
TOP = 15.0
CONTENT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
# The footer sits this far above the paper's edge; the body stops above it.
FOOTER_BOTTOM = 9.0
FOOTER_GAP = 4.0
# A seller's legal line takes one to three lines; twelve is already most of a page's foot.
FOOTER_MAX_LINES = 12
# Between an item code and the description it starts.
LEAD_GAP = 1.8
# Width kept free at the right of the footer for "page X of Y", so the centred legal line
# never runs into it.
PAGE_LABEL_WIDTH = 30.0


@dataclass(frozen=True)
class Style:
    """How a run of text looks: size in points, weight, grey level (0 black, 255 white)."""

    size: float
    bold: bool = False
    grey: int = 0
    leading: float = 1.3

    @property
    def line_height(self) -> float:
        return self.size * MM_PER_PT * self.leading


@dataclass(frozen=True)
class TextLine:
    """One printed line, already wrapped, and its style; `lead` is a shorter run printed
    before it on the same baseline, in a style of its own (an item code)."""

    text: str
    style: Style
    lead: TextLine | None = None


BODY = Style(9)
BODY_BOLD = Style(9, bold=True)
SMALL = Style(7.5, grey=90)
FOOTER = Style(6.5, grey=100, leading=1.25)
RUNNING_HEAD = Style(7.5, grey=110)
DRAFT_GREY = 150
DRAFT_OPACITY = 0.22


class DocumentPDF(FPDF):
    """An FPDF that knows its document: fpdf2 calls `header()` and `footer()` on every
    page, which print what every page of a business document carries."""

    def __init__(self, view: DocumentView) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.view = view
        regular = add_face(self, FAMILY, "", REGULAR)
        bold = add_face(self, FAMILY, "B", BOLD)
        # Print only what both faces can draw, so bold text never loses a letter.
        self.covered = frozenset(regular.cmap) & frozenset(bold.cmap)
        self.set_margins(LEFT, TOP, RIGHT)
        # Page breaks are ours: a table row moves whole, the header row comes back.
        self.set_auto_page_break(False)
        self.c_margin = 0
        self.alias_nb_pages("{nb}")
        self._style: Style | None = None
        self._font = regular
        self.title_text = self.clean(" ".join(p for p in (view.title, view.number) if p))
        self.set_title(self.title_text)
        self.set_creator("Comptoir")
        self.set_author(self.clean(view.seller.name))
        if view.language:
            self.set_lang(view.language)
        self.footer_lines = self._footer_lines(view.footer)
        footer_height = sum(line.style.line_height for line in self.footer_lines)
        footer_height = max(footer_height, FOOTER.line_height)
        self.footer_top = PAGE_HEIGHT - FOOTER_BOTTOM - footer_height
        self.bottom = self.footer_top - FOOTER_GAP
        self.body_top = TOP

    def _footer_lines(self, footer: str) -> list[TextLine]:
        """The footer wrapped, at most FOOTER_MAX_LINES (the rest cut, "…" saying so): a
        runaway footer must not leave pages with no room for the document itself."""
        lines = self.lines(footer, FOOTER, CONTENT_WIDTH - 2 * PAGE_LABEL_WIDTH)
        if len(lines) > FOOTER_MAX_LINES:
            lines = lines[:FOOTER_MAX_LINES]
            lines[-1] = TextLine(lines[-1].text.rstrip() + " …", FOOTER)
        return lines

    # Text primitives -------------------------------------------------------------------

    def clean(self, text: str, *, multiline: bool = False) -> str:
        return printable(text, self.covered, multiline=multiline)

    def use(self, style: Style) -> None:
        if style != self._style:
            self.set_font(FAMILY, "B" if style.bold else "", style.size)
            self.set_text_color(style.grey)
            self._style = style
            assert isinstance(self.current_font, TTFFont)
            self._font = self.current_font

    def width_of(self, text: str, style: Style) -> float:
        self.use(style)
        return self._measure(text)

    def lines(
        self, text: str, style: Style, width: float, lead: TextLine | None = None
    ) -> list[TextLine]:
        """`text` (untrusted, newlines kept) cleaned and wrapped to `width`; [] for "".
        A `lead` (already clean) starts the first line when it takes at most a third of
        the width, else it gets a line of its own."""
        cleaned = self.clean(text, multiline=True)
        indent = 0.0
        if lead is not None:
            indent = self.width_of(lead.text, lead.style) + LEAD_GAP
            if indent > width / 3 or not cleaned.strip():
                return [lead, *self.lines(text, style, width)]
        if not cleaned.strip():
            return []
        self.use(style)
        parts = wrap(cleaned, width, self._measure, indent)
        first = TextLine(parts[0], style, lead)
        return [first] + [TextLine(part, style) for part in parts[1:]]

    def _measure(self, text: str) -> float:
        """Width of cleaned text in the current style. fpdf2's get_string_width() gives
        the same figure through its text-fragment machinery, at 20× the cost; a document
        measures every word it wraps."""
        assert self._style is not None
        return self._font.get_text_width(text, self._style.size, None)[1] / self.k

    def put(self, x: float, top: float, width: float, line: TextLine, align: str = "L") -> None:
        """Draws `line` in the box starting at `top`, aligned L, R or C within `width`."""
        if line.lead is not None:
            self._put_lead(x, top, line)
            x += self.width_of(line.lead.text, line.lead.style) + LEAD_GAP
        if not line.text:
            return
        self.use(line.style)
        if align != "L":
            room = width - self._measure(line.text)
            x += room if align == "R" else room / 2
        size = line.style.size * MM_PER_PT
        # Baseline where fpdf2's own cells put it, so mixed sizes share one look.
        self.text(x, top + 0.5 * line.style.line_height + 0.3 * size, line.text)

    def _put_lead(self, x: float, top: float, line: TextLine) -> None:
        assert line.lead is not None
        self.use(line.lead.style)
        # On the line's own baseline, whatever the lead's size.
        baseline = top + 0.5 * line.style.line_height + 0.3 * line.style.size * MM_PER_PT
        self.text(x, baseline, line.lead.text)

    def put_lines(
        self, x: float, top: float, width: float, lines: list[TextLine], align: str = "L"
    ) -> float:
        """Draws `lines` one under the other from `top`; returns where they end."""
        for line in lines:
            self.put(x, top, width, line, align)
            top += line.style.line_height
        return top

    # Pages -----------------------------------------------------------------------------

    def room(self) -> float:
        """Height left for the body on this page."""
        return self.bottom - self.y

    def new_page(self) -> None:
        """Starts a page; the body continues at `body_top`, in the style it had."""
        style = self._style
        self.add_page()
        # fpdf2 restores its font and colours after header() and footer(): so do we.
        self._style = style
        self.set_y(self.body_top)

    def header(self) -> None:
        self._style = None
        if self.page_no() > 1 and self.title_text:
            # Pages that come apart still say which document they belong to.
            self.put(LEFT, TOP - 6, CONTENT_WIDTH, TextLine(self.title_text, RUNNING_HEAD))

    def footer(self) -> None:
        self._style = None
        top = self.footer_top
        self.set_draw_color(200)
        self.set_line_width(0.2)
        self.line(LEFT, top - 1.5, PAGE_WIDTH - RIGHT, top - 1.5)
        self.put_lines(LEFT + PAGE_LABEL_WIDTH, top, CONTENT_WIDTH - 2 * PAGE_LABEL_WIDTH,
                       self.footer_lines, align="C")  # fmt: skip
        self._page_label(top)
        if self.view.draft_label:
            self._draft_mark()

    def _page_label(self, top: float) -> None:
        """The page label ("Page X of Y") at the right; Y is fpdf2's alias, replaced when
        the document closes. The label is translated text, so its placeholders are
        replaced, not `format()`ed: a stray brace must not break printing."""
        label = self.clean(self.view.page_label)
        label = label.replace("{page}", str(self.page_no())).replace("{pages}", "{nb}")
        self.use(FOOTER)
        self.set_xy(PAGE_WIDTH - RIGHT - PAGE_LABEL_WIDTH, top)
        self.cell(PAGE_LABEL_WIDTH, FOOTER.line_height, label, align="R")

    def _draft_mark(self) -> None:
        """The draft label across the page, above the content but translucent, so a
        table's shaded header cannot hide it and the text under it stays readable."""
        label = self.clean(self.view.draft_label)
        angle = math.degrees(math.atan2(PAGE_HEIGHT, PAGE_WIDTH))
        self.use(Style(10, bold=True))
        at_10pt = self._measure(label) or 1.0
        size = min(90.0, 10 * 0.55 * math.hypot(PAGE_WIDTH, PAGE_HEIGHT) / at_10pt)
        style = Style(size, bold=True, grey=DRAFT_GREY)
        self.use(style)
        width = self._measure(label)
        centre_x, centre_y = PAGE_WIDTH / 2, PAGE_HEIGHT / 2
        with (
            self.local_context(fill_opacity=DRAFT_OPACITY),
            self.rotation(angle, centre_x, centre_y),
        ):
            self.text(centre_x - width / 2, centre_y + 0.35 * size * MM_PER_PT, label)
        self._style = None
