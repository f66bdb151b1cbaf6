"""The statement's pages: the head of our invoices (seller, customer in the envelope
window, title, period, dated facts), the movements table from the opening balance to the
closing one, the open items, then the total due and how to pay.

Both tables continue over as many pages as they need, their column titles printed again
at the top of each; the running head of every page after the first names the customer
and the period. Imports fpdf2: only exports.pdf.statement imports this module, at print
time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exports.pdf.closing import draw_amounts
from exports.pdf.heading import draw_heading
from exports.pdf.lines_table import (
    HEADER,
    NUMBER_MAX,
    NUMBER_MIN,
    PAD_X,
    Cell,
    Column,
    _shrink_widest,
    draw_header,
    draw_row,
    row_height,
    split_row,
)
from exports.pdf.page import (
    BODY,
    BODY_BOLD,
    CONTENT_WIDTH,
    LEFT,
    DocumentPDF,
    Style,
    TextLine,
)
from exports.pdf.payment_block import draw_payment
from models.document_view import DocumentView, LineColumns
from models.statements import Statement

# Movements: the description takes what the dates, numbers and amounts leave.
DESCRIPTION_MIN = 50.0
SECTION = Style(10.5, bold=True)
SECTION_GAP = 8.0
QUIET = Style(9, grey=90)
BALANCE_FILL = 246
AMOUNT_COLUMNS = (3, 4, 5)
# Amount columns no narrower than this, so that neighbouring figures stay apart.
AMOUNT_MIN = 18.0
# Measured widths are exact; a hair more keeps a value from wrapping on rounding.
SLACK = 0.3


@dataclass(frozen=True)
class TableColumn(Column):
    """A column of one of the statement's tables, aligned as its values read best."""

    right: bool = False

    @property
    def align(self) -> str:
        return "R" if self.right else "L"


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    shaded: bool = False


def lay_out_statement(printed: Statement) -> bytes:
    pdf = DocumentPDF(page_view(printed))
    # Pages that come apart still say whose statement, and for when.
    running = f"{printed.title} · {printed.customer} {printed.name} · {printed.subtitle}"
    pdf.title_text = pdf.clean(running)
    pdf.new_page()
    draw_heading(pdf)
    draw_movements(pdf, printed)
    draw_open_items(pdf, printed)
    draw_amounts(pdf)
    draw_payment(pdf)
    return bytes(pdf.output())


def page_view(printed: Statement) -> DocumentView:
    """What the page and the heading of a document need to know of the statement."""
    return DocumentView(
        kind="statement", language=printed.language, title=printed.title, number="",
        meta=printed.meta, seller=printed.seller, buyer=printed.buyer,
        columns=LineColumns("", "", "", "", "", "", ""), lines=(), vat_columns=("", "", ""),
        vat_rows=(), totals=printed.totals, footer=printed.footer,
        page_label=printed.page_label, logo_path=printed.logo_path,
        subtitle=printed.subtitle, payment=printed.payment,
    )  # fmt: skip


def draw_movements(pdf: DocumentPDF, printed: Statement) -> None:
    values = [
        (line.date, line.reference, line.description, line.debit, line.credit, line.balance)
        for line in printed.lines
    ]
    columns = fit_columns(pdf, printed.columns, values, flexible=2, right=AMOUNT_COLUMNS,
                          flexible_min=DESCRIPTION_MIN)  # fmt: skip
    rows = []
    for line, texts in zip(printed.lines, values, strict=True):
        style = BODY_BOLD if line.emphasis else BODY
        rows.append(Row(cells(pdf, columns, texts, style), shaded=line.emphasis))
    if len(printed.lines) <= 2:
        # Only the opening and closing rows: say so between them.
        quiet = ("", "", printed.no_movement, "", "", "")
        rows.insert(1, Row(cells(pdf, columns, quiet, QUIET)))
    draw_table(pdf, columns, rows)


