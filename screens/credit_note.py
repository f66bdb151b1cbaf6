"""A credit note for an issued invoice, the only way to correct one: the whole invoice,
some of its lines (a quantity per line, up to what is left to credit), or an amount
including VAT; with a reason and a date (today unless typed). The total follows what is
typed. Ctrl+S issues it at once (numbered, frozen, set against what the invoice still
owes); a refused value is explained under its field. Dismisses with the credit note's
number, or None."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from models import clock
from models import validation as check
from models.credit_notes import CreditLine, creditable_amount, creditable_lines
from models.db import database
from models.documents import find_document
from models.errors import ComptoirError, NotFound, ValidationError
from models.fields import QUANTITY_PLACES
from models.i18n import N_, _
from models.money import to_minor
from models.totals import compute_totals, line_net
from screens.document_text import money_text, number_text, price_text
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedModal

_MODES = (
    ("whole", N_("The whole invoice")),
    ("lines", N_("Some lines")),
    ("amount", N_("An amount")),
)


@dataclass(frozen=True)
class CreditAsked:
    """What the dialog asks the service for; `positions[i]` is the invoice line that
    `lines[i]` credits, so that an error at `lines.i.quantity` finds its row."""

    lines: tuple[CreditLine, ...]
    positions: tuple[int, ...]
    amount: str


class CreditNoteScreen(TranslatedModal[str | None]):
    CSS_PATH = "documents.tcss"
    BINDINGS = [
        # Priority: the inputs must not keep Ctrl+S; Esc is not, so that it first closes
        # the mode's list when that is open.
        Binding("ctrl+s", "confirm", N_("Issue"), priority=True),
        Binding("f2", "confirm", N_("Issue"), show=False, priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, invoice_number: str) -> None:
        super().__init__()
        self.invoice_number = invoice_number
        self.missing = ""
        try:
            self.invoice = find_document("invoice", invoice_number)
        except NotFound as exc:
            self.missing = str(exc)
            return
        self.creditable = creditable_lines(self.invoice)
        self.room = creditable_amount(self.invoice)
        self.busy = False

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.missing:
            return
        invoice, currency = self.invoice, self.invoice.currency
        with Vertical(id="credit-box"):
            yield Static(
                Content(
                    _("Credit note for {number} · {customer}").format(
                        number=invoice.number, customer=display_safe(invoice.billing.name)
                    )
                ),
                id="credit-title",
            )
            yield Static(
                Content.styled(
                    _("Invoiced {total} · left to credit {room}").format(
                        total=money_text(invoice.totals.total, currency),
                        room=money_text(self.room, currency),
                    ),
                    "dim",
                )
            )
            with Horizontal(classes="credit-row"):
                yield Label(_("Credit"), classes="credit-label")
                yield Select(
                    [(Content(_(text)), mode) for mode, text in _MODES],
                    value="whole",
                    allow_blank=False,
                    compact=True,
                    id="credit-mode",
                )
            # Tab goes from one quantity to the next, not to the list around them.
            with VerticalScroll(id="credit-lines", can_focus=False):
                yield from self._line_rows()
            with Horizontal(classes="credit-row", id="credit-amount-row"):
                yield Label(_("Incl. VAT"), classes="credit-label")
                yield Input("", placeholder="0.00", compact=True, id="credit-amount")
                yield Static(
                    Content.styled(
                        _("at most {room}").format(room=money_text(self.room, currency)), "dim"
                    ),
                    classes="credit-hint",
                )
            yield self._error("amount")
            with Horizontal(classes="credit-row"):
                yield Label(_("Reason"), classes="credit-label")
                yield Input("", placeholder=_("printed on the credit note"), compact=True,
                            id="credit-reason")  # fmt: skip
            with Horizontal(classes="credit-row credit-row-next"):
                yield Label(_("Date"), classes="credit-label")
                yield Input("", placeholder=clock.today().isoformat(), compact=True,
                            id="credit-date")  # fmt: skip
            yield self._error("date")
            yield Static(Content(""), id="credit-total")
            yield self._error("lines")
            yield Static(
                Content.styled(
                    _("Ctrl+S issues the credit note (it cannot be undone) · Esc: back"), "dim"
                ),
                id="credit-keys",
            )

    def _line_rows(self) -> ComposeResult:
        currency = self.invoice.currency
        with Horizontal(classes="credit-line credit-line-head"):
            yield Static(Content(_("Line")), classes="credit-description")
            yield Static(Content(_("Left")), classes="credit-left")
            yield Static(Content(_("Price")), classes="credit-price")
            yield Static(Content(_("Credit")), classes="credit-quantity-head")
        for c in self.creditable:
            line = c.line
            text = line.description.split("\n", 1)[0]
            description = f"{c.position + 1}. " + (f"{line.code} {text}" if line.code else text)
            with Horizontal(classes="credit-line"):
                yield Static(Content(display_safe(description)), classes="credit-description")
                left = number_text(c.remaining) + (f" {line.unit}" if line.unit else "")
                yield Static(Content(display_safe(left)), classes="credit-left")
                yield Static(Content(price_text(line.unit_price, currency)), classes="credit-price")
                yield Input(
                    "",
                    placeholder="0",
                    compact=True,
                    id=f"credit-quantity-{c.position}",
                    classes="credit-quantity",
                    disabled=c.remaining <= 0,
                )
            yield self._error(f"quantity-{c.position}")

    @staticmethod
    def _error(key: str) -> Static:
        return Static("", markup=False, id=f"credit-error-{key}", classes="credit-error")

    def on_mount(self) -> None:
        if self.missing:
            self.notify(self.missing, severity="error", markup=False)
            self.dismiss(None)
            return
        self.sub_title = _("Credit note")
        self._show_mode()
        self.query_one("#credit-mode", Select).focus()

    # ---- what is typed ----------------------------------------------------------------

    @property
    def mode(self) -> str:
        return str(self.query_one("#credit-mode", Select).value)

    @on(Select.Changed, "#credit-mode")
    def _show_mode(self) -> None:
        mode = self.mode
        self.query_one("#credit-lines").display = mode == "lines"
        self.query_one("#credit-amount-row").display = mode == "amount"
        self._clear_errors()
        self._show_total()

    @on(Input.Changed, "#credit-amount, .credit-quantity")
    def _show_total(self) -> None:
        currency = self.invoice.currency
        total = self._total()
        label = Content.styled(_("Credit note total"), "bold")
        if total is None:
            text = Content.assemble(label, " ", (_("— (see what is typed)"), "dim"))
        else:
            text = Content.assemble(label, " ", (money_text(total, currency), "bold"))
            if total > self.room:
                text += Content.styled(" · " + _("more than is left to credit"), "bold")
        self.query_one("#credit-total", Static).update(text)

    def _total(self) -> int | None:
        """The credit note's total as typed so far (VAT included), or None while a value
        does not read as one."""
        invoice = self.invoice
        if self.mode == "amount":
            try:
                wanted = check.amount("amount", self.query_one("#credit-amount", Input).value)
            except ValidationError:
                return None
            return to_minor(wanted or Decimal(0), invoice.currency)
        if self.mode == "whole":
            parts = [(c.line, c.remaining) for c in self.creditable if c.remaining > 0]
        else:
            parts = []
            for c in self.creditable:
                quantity = self._quantity(c.position)
                if quantity is None:
                    return None
                if quantity:
                    parts.append((c.line, quantity))
        totals = compute_totals(
            (
                (line_net(q, line.unit_price, line.discount, invoice.currency), line.vat_rate)
                for line, q in parts
            ),
            invoice.tax_treatment,
            invoice.currency,
        )
        return totals.total

    def _quantity(self, position: int) -> Decimal | None:
        """The quantity typed on a line (0 when empty), None when it is not a number."""
        text = self.query_one(f"#credit-quantity-{position}", Input).value
        try:
            value = check.decimal_number("quantity", text, QUANTITY_PLACES, Decimal(0))
        except ValidationError:
            return None
        return value or Decimal(0)

    def _asked(self) -> CreditAsked | None:
        """What to ask the service for; None (and the reason shown) when nothing is."""
        if self.mode == "amount":
            return CreditAsked((), (), self.query_one("#credit-amount", Input).value)
        if self.mode == "whole":
            return CreditAsked((), (), "")
        lines, positions = [], []
        for c in self.creditable:
            text = self.query_one(f"#credit-quantity-{c.position}", Input).value.strip()
            # An empty or zero quantity leaves the line out; anything else goes to the
            # service, which says what is wrong with it.
            if text and self._quantity(c.position) != 0:
                lines.append(CreditLine(c.position, text))
                positions.append(c.position)
        if not lines:
            self._set_error("lines", _("Type the quantity to credit on at least one line."))
            return None
        return CreditAsked(tuple(lines), tuple(positions), "")

    # ---- issuing ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return not self.missing and self.room > 0
        return True

    def action_confirm(self) -> None:
        if self.busy:
            return
        self._clear_errors()
        asked = self._asked()
        if asked is None:
            return
        self.busy = True
        reason = self.query_one("#credit-reason", Input).value
        date = self.query_one("#credit-date", Input).value
        self._issue(asked, reason, date)

    @work(thread=True, exclusive=True, group="credit-note")
    def _issue(self, asked: CreditAsked, reason: str, date: str) -> None:
        from models.credit_notes import credit_invoice

        operator = str(getattr(self.app, "operator", ""))
        try:
            with database.connection_context():
                note = credit_invoice(
                    self.invoice.number,
                    operator,
                    lines=asked.lines,
                    amount=asked.amount,
                    date=date,
                    reason=reason,
                )
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors, asked)
            return
        except ComptoirError as exc:
            self.app.call_from_thread(self._refused, {"lines": str(exc)}, asked)
            return
        self.app.call_from_thread(self.dismiss, note.number)

    def _refused(self, errors: dict[str, str], asked: CreditAsked) -> None:
        self.busy = False
        first: Input | None = None
        for field, reason in errors.items():
            key, target = self._error_place(field, asked)
            self._set_error(key, reason)
            if target is not None and first is None:
                first = target
        if first is not None:
            first.focus()

    def _error_place(self, field: str, asked: CreditAsked) -> tuple[str, Input | None]:
        """Where the service's `field` is shown, and the input to bring the operator to."""
        parts = field.split(".")
        if parts[0] == "lines" and len(parts) == 3:
            position = asked.positions[int(parts[1])]
            return f"quantity-{position}", self.query_one(f"#credit-quantity-{position}", Input)
        if field == "amount":
            return "amount", self.query_one("#credit-amount", Input)
        if field == "date":
            return "date", self.query_one("#credit-date", Input)
        return "lines", None

    def _set_error(self, key: str, reason: str) -> None:
        error = self.query_one(f"#credit-error-{key}", Static)
        error.update("⚠ " + reason if reason else "")
        error.set_class(bool(reason), "shown")

    def _clear_errors(self) -> None:
        for error in self.query(".credit-error").results(Static):
            error.update("")
            error.remove_class("shown")
        if self.room <= 0:
            self._set_error("lines", _("Nothing is left to credit on this invoice."))

    def action_cancel(self) -> None:
        self.dismiss(None)
