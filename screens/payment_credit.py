"""Setting a credit (a payment `#12`, a credit note's number) against invoices: apply what
is left of it to one of the customer's open invoices (ApplyCreditScreen), or move what it
settled on one invoice onto another (MoveAllocationScreen). The invoices are picked from
lists (↑↓, Enter goes on to the amount); an empty amount is as much as can go. Both
dismiss with what was settled, or None; see screens.payment_actions for the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models import clock
from models.i18n import _
from models.ledger import Entry
from models.money import minor_to_text
from models.payment_lists import SettledInvoice
from screens.document_text import compact_date_text
from screens.payment_actions import GENERAL, CreditActionScreen, CreditView


@dataclass(frozen=True)
class Settled:
    """What a dialog set against an invoice: `amount` minor units on `invoice`, moved off
    `from_invoice` when it was a move."""

    invoice: str
    amount: int
    from_invoice: str = ""


def _pick(options: list[Option], list_id: str) -> OptionList:
    picker = OptionList(*options, id=list_id, classes="action-pick", markup=False, compact=True)
    picker.highlighted = 0 if options else None
    return picker


def _chosen(picker: OptionList) -> str:
    index = picker.highlighted
    if index is None or picker.option_count == 0:
        return ""
    return str(picker.get_option_at_index(index).id)


class CreditPickScreen(CreditActionScreen[Settled]):
    """Lists of invoices to pick from, and the amount that follows the choice."""

    AMOUNT = ""

    def invoice_option(self, entry: Entry) -> Option:
        due = compact_date_text(entry.due_date) if entry.due_date else ""
        late = entry.due_date is not None and entry.due_date < clock.today()
        text = _("{number}  {date}  due {due}  open {open}").format(
            number=entry.reference.ljust(13), date=compact_date_text(entry.date), due=due,
            open=self.money(entry.open_amount),
        ) + ("  ! " + _("overdue") if late else "")  # fmt: skip
        return Option(Content(text), id=entry.reference)

    def amount_and_date(self, prefix: str) -> ComposeResult:
        """The amount (empty: what the choice allows) and the date (empty: today)."""
        yield from self.row(_("Amount"), Input("", compact=True, id=f"{prefix}-amount"),
                            _("empty: as much as can go"))  # fmt: skip
        yield from self.row(_("Date"), Input("", placeholder=clock.today().isoformat(),
                                             compact=True, id=f"{prefix}-date"))  # fmt: skip

    def no_open_invoice(self, view: CreditView) -> bool:
        """Says so when the customer has no invoice left open in the credit's currency."""
        if view.open_invoices:
            return False
        self.set_error(GENERAL, _("{customer} has no open invoice in {currency}.").format(
            customer=self.customer, currency=self.currency))  # fmt: skip
        return True

    def open_amount(self, number: str) -> int:
        return next((e.open_amount for e in self.view.open_invoices if e.reference == number), 0)

    def default_amount(self) -> int:
        raise NotImplementedError

    def show_default(self) -> None:
        """The amount an empty field stands for, as its placeholder."""
        amount = self.query_one(f"#{self.AMOUNT}", Input)
        amount.placeholder = minor_to_text(self.default_amount(), self.currency)

    @on(OptionList.OptionHighlighted)
    def _picked(self) -> None:
        if self.ready:
            self.show_default()

    @on(OptionList.OptionSelected)
    def _chose(self, event: OptionList.OptionSelected) -> None:
        """Enter on an invoice: on to the next list, or to the amount."""
        event.stop()
        self.focus_next()