def draw_open_items(pdf: DocumentPDF, printed: Statement) -> None:
    """The heading, then the open items table, or the line saying nothing is open."""
    heading = pdf.lines(printed.items_heading, SECTION, CONTENT_WIDTH)
    if not printed.items:
        quiet = pdf.lines(printed.no_items, QUIET, CONTENT_WIDTH)
        _start_section(pdf, heading + quiet)
        pdf.set_y(pdf.put_lines(LEFT, pdf.y, CONTENT_WIDTH, heading + quiet))
        return
    values = [
        (item.reference, item.date, item.due_date, item.total, item.open_amount,
         item.days_overdue)
        for item in printed.items
    ]  # fmt: skip
    columns = fit_columns(pdf, printed.item_columns, values, flexible=0, right=(3, 4, 5),
                          flexible_min=0.0)  # fmt: skip
    rows = [Row(cells(pdf, columns, texts, BODY)) for texts in values]
    header = [pdf.lines(column.title, HEADER, column.text_width) for column in columns]
    _start_section(pdf, heading, row_height(header) + row_height(rows[0].cells))
    pdf.set_y(pdf.put_lines(LEFT, pdf.y, CONTENT_WIDTH, heading) + 1.5)
    draw_table(pdf, columns, rows)


def _start_section(pdf: DocumentPDF, lines: list[TextLine], then: float = 0.0) -> None:
    """Leaves room before a section, or starts it on a new page when its heading and
    what must stay with it (`then`) do not fit."""
    height = sum(line.style.line_height for line in lines) + then
    if SECTION_GAP + height > pdf.room():
        pdf.new_page()
    else:
        pdf.set_y(pdf.y + SECTION_GAP)


def fit_columns(
    pdf: DocumentPDF,
    titles: Sequence[str],
    values: Sequence[Sequence[str]],
    *,
    flexible: int,
    right: Sequence[int],
    flexible_min: float,
) -> list[TableColumn]:
    """Each column as wide as its widest value (bold, as the balance rows print) and its
    title, on one line when there is room, else its longest title word; the `flexible`
    column takes the rest, at least `flexible_min`. The widest give way when all of that
    is more than the page."""
    narrow: dict[int, float] = {}
    comfortable: dict[int, float] = {}
    for index, title in enumerate(titles):
        if index == flexible:
            continue
        widest = max((pdf.width_of(pdf.clean(row[index]), BODY_BOLD) for row in values),
                     default=0.0)  # fmt: skip
        clean_title = pdf.clean(title)
        longest_word = max((pdf.width_of(word, HEADER) for word in clean_title.split()),
                           default=0.0)  # fmt: skip
        least = AMOUNT_MIN if index in right else NUMBER_MIN
        narrow[index] = max(least, min(NUMBER_MAX, widest), longest_word) + 2 * PAD_X + SLACK
        comfortable[index] = max(
            narrow[index], pdf.width_of(clean_title, HEADER) + 2 * PAD_X + SLACK
        )
    widths = comfortable
    if CONTENT_WIDTH - sum(widths.values()) < flexible_min:
        widths = narrow
    if sum(widths.values()) > CONTENT_WIDTH - flexible_min:
        shrunk = _shrink_widest({str(i): w for i, w in widths.items()},
                                CONTENT_WIDTH - flexible_min)  # fmt: skip
        widths = {int(key): width for key, width in shrunk.items()}
    rest = CONTENT_WIDTH - sum(widths.values())
    return [
        TableColumn(
            str(index), title, rest if index == flexible else widths[index], right=index in right
        )  # fmt: skip
        for index, title in enumerate(titles)
    ]


def cells(
    pdf: DocumentPDF, columns: list[TableColumn], texts: Sequence[str], style: Style
) -> list[Cell]:
    return [
        pdf.lines(text, style, column.text_width)
        for column, text in zip(columns, texts, strict=True)
    ]


def draw_table(pdf: DocumentPDF, columns: list[TableColumn], rows: list[Row]) -> None:
    """The column titles, then every row; a row that does not fit moves whole to the next
    page, under the titles printed again (only a row taller than a page is cut)."""
    header = [pdf.lines(column.title, HEADER, column.text_width) for column in columns]
    header_height = row_height(header)
    first = row_height(rows[0].cells) if rows else 0.0
    if header_height + min(first, pdf.bottom - pdf.body_top - header_height) > pdf.room():
        pdf.new_page()
    # The table classes are typed for the lines table's columns, which these extend.
    as_columns: list[Column] = list(columns)
    draw_header(pdf, as_columns, header)
    for row in rows:
        rest: list[Cell] | None = row.cells
        while rest is not None:
            if row_height(rest) > pdf.room() and pdf.y > pdf.body_top + header_height + 0.1:
                pdf.new_page()
                draw_header(pdf, as_columns, header)
            part, rest = split_row(rest, pdf.room())
            if row.shaded:
                pdf.set_fill_color(BALANCE_FILL)
                pdf.rect(LEFT, pdf.y, CONTENT_WIDTH, row_height(part), style="F")
            draw_row(pdf, as_columns, part)
