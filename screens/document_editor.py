"""The document editor, shared by quotes, invoices and credit notes: pick the customer by
typing (its billing data, terms, price list, currency and language fill in), then type
lines — an item by code or name and a quantity, Enter; or a text and a price — and watch
the totals with their VAT breakdown follow. Lines are priced by the customer's contract
and price list as they are entered, and each says which rule priced it. An invoice's due
date follows its terms unless one is typed, and the legal cap on terms between businesses
is pointed out (not enforced). Everything by keyboard:

Ctrl+S saves, F4 opens the details (terms, billing address, tax treatment…), Ctrl+R
previews and saves the PDF, Ctrl+T changes a quote's status (sent, accepted, declined,
made into an invoice), Ctrl+E issues an invoice, Ctrl+D deletes an invoice draft, Ctrl+K
credits an issued invoice, p records a payment for it, m marks it paid (Ctrl+Z undoes
that). A document that is no longer a draft is shown, not edited.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantBlur
from textual.widgets import Header, Input, Label, Select, Static

from models.customers import get_customer
from models.db import database
from models.document_records import DocumentInput, DocumentRecord
from models.documents import document_customer, get_document
from models.errors import ComptoirError, ValidationError
from models.i18n import N_, _
from screens.customer_text import language_choices
from screens.document_draft import DraftState
from screens.document_lines_editor import LinesEditor
from screens.document_pickers import CustomerPicked, CustomerSource, PickerInput
from screens.document_text import (
    document_name,
    kind_text,
    money_text,
    status_text,
)
from screens.document_totals import totals_text
from screens.invoice_actions import InvoiceActions
from screens.invoice_header import InvoiceHeader
from screens.payment_marking import PaymentKeys
from screens.quote_status import QuoteSteps
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen

# The header inputs whose value is applied when the focus leaves them (or on Enter).
_HEADER_INPUTS = ("date", "valid-until", "currency", "service-date")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class DocumentEditorScreen(
    QuoteSteps, InvoiceActions, PaymentKeys, InvoiceHeader, TranslatedScreen[None]
):
    CSS_PATH = "documents.tcss"
    # Priority: the inputs bind Ctrl+E (end of line), Ctrl+D and Ctrl+K (deleting to the
    # right); check_action hands each key back to them where the action is not offered.
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("f2", "save", N_("Save"), show=False, priority=True),
        Binding("f4", "details", N_("Details"), priority=True),
        Binding("ctrl+e", "issue", N_("Issue"), priority=True),
        Binding("ctrl+r", "print", N_("PDF"), priority=True),
        Binding("ctrl+t", "status", N_("Status"), priority=True),
        Binding("ctrl+k", "credit_note", N_("Credit note"), priority=True),
        Binding("ctrl+d", "delete_draft", N_("Delete draft"), show=False, priority=True),
        Binding("ctrl+l", "focus_lines", N_("Lines"), show=False, priority=True),
        # An issued invoice only (check_action): in a draft these letters are typed.
        Binding("p", "record_payment", N_("Pay")),
        Binding("m", "mark_paid", N_("Mark paid")),
        Binding("ctrl+z", "undo_payment", N_("Undo")),
        Binding("u", "undo_payment", N_("Undo"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(
        self, kind: str = "quote", document_id: int | None = None, customer: str | None = None
    ) -> None:
        super().__init__()
        self.state = DraftState(kind)
        self.record: DocumentRecord | None = None
        self._refusal = ""
        if document_id is not None:
            self.record = get_document(document_id)
            self.state = DraftState(self.record.kind)
            self.state.load(self.record, get_customer(self.record.customer))
        elif customer:
            try:
                self.state.choose_customer(document_customer(customer))
            except ComptoirError as exc:
                # Told once the screen is up; the customer is then typed like any other.
                self._refusal = str(exc)
        self.kind = self.state.kind
        self._header_dirty = False
        self._saved = self._snapshot()
        self.line_editor = LinesEditor(self.state, lambda: self.state.header.currency)

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        h = self.state.header
        yield Header()
        with Vertical(id="doc-head"):
            yield Static(Content(""), id="doc-banner")
            with Horizontal(classes="head-row"):
                yield Label(_("Customer"), classes="head-label")
                yield PickerInput(
                    "", CustomerSource(), placeholder=_("Number, name, postcode, phone…")
                )
            yield Static(Content(""), id="customer-summary")
            with Horizontal(classes="head-row"):
                yield Label(_("Date"), classes="head-label")
                yield Input(h.date, placeholder=_("today"), compact=True, id="date")
                limit = _("Valid until") if self.kind == "quote" else _("Due date")
                yield Label(limit, classes="head-label-inline", id="limit-label")
                yield Input(h.valid_until, placeholder=_("default"), compact=True, id="valid-until")
                yield Label(_("Currency"), classes="head-label-inline")
                yield Input(h.currency, compact=True, id="currency", max_length=3)
                yield Select(
                    [(Content(n), c) for n, c in language_choices()],
                    value=h.language,
                    allow_blank=False,
                    compact=True,
                    id="language",
                )
            if self.kind != "quote":
                yield from self.invoice_rows()
            yield Static("", id="head-error", markup=False)
        yield self.line_editor
        yield Static(Content(""), id="totals")
        yield Footer()

    @property
    def customer_input(self) -> PickerInput:
        return self.query_one("#doc-head PickerInput", PickerInput)

    def on_mount(self) -> None:
        self._title()
        if self._refusal:
            self.notify(self._refusal, severity="error", markup=False)
        if self.state.customer is not None:
            self.customer_input.set_value_quietly(self._customer_line())
            if not self.read_only:
                self._reprice()
        self._show_lines()
        if self.read_only:
            self._lock_if_not_draft()
        elif self.state.customer is None:
            self.customer_input.focus()
        else:
            self.line_editor.entry.item.focus()
        self._show_customer()
        self._show_due()

    def _header_widgets(self) -> list[Input | Select[str]]:
        widgets: list[Input | Select[str]] = list(self.query_one("#doc-head").query(Input))
        widgets.remove(self.customer_input)
        widgets.append(self.query_one("#language", Select))
        return widgets

    def _title(self) -> None:
        if self.record is None:
            self.sub_title = _("New {kind}").format(kind=kind_text(self.kind))
            return
        name = _capitalised(document_name(self.record))
        # A draft's name says it is one.
        status = self.record.status if self.record.number else ""
        self.sub_title = f"{name} · {status_text(status)}" if status else name

    @property
    def read_only(self) -> bool:
        return self.record is not None and self.record.stored_status != "draft"

    # ---- the customer -----------------------------------------------------------------

    def _customer_line(self) -> str:
        customer = self.state.customer
        return f"{customer.number}  {customer.name}" if customer else ""

    def _show_customer(self) -> None:
        customer, context = self.state.customer, self.state.context
        summary = self.query_one("#customer-summary", Static)
        if customer is None:
            summary.update(Content.styled(_("Type to find the customer; Enter takes it."), "dim"))
            return
        billing = self.state.billing
        place = " ".join(p for p in (billing.postal_code, billing.city) if p) if billing else ""
        parts = [display_safe(place)] if place else []
        if self.state.details.price_list:
            parts.append(_("list {name}").format(name=display_safe(self.state.details.price_list)))
        contract = context.book.contract.label if context and context.book.contract else ""
        if context is None and self.record is not None:
            contract = self.record.contract_label
        if contract:
            parts.append(_("contract {name}").format(name=display_safe(contract)))
        record = self.record
        if record is not None and record.kind == "credit_note":
            # The banner names the invoice it credits; the reason is what is left to say.
            parts += [display_safe(record.notes)] if record.notes else []
        elif record is not None and record.source:
            parts.append(_("from {number}").format(number=record.source))
        if customer.status == "prospect":
            parts.append(_("prospect"))
        summary.update(Content(" · ".join(parts)).stylize("dim"))

    @on(Input.Submitted, "#doc-head PickerInput")
    def _customer_submitted(self, event: Input.Submitted) -> None:
        """Enter with nothing offered: the text found no customer (or the list had not
        come yet, in which case the search running now offers it)."""
        if event.value.strip() and event.value != self._customer_line():
            self.query_one("#customer-summary", Static).update(
                Content.styled(
                    _("No customer found for “{text}”: type less, or another word.").format(
                        text=display_safe(event.value.strip())
                    ),
                    "bold",
                )
            )

    @on(CustomerPicked)
    def _customer_picked(self, message: CustomerPicked) -> None:
        try:
            customer = document_customer(message.number)
        except ComptoirError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.state.choose_customer(customer)
        self.customer_input.set_value_quietly(self._customer_line())
        self.query_one("#currency", Input).value = customer.currency
        self.query_one("#language", Select).value = customer.language
        self._reprice()
        self._show_lines()
        self._show_customer()
        self.line_editor.entry.item.focus()

    # ---- the header -------------------------------------------------------------------

    @on(Input.Changed, "#date, #valid-until, #currency, #service-date")
    def _header_typed(self) -> None:
        self._header_dirty = True

    @on(Select.Changed, "#language")
    def _language_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.state.header.language:
            self._header_dirty = True
            self._apply_header()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if self._header_dirty and getattr(event.widget, "id", None) in _HEADER_INPUTS:
            self._apply_header()
        elif event.widget is self.customer_input and self.state.customer is not None:
            # Text typed over the customer and left without taking another: the customer
            # stays, and the input says so again.
            if self.customer_input.value != self._customer_line():
                self.customer_input.set_value_quietly(self._customer_line())
                self._show_customer()

    @on(Input.Submitted, "#date, #valid-until, #currency, #service-date")
    def _header_submitted(self) -> None:
        self._apply_header()
        self.focus_next()

    def _apply_header(self) -> None:
        from dataclasses import replace

        self._header_dirty = False

        def typed(key: str) -> str:
            for widget in self.query(f"#{key}").results(Input):
                return widget.value.strip()
            return ""  # a quote has no service date

        language = self.query_one("#language", Select).value
        self.state.header = replace(
            self.state.header,
            date=typed("date"),
            valid_until=typed("valid-until"),
            currency=typed("currency").upper(),
            language=language if isinstance(language, str) else self.state.header.language,
            service_date=typed("service-date"),
        )
        if self.state.customer is not None:
            self._reprice()
            self._show_lines()
            self._show_customer()

    def _reprice(self) -> None:
        """Prices every line again for the header as it stands; a refused header field
        is named under the header and the lines keep what they showed."""
        try:
            self.state.reprice()
        except ValidationError as exc:
            self._head_error("⚠ " + "; ".join(self._field_errors(exc.errors)))
        else:
            self._head_error("")
        self._show_due()

    @staticmethod
    def _shown(widget: Static, text: str) -> None:
        widget.update(text)
        widget.set_class(bool(text), "shown")

    def _head_error(self, text: str) -> None:
        self._shown(self.query_one("#head-error", Static), text)

    def _field_errors(self, errors: dict[str, str]) -> list[str]:
        from screens.customer_text import field_label

        names = {
            "date": _("Date"),
            "valid_until": _("Valid until"),
            "due_date": _("Due date"),
            "service_date": _("Service date"),
            "customer": _("Customer"),
            "lines": _("Lines"),
            "tax_treatment": _("Tax treatment"),
            "exchange_rate": _("Exchange rate"),
        }
        out = []
        for field, reason in errors.items():
            if field.startswith("billing."):
                label = _("Billing {field}").format(field=field_label(field.split(".", 1)[1]))
            else:
                label = names.get(field) or field_label(field)
            out.append(f"{label}: {reason}")
        return out

    # ---- the lines --------------------------------------------------------------------

    def _show_lines(self, cursor: int | None = None) -> None:
        self.line_editor.show_lines(cursor)

    @on(LinesEditor.Changed)
    def _show_totals(self) -> None:
        # A document no longer a draft shows the totals it was stored with.
        totals = self.record.totals if self.read_only and self.record else self.state.totals()
        self.query_one("#totals", Static).update(
            totals_text(totals, self.state.treatment, bool(self.state.lines))
        )

    @on(LinesEditor.CustomerNeeded)
    def _customer_needed(self) -> None:
        self.notify(_("Choose the customer first."), severity="warning", markup=False)
        self.customer_input.focus()

    @on(LinesEditor.LeaveAsked)
    def _leave_asked(self) -> None:
        self.action_back()

    def action_focus_lines(self) -> None:
        self.line_editor.focus_table()

    # ---- saving -----------------------------------------------------------------------

    def _snapshot(self) -> object:
        return self.state.document_input()

    @property
    def changed(self) -> bool:
        return self._snapshot() != self._saved

    def action_save(self) -> None:
        if self.read_only:
            self.notify(
                _("This document is no longer a draft: it cannot change."),
                severity="warning",
                markup=False,
            )
            return
        if self.ready_to_save():
            self._save(self.state.document_input(), self.record)

    def ready_to_save(self) -> bool:
        """Takes in what is typed in the header; False (and says so) with no customer."""
        if self._header_dirty:
            self._apply_header()
        if self.state.customer is None:
            self.notify(_("Choose the customer first."), severity="warning", markup=False)
            self.customer_input.focus()
            return False
        return True

    @work(thread=True, exclusive=True, group="document-save")
    def _save(
        self, data: DocumentInput, record: DocumentRecord | None, then_issue: bool = False
    ) -> None:
        """Stores the draft; `then_issue`: the operator asked to issue it, which is
        offered once it is saved."""
        from models.documents import create_document, update_document
        from models.invoices import create_invoice
        from models.quotes import create_quote

        operator = self.app_operator
        try:
            with database.connection_context():
                if record is not None:
                    saved = update_document(record.id, data, record.version, operator)
                elif self.kind == "quote":
                    saved = create_quote(data, operator)
                elif self.kind == "invoice":
                    saved = create_invoice(data, operator)
                else:
                    saved = create_document(self.kind, data, operator)
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors)
            return
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._stored, saved, data, then_issue)

    def _refused(self, errors: dict[str, str]) -> None:
        line_errors = {k: v for k, v in errors.items() if k.startswith("lines.")}
        other = {k: v for k, v in errors.items() if k not in line_errors}
        if other:
            self._head_error("⚠ " + "; ".join(self._field_errors(other)))
        if line_errors:
            index = int(next(iter(line_errors)).split(".")[1])
            self.line_editor.table.move_cursor(row=index)
            self.line_editor.table.focus()
            self.line_editor.show_info(
                Content.assemble(
                    (_("Line {n}").format(n=index + 1) + " · ⚠ ", "bold"),
                    "; ".join(line_errors.values()),
                )
            )
        self.notify(_("Nothing saved: see what is marked ⚠."), severity="error", markup=False)

    def _stored(self, saved: DocumentRecord, data: DocumentInput, then_issue: bool) -> None:
        self.record = saved
        self._saved = data
        self._title()
        self._head_error("")
        self.refresh_bindings()
        if then_issue:
            self._prepare_issue(saved)
            return
        self.notify(
            _("{document} saved · {total}").format(
                document=document_name(saved), total=money_text(saved.totals.total, saved.currency)
            ),
            markup=False,
        )

    # ---- the other actions ------------------------------------------------------------

    def action_details(self) -> None:
        from screens.document_details import DocumentDetailsScreen

        if self.read_only or self.state.customer is None:
            return

        def closed(details: object) -> None:
            from screens.document_draft import Details

            if isinstance(details, Details):
                self.state.details = details
                self._reprice()
                self._show_lines()
                self._show_customer()

        self.app.push_screen(DocumentDetailsScreen(self.state), closed)

    def _needs_saving(self) -> bool:
        if self.record is None or self.changed:
            self.notify(_("Save the document first (Ctrl+S)."), severity="warning", markup=False)
            return True
        return False

    def action_print(self) -> None:
        from screens.document_preview import DocumentPreviewScreen

        if self.record is not None and not self._needs_saving():
            self.app.push_screen(DocumentPreviewScreen(self.record))

    def _lock_if_not_draft(self) -> None:
        """A document that left the draft state can no longer be typed into; an issued
        one says under which number, since when, and what it leaves owed."""
        if not self.read_only or self.record is None:
            return
        for widget in (self.customer_input, *self._header_widgets()):
            widget.disabled = True
        self.line_editor.freeze()
        self._head_error("")
        self._show_banner()
        self._show_due()
        self.refresh_bindings()

    def action_back(self) -> None:
        from screens.confirm import ConfirmScreen

        if self.read_only or not self.changed:
            self.dismiss()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss()

        self.app.push_screen(ConfirmScreen(_("Discard your changes?")), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        draft = not self.read_only
        if action == "status":
            return self.kind == "quote" and self.record is not None
        if action in ("save", "details"):
            return draft
        if action == "issue":
            return self.kind == "invoice" and draft
        if action == "delete_draft":
            return self.kind == "invoice" and draft and self.record is not None
        if action == "credit_note":
            return self.kind == "invoice" and self.record is not None and self.record.is_issued
        if action == "print":
            return self.record is not None
        offered = self.payment_offered(action)
        return True if offered is None else offered

    def help_text(self) -> str:
        text = _(
            "Type the customer, Enter. Then each line: an item code or name (↓↑ choose, "
            "Enter takes), its quantity, Enter; or a text with its price (Esc first closes "
            "the list when items match the text). A price, discount "
            "or VAT rate typed on a line overrides the contract and the price list; the line "
            "then says so. Ctrl+L goes to the lines: Enter edits one, Delete removes it. F4: "
            "terms, payment, price list, tax treatment, reference, notes, billing address."
        )
        return text + self.invoice_help()

    def palette_commands(self) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = []
        if not self.read_only:
            commands += [
                PaletteCommand(_("Save"), self.action_save, _("Save the document (Ctrl+S)")),
                PaletteCommand(
                    _("Details"),
                    self.action_details,
                    _("Terms, payment, price list, tax treatment, billing (F4)"),
                ),
            ]
        commands.append(
            PaletteCommand(
                _("Lines"),
                self.action_focus_lines,
                _("Go to the lines to edit or remove one (Ctrl+L)"),
            )
        )
        if self.record is not None:
            commands.append(
                PaletteCommand(
                    _("Preview and save the PDF"),
                    self.action_print,
                    _("The document as it prints (Ctrl+R)"),
                )
            )
        commands += self._invoice_commands()
        if self.kind == "quote":
            commands.append(
                PaletteCommand(
                    _("Change the quote's status"),
                    self.action_status,
                    _("Sent, accepted, declined, invoiced (Ctrl+T)"),
                )
            )
        commands.append(PaletteCommand(_("Back"), self.action_back, _("Leave the editor (Esc)")))
        return commands
