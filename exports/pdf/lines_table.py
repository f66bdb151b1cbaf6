"""The lines table: description (item code before it, note under it), quantity, unit, unit
price, discount, VAT rate and net amount, numbers right-aligned.

Each cell wraps inside its column and a row is as tall as its tallest cell. A row that
does not fit moves whole to the next page, under the column titles printed again; only a
row taller than a whole page is cut, between two of its lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exports.pdf.page import BODY, CONTENT_WIDTH, LEFT, DocumentPDF, Style, TextLine
from models.document_view import ViewLine

FIELDS = ("description", "quantity", "unit", "unit_price", "discount", "vat_rate", "net")
RIGHT_ALIGNED = {"quantity", "unit_price", "discount", "vat_rate", "net"}
PAD_X, PAD_Y = 1.5, 1.05
HEADER = Style(7.5, bold=True, grey=40)
CODE = Style(7, grey=110)
NOTE = Style(7.5, grey=100)
HEADER_FILL = 236
RULE_GREY = 210
# Below this the description column would wrap every other word: the number columns
# give way first.
DESCRIPTION_MIN = 72.0
NUMBER_MIN = 9.0
# A value wider than this (a 40-digit quantity) wraps inside its own column rather than
# squeezing the others.
NUMBER_MAX = 30.0

Cell = list[TextLine]


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: float

    @property
    def align(self) -> str:
        return "R" if self.field in RIGHT_ALIGNED else "L"

    @property
    def text_width(self) -> float:
        return self.width - 2 * PAD_X


def draw_lines_table(pdf: DocumentPDF) -> None:
    """Prints every line of `pdf.view` from `pdf.y`, breaking pages as the module says."""
    columns = table_columns(pdf)
    header = [pdf.lines(column.title, HEADER, column.text_width) for column in columns]
    rows = [line_cells(pdf, line, columns) for line in pdf.view.lines]
    header_height = row_height(header)
    first = row_height(rows[0]) if rows else 0.0
    if header_height + min(first, pdf.bottom - pdf.body_top - header_height) > pdf.room():
        pdf.new_page()
    draw_header(pdf, columns, header)
    for cells in rows:
        rest: list[Cell] | None = cells
        while rest is not None:
            if row_height(rest) > pdf.room() and pdf.y > pdf.body_top + header_height + 0.1:
                pdf.new_page()
                draw_header(pdf, columns, header)
            part, rest = split_row(rest, pdf.room())
            draw_row(pdf, columns, part)


def table_columns(pdf: DocumentPDF) -> list[Column]:
    """Each number column as wide as its widest value and its longest title word, with
    the titles on one line when there is room; the description takes the rest. A column
    no line fills (no discounts anywhere) is left out."""
    view = pdf.view
    fields = [field for field in FIELDS if field == "description" or _used(view.lines, field)]
    titles = {field: getattr(view.columns, field) for field in fields}
    narrow, comfortable = {}, {}
    for field in fields[1:]:
        values = [pdf.width_of(pdf.clean(getattr(line, field)), BODY) for line in view.lines]
        title = pdf.clean(titles[field])
        longest_word = max((pdf.width_of(word, HEADER) for word in title.split()), default=0)
        widest = min(NUMBER_MAX, max(values, default=0))
        narrow[field] = max(NUMBER_MIN, widest, longest_word) + 2 * PAD_X
        comfortable[field] = max(narrow[field], pdf.width_of(title, HEADER) + 2 * PAD_X)
    widths = comfortable
    if CONTENT_WIDTH - sum(widths.values()) < DESCRIPTION_MIN:
        widths = narrow
    spare = CONTENT_WIDTH - DESCRIPTION_MIN
    if sum(widths.values()) > spare:
        widths = _shrink_widest(widths, spare)
    description = CONTENT_WIDTH - sum(widths.values())
    return [Column("description", titles["description"], description)] + [
        Column(field, titles[field], widths[field]) for field in fields[1:]
    ]


def _shrink_widest(widths: dict[str, float], total: float) -> dict[str, float]:
    """`widths` brought down to `total` by narrowing the widest columns to one common
    width: the columns already narrower keep their width, so only the overlong values
    wrap."""
    fitted = dict(widths)
    remaining, left = total, len(widths)
    for field, width in sorted(widths.items(), key=lambda item: item[1]):
        share = remaining / left
        fitted[field] = min(width, share)
        remaining -= fitted[field]
        left -= 1
    return fitted


def _used(lines: Sequence[ViewLine], field: str) -> bool:
    return not lines or any(str(getattr(line, field)).strip() for line in lines)


def line_cells(pdf: DocumentPDF, line: ViewLine, columns: list[Column]) -> list[Cell]:
    cells = []
    for column in columns:
        if column.field == "description":
            code = pdf.clean(line.code).strip()
            lead = TextLine(code, CODE) if code else None
            cell = pdf.lines(line.description, BODY, column.text_width, lead)
            cell += pdf.lines(line.note, NOTE, column.text_width)
        else:
            cell = pdf.lines(getattr(line, column.field), BODY, column.text_width)
        cells.append(cell)
    return cells


def row_height(cells: Sequence[Cell]) -> float:
    tallest = max((sum(line.style.line_height for line in cell) for cell in cells), default=0)
    return tallest + 2 * PAD_Y


def split_row(cells: list[Cell], height: float) -> tuple[list[Cell], list[Cell] | None]:
    """The part of a row that fits in `height` and what is left (None when it all fits).
    At least one line goes in the part, so a cut row always makes progress."""
    if row_height(cells) <= height:
        return cells, None
    part: list[Cell] = []
    rest: list[Cell] = []
    for cell in cells:
        used, count = 2 * PAD_Y, 0
        while count < len(cell) and used + cell[count].style.line_height <= height:
            used += cell[count].style.line_height
            count += 1
        part.append(cell[:count])
        rest.append(cell[count:])
    if not any(part):
        first = next(index for index, cell in enumerate(cells) if cell)
        part[first], rest[first] = cells[first][:1], cells[first][1:]
    return part, rest if any(rest) else None


def draw_header(pdf: DocumentPDF, columns: list[Column], header: list[Cell]) -> None:
    height = row_height(header)
    pdf.set_fill_color(HEADER_FILL)
    pdf.rect(LEFT, pdf.y, CONTENT_WIDTH, height, style="F")
    _draw_cells(pdf, columns, header, pdf.y)
    pdf.set_y(pdf.y + height)


def draw_row(pdf: DocumentPDF, columns: list[Column], cells: list[Cell]) -> None:
    top, height = pdf.y, row_height(cells)
    _draw_cells(pdf, columns, cells, top)
    pdf.set_draw_color(RULE_GREY)
    pdf.set_line_width(0.15)
    pdf.line(LEFT, top + height, LEFT + CONTENT_WIDTH, top + height)
    pdf.set_y(top + height)


def _draw_cells(pdf: DocumentPDF, columns: list[Column], cells: list[Cell], top: float) -> None:
    x = LEFT
    for column, cell in zip(columns, cells, strict=True):
        pdf.put_lines(x + PAD_X, top + PAD_Y, column.text_width, cell, column.align)
        x += column.width
