"""The open debits a payment is set against, on the payment entry screen: a row each
(number, date, due date, what it still asks, the amount to allocate, what is left after),
how a typed amount spreads over them, and the line that sums it up.

An amount the screen writes into a row (the automatic allocation) is remembered by the
row, so that a change the operator types can be told from it: typing is what switches
the screen to manual allocation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from models import clock, formatting
from models import validation as check
from models.errors import ValidationError
from models.i18n import _, current_language
from models.ledger import Entry, settle_oldest_first
from models.money import minor_to_text, to_minor
from screens.document_text import compact_date_text, entry_kind_text


def amount_text(minor: int, currency: str) -> str:
    """An amount without its sign, in the operator's way of writing numbers: 1,234.50."""
    return formatting.amount(minor, currency, current_language())


def with_currency(minor: int, currency: str) -> str:
    """ "150.00 EUR": the rows say the currency once, the sums name it."""
    return f"{amount_text(minor, currency)} {currency}"


def read_amount(text: str, currency: str) -> tuple[int | None, str]:
    """What is typed in minor units (0 when empty), or None and the reason it is not an
    amount."""
    try:
        value = check.amount("amount", text)
    except ValidationError as exc:
        return None, next(iter(exc.errors.values()))
    return (0 if value is None else to_minor(value, currency)), ""


def automatic_plan(debits: Sequence[Entry], amount: int, first: str = "") -> list[int]:
    """What each debit takes of `amount`, oldest due first, the debit referenced `first`
    (the invoice the payment was opened for) before the others."""
    order = sorted(debits, key=lambda entry: entry.reference != first) if first else debits
    taken = {
        (entry.kind, entry.id): part for entry, part in settle_oldest_first(list(order), amount)
    }
    return [taken.get((entry.kind, entry.id), 0) for entry in debits]


class AllocationInput(Input):
    """The amount set against one debit."""

    def __init__(self, index: int, value: str) -> None:
        super().__init__(value, placeholder="0", compact=True, classes="allocation-input")
        self.index = index
        # The last value the screen wrote: a Changed carrying it is not typing.
        self.written = value

    def write(self, value: str) -> None:
        self.written = value
        self.value = value

    @property
    def typed(self) -> bool:
        return self.value != self.written


class AllocationRow(Vertical):
    """One open debit, its amount to allocate, and under it the reason that amount is
    refused, when it is."""

    def __init__(self, index: int, entry: Entry, value: str) -> None:
        super().__init__(classes="allocation-row")
        self.entry = entry
        self.input = AllocationInput(index, value)

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Horizontal(classes="allocation-line"):
            yield Static(Content(entry.reference), classes="allocation-number")
            yield Static(Content(compact_date_text(entry.date)), classes="allocation-date")
            if entry.kind != "invoice":
                due = entry_kind_text(entry.kind)
            else:
                # Overdue said in words, not colour alone: 16 colours over SSH may not show it.
                late = entry.due_date is not None and entry.due_date < clock.today()
                due = ("! " if late else "") + compact_date_text(entry.due_date)
            yield Static(Content(due), classes="allocation-due")
            yield Static(
                Content(amount_text(entry.open_amount, entry.currency)), classes="allocation-open"
            )
            yield self.input
            yield Static(Content(""), classes="allocation-left")
        yield Static("", markup=False, classes="allocation-error")

    def show(self, part: int | None, error: str) -> None:
        """What is left after `part` (None: unreadable), and the reason it is refused."""
        entry = self.entry
        left = "" if part is None else amount_text(entry.open_amount - part, entry.currency)
        self.query_one(".allocation-left", Static).update(Content(left))
        self.refuse(error)

    def refuse(self, reason: str) -> None:
        shown = self.query_one(".allocation-error", Static)
        shown.update("⚠ " + reason if reason else "")
        shown.set_class(bool(reason), "shown")