class ApplyCreditScreen(CreditPickScreen):
    """Applies what is left of the credit `source` to one of `customer`'s open invoices
    in `currency`: as much as the invoice asks, or the amount typed."""

    AMOUNT = "apply-amount"
    FIELDS = {"amount": "apply-amount", "date": "apply-date"}

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-box"):
            title = _("Apply {source} to an invoice").format(source=self.source)
            yield Static(Content.styled(title, "bold"), classes="action-title")
            yield Static(Content(_("Reading…")), id="apply-left", classes="action-context")
            yield Static(Content.styled(_("Open invoices"), "bold"), classes="action-heading")
            yield _pick([], "apply-invoice")
            yield from self.amount_and_date("apply")
            yield self.error_line(GENERAL)
            yield self.keys_line(_("apply"))

    def show_credit(self, view: CreditView) -> bool:
        text = _("{customer} · credit left on {source}: {left}").format(
            customer=self.customer, source=self.source, left=self.money(view.left))  # fmt: skip
        self.query_one("#apply-left", Static).update(Content(text))
        if view.left <= 0:
            self.set_error(GENERAL, _("Nothing is left of {source} to apply.").format(
                source=self.source))  # fmt: skip
            return False
        if self.no_open_invoice(view):
            return False
        picker = self.query_one("#apply-invoice", OptionList)
        picker.add_options([self.invoice_option(entry) for entry in view.open_invoices])
        picker.highlighted = 0
        picker.focus()
        self.show_default()
        return True

    def default_amount(self) -> int:
        chosen = _chosen(self.query_one("#apply-invoice", OptionList))
        return min(self.view.left, self.open_amount(chosen))

    def service_call(self) -> Callable[[], Settled]:
        from models.payments import apply_credit

        invoice, operator, source = (_chosen(self.query_one("#apply-invoice", OptionList)),
                                     self.operator, self.source)  # fmt: skip
        amount = self.amount_or("apply-amount", self.default_amount())
        date = self.value("apply-date")

        def apply() -> Settled:
            applied = apply_credit(invoice, operator, amount=amount, sources=[source], date=date)
            return Settled(invoice, applied)

        return apply


class MoveAllocationScreen(CreditPickScreen):
    """Moves what the credit `source` settled on one invoice (all of it, or the amount
    typed) onto another open invoice of `customer` in `currency`."""

    AMOUNT = "move-amount"
    FIELDS = {"amount": "move-amount", "date": "move-date", "from_invoice": "move-from",
              "to_invoice": "move-to"}  # fmt: skip

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-box"):
            title = _("Move what {source} settled").format(source=self.source)
            yield Static(Content.styled(title, "bold"), classes="action-title")
            yield Static(Content.styled(_("From the invoice"), "bold"), classes="action-heading")
            yield _pick([], "move-from")
            yield self.error_line("move-from")
            yield Static(Content.styled(_("To the invoice"), "bold"), classes="action-heading")
            yield _pick([], "move-to")
            yield self.error_line("move-to")
            yield from self.amount_and_date("move")
            yield self.error_line(GENERAL)
            yield self.keys_line(_("move"))

    def settled_option(self, settled: SettledInvoice) -> Option:
        text = _("{number}  {date}  {amount} from {source}").format(
            number=settled.number.ljust(13), date=compact_date_text(settled.date),
            amount=self.money(settled.amount), source=self.source,
        )  # fmt: skip
        return Option(Content(text), id=settled.number)

    def show_credit(self, view: CreditView) -> bool:
        if not view.settled:
            self.set_error(GENERAL, _("{source} has settled no invoice.").format(
                source=self.source))  # fmt: skip
            return False
        if self.no_open_invoice(view):
            return False
        origin = self.query_one("#move-from", OptionList)
        origin.add_options([self.settled_option(settled) for settled in view.settled])
        origin.highlighted = 0
        self._offer_targets()
        origin.focus()
        return True

    def _offer_targets(self) -> None:
        """Every open invoice but the one the money comes from."""
        origin = _chosen(self.query_one("#move-from", OptionList))
        target = self.query_one("#move-to", OptionList)
        kept = _chosen(target)
        entries = [e for e in self.view.open_invoices if e.reference != origin]
        target.clear_options()
        target.add_options([self.invoice_option(entry) for entry in entries])
        numbers = [entry.reference for entry in entries]
        target.highlighted = numbers.index(kept) if kept in numbers else (0 if numbers else None)
        self.show_default()

    @on(OptionList.OptionHighlighted, "#move-from")
    def _origin_changed(self) -> None:
        if self.ready:
            self._offer_targets()

    def default_amount(self) -> int:
        origin = _chosen(self.query_one("#move-from", OptionList))
        there = next((s.amount for s in self.view.settled if s.number == origin), 0)
        target = _chosen(self.query_one("#move-to", OptionList))
        return min(there, self.open_amount(target)) if target else there

    def service_call(self) -> Callable[[], Settled] | None:
        from models.payments import move_allocation

        origin = _chosen(self.query_one("#move-from", OptionList))
        target = _chosen(self.query_one("#move-to", OptionList))
        if not target:
            self.set_error("move-to", _("No other open invoice to move it to."))
            return None
        operator, source = self.operator, self.source
        amount = self.amount_or("move-amount", self.default_amount())
        date = self.value("move-date")

        def move() -> Settled:
            moved = move_allocation(source, origin, target, operator, amount=amount, date=date)
            return Settled(target, moved, origin)

        return move
