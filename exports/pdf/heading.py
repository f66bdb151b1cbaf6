"""The top of a document's first page: seller top left, logo top right, buyer where a
window envelope shows it, optional delivery address, then the title, number and the
dated facts (date, validity, customer number…); a credit note names its invoice under
its title."""

from __future__ import annotations

import logging
from pathlib import Path

from exports.pdf.page import (
    BODY,
    CONTENT_WIDTH,
    LEFT,
    PAGE_WIDTH,
    RIGHT,
    SMALL,
    TOP,
    DocumentPDF,
    Style,
    TextLine,
)
from models.document_view import Party

log = logging.getLogger(__name__)

SELLER_WIDTH = 88.0
SELLER_NAME = Style(11, bold=True)
PARTY_NAME = Style(10, bold=True)
HEADING = Style(7.5, grey=110)
TITLE = Style(17, bold=True)
NUMBER = Style(17, grey=60)
SUBTITLE = Style(10, grey=40)
META_LABEL = Style(7, grey=110)
# French (NF) and DIN 5008 window envelopes show an address ~110 mm from the left edge
# and 45–50 mm from the top: the buyer's name and address go there.
WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH = 110.0, 46.0, PAGE_WIDTH - RIGHT - 110.0
LOGO_WIDTH, LOGO_HEIGHT = 50.0, 22.0
_LOGO_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
# The title starts just above the first fold of an A4 letter folded in three (99 mm).
TITLE_TOP = 88.0


def draw_heading(pdf: DocumentPDF) -> None:
    """Prints the first page's head and leaves `pdf.y` where the lines table starts."""
    view = pdf.view
    seller_end = draw_party(pdf, view.seller, LEFT, TOP, SELLER_WIDTH, SELLER_NAME)
    draw_logo(pdf, view.logo_path)
    buyer_top = WINDOW_TOP
    if view.buyer.heading:
        buyer_top -= HEADING.line_height
    ends = [seller_end, draw_party(pdf, view.buyer, WINDOW_LEFT, buyer_top, WINDOW_WIDTH)]
    if view.delivery is not None:
        delivery_top = max(seller_end + 8, buyer_top)
        ends.append(draw_party(pdf, view.delivery, LEFT, delivery_top, SELLER_WIDTH))
    top = max(TITLE_TOP, max(ends) + 10)
    top = draw_title(pdf, top)
    if view.subtitle:
        top = pdf.put_lines(LEFT, top + 0.5, CONTENT_WIDTH,
                            pdf.lines(view.subtitle, SUBTITLE, CONTENT_WIDTH))  # fmt: skip
    pdf.set_y(draw_meta(pdf, top + 2) + 6)


def draw_party(
    pdf: DocumentPDF, party: Party, x: float, top: float, width: float, name: Style = PARTY_NAME
) -> float:
    """Heading, name, address lines, then identifiers ("SIREN 912345674"); returns the
    block's bottom."""
    lines = pdf.lines(party.heading, HEADING, width)
    lines += pdf.lines(party.name, name, width)
    for address_line in party.address:
        lines += pdf.lines(address_line, BODY, width)
    identifiers = [f"{label} {value}".strip() for label, value in party.identifiers]
    if identifiers:
        lines.append(TextLine("", Style(3)))
        for identifier in identifiers:
            lines += pdf.lines(identifier, SMALL, width)
    return pdf.put_lines(x, top, width, lines)


def draw_logo(pdf: DocumentPDF, logo_path: str) -> None:
    """The seller's logo (PNG or JPEG), top right, within LOGO_WIDTH × LOGO_HEIGHT, aspect
    kept. A missing or unreadable file prints the document without it (and says so in the
    log): a broken logo must not stop an invoice going out."""
    if not logo_path:
        return
    path = Path(logo_path).expanduser()
    try:
        with path.open("rb") as image:
            signature = image.read(8)
    except OSError as exc:
        log.warning("Logo %s unreadable (%s): printed without it", path, exc.strerror)
        return
    if not signature.startswith(_LOGO_SIGNATURES):
        # Only PNG and JPEG: anything else would send Pillow through every format it knows
        # (0.7 s here) before failing.
        log.warning("Logo %s is neither PNG nor JPEG: printed without it", path)
        return
    from fpdf.image_parsing import preload_image

    try:
        _, _, info = preload_image(pdf.image_cache, str(path))
        scale = min(LOGO_WIDTH / info.width, LOGO_HEIGHT / info.height)
        width, height = info.width * scale, info.height * scale
        pdf.image(str(path), x=PAGE_WIDTH - RIGHT - width, y=TOP, w=width, h=height)
    except (OSError, ValueError, ZeroDivisionError, RuntimeError) as exc:
        # Pillow raises OSError subclasses for unreadable images; fpdf2 ValueError or
        # FPDFException (a RuntimeError) for formats it refuses.
        log.warning("Logo %s unreadable (%s): printed without it", path, exc)


def draw_title(pdf: DocumentPDF, top: float) -> float:
    """The title in bold and the number beside it ("Devis D-2026-0001"), or under it when
    the two do not fit on a line; returns the bottom."""
    view = pdf.view
    title = pdf.clean(view.title)
    number = pdf.clean(view.number)
    title_width = pdf.width_of(title, TITLE)
    gap = pdf.width_of(" ", TITLE)
    if number and title_width + gap + pdf.width_of(number, NUMBER) <= CONTENT_WIDTH:
        pdf.put(LEFT, top, CONTENT_WIDTH, TextLine(title, TITLE))
        pdf.put(LEFT + title_width + gap, top, CONTENT_WIDTH, TextLine(number, NUMBER))
        return top + TITLE.line_height
    bottom = pdf.put_lines(LEFT, top, CONTENT_WIDTH, pdf.lines(view.title, TITLE, CONTENT_WIDTH))
    return pdf.put_lines(LEFT, bottom, CONTENT_WIDTH, pdf.lines(view.number, NUMBER, CONTENT_WIDTH))


def draw_meta(pdf: DocumentPDF, top: float) -> float:
    """The (label, value) facts side by side, each label small above its value, flowing
    onto a second row when they do not fit; returns the bottom."""
    x, row_bottom = LEFT, top
    gap = 9.0
    for label, value in pdf.view.meta:
        width = min(CONTENT_WIDTH / 2, max(pdf.width_of(pdf.clean(label), META_LABEL),
                                           pdf.width_of(pdf.clean(value), BODY)))  # fmt: skip
        if x > LEFT and x + width > LEFT + CONTENT_WIDTH:
            x, top = LEFT, row_bottom + 2
        lines = pdf.lines(label, META_LABEL, width) + pdf.lines(value, BODY, width)
        row_bottom = max(row_bottom, pdf.put_lines(x, top, width, lines))
        x += width + gap
    return row_bottom