def allocation_head() -> ComposeResult:
    with Horizontal(classes="allocation-line allocation-head", id="allocation-head"):
        yield Static(Content(_("Number")), classes="allocation-number")
        yield Static(Content(_("Date")), classes="allocation-date")
        yield Static(Content(_("Due")), classes="allocation-due")
        yield Static(Content(_("Still due")), classes="allocation-open")
        yield Static(Content(_("Allocate")), classes="allocation-input-head")
        yield Static(Content(_("Left after")), classes="allocation-left")


@dataclass(frozen=True)
class AllocationReading:
    """The rows as typed: each one's amount (None when unreadable) and refusal, what they
    add up to, and whether they ask more than the payment."""

    parts: tuple[int | None, ...]
    errors: tuple[str, ...]
    allocated: int
    amount: int | None
    over: bool

    @property
    def refused(self) -> bool:
        return self.over or any(self.errors)


def read_rows(rows: Sequence[AllocationRow], amount: int | None) -> AllocationReading:
    parts: list[int | None] = []
    errors: list[str] = []
    for row in rows:
        entry = row.entry
        part, error = read_amount(row.input.value, entry.currency)
        if part is not None and part > entry.open_amount:
            error = _("More than the {open} still due.").format(
                open=amount_text(entry.open_amount, entry.currency)
            )
        parts.append(part)
        errors.append(error)
    allocated = sum(part or 0 for part in parts)
    over = amount is not None and allocated > amount
    return AllocationReading(tuple(parts), tuple(errors), allocated, amount, over)


def over_text(reading: AllocationReading, currency: str) -> str:
    """Said at the amount when the rows ask more than it."""
    excess = reading.allocated - (reading.amount or 0)
    return _("Allocated {allocated}, {excess} more than the payment.").format(
        allocated=with_currency(reading.allocated, currency),
        excess=amount_text(excess, currency),
    )


def summary_text(reading: AllocationReading, currency: str) -> Content:
    """ "Allocated 150.00 of 170.00 EUR", and on a line of its own what is left over:
    "Left over: 20.00 EUR — becomes the customer's credit"."""
    if reading.amount is None or reading.amount <= 0:
        return Content.styled(_("Type the amount received."), "dim")
    head = _("Allocated {allocated} of {amount}").format(
        allocated=amount_text(reading.allocated, currency),
        amount=with_currency(reading.amount, currency),
    )
    if reading.over:
        return Content.assemble(head, " · ", ("⚠ " + _("more than the payment"), "bold"))
    left = reading.amount - reading.allocated
    if left == 0:
        return Content.assemble(head, " · ", _("nothing left over"))
    tail = _("Left over: {amount} — becomes the customer's credit").format(
        amount=with_currency(left, currency)
    )
    return Content.assemble(head, "\n", (tail, "bold"))


def mode_text(currency: str, any_open: bool, manual: bool, first: Entry | None) -> Content:
    """Above the rows: whose they are and how the amount is spread over them."""
    if not any_open:
        return Content(
            _("No open invoice in {currency}: all of the payment becomes the customer's "
              "credit.").format(currency=currency)
        )  # fmt: skip
    whose = _("Open invoices in {currency}").format(currency=currency)
    if manual:
        return Content.assemble(
            whose, " · ", (_("manual allocation"), "bold"), " " + _("(Ctrl+O: oldest first)")
        )
    if first is not None:
        how = _("allocated to {number} first, then oldest due first").format(number=first.reference)
    else:
        how = _("allocated oldest due first")
    return Content(f"{whose} · {how}")


def typed_parts(rows: Sequence[AllocationRow], parts: Sequence[int]) -> list[tuple[str, str]]:
    """The allocations as the service takes them: (reference, amount) for each row that
    takes something."""
    return [
        (row.entry.reference, minor_to_text(part, row.entry.currency))
        for row, part in zip(rows, parts, strict=True)
        if part > 0
    ]
