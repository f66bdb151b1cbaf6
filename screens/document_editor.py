"""The document editor, shared by quotes and invoices: pick the customer by typing (its
billing data, terms, price list, currency and language fill in), then type lines — an
item by code or name and a quantity, Enter; or a text and a price — and watch the totals
with their VAT breakdown follow. Lines are priced by the customer's contract and price
list as they are entered, and each says which rule priced it. Everything by keyboard:

Ctrl+S saves, F4 opens the details (terms, billing address, tax treatment…), Ctrl+R
previews and saves the PDF, Ctrl+T changes a quote's status (sent, accepted, declined,
made into an invoice). A document that is no longer a draft is shown, not edited.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from models.catalog import ItemRecord, get_item
from models.customers import get_customer
from models.db import database
from models.document_records import DocumentRecord, LineInput
from models.documents import document_customer, get_document
from models.errors import ComptoirError, ConflictError, NotFound, ValidationError
from models.i18n import N_, _
from models.pricing import rule_text
from screens.customer_text import language_choices
from screens.document_draft import DraftState
from screens.document_lines import LineEntry, LinesTable, ShownLine, line_cells
from screens.document_pickers import CustomerPicked, CustomerSource, ItemPicked, PickerInput
from screens.document_text import (
    document_name,
    kind_text,
    money_text,
    percent_text,
    price_text,
    status_text,
)
from screens.document_totals import totals_text
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedScreen

_HEADER_INPUTS = ("date", "valid-until", "currency")
# Where a service's field name shows up in the editor.
_LINE_FIELDS = {
    "item": "item",
    "description": "item",
    "quantity": "quantity",
    "unit_price": "unit_price",
    "discount": "discount",
    "vat_rate": "vat_rate",
}


class DocumentEditorScreen(TranslatedScreen[None]):
    CSS_PATH = "documents.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("f2", "save", N_("Save"), show=False, priority=True),
        Binding("f4", "details", N_("Details"), priority=True),
        Binding("ctrl+r", "print", N_("PDF"), priority=True),
        Binding("ctrl+t", "status", N_("Status"), priority=True),
        Binding("ctrl+l", "focus_lines", N_("Lines"), show=False, priority=True),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(
        self, kind: str = "quote", document_id: int | None = None, customer: str | None = None
    ) -> None:
        super().__init__()
        self.state = DraftState(kind)
        self.record: DocumentRecord | None = None
        if document_id is not None:
            self.record = get_document(document_id)
            self.state = DraftState(self.record.kind)
            self.state.load(self.record, get_customer(self.record.customer))
        elif customer:
            self.state.choose_customer(document_customer(customer))
        self.kind = self.state.kind
        self.editing: int | None = None
        self.entry_item: ItemRecord | None = None
        self._header_dirty = False
        self._saved = self._snapshot()
        self.entry = LineEntry(lambda: self.state.header.currency)

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        h = self.state.header
        yield Header()
        with Vertical(id="doc-head"):
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
                yield Label(limit, classes="head-label-inline")
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
            yield Static("", id="head-error", markup=False)
        yield LinesTable()
        yield Static(Content(""), id="line-info")
        with Vertical(id="entry-box"):
            yield self.entry
        yield Static(Content(""), id="totals")
        yield Footer()

    @property
    def customer_input(self) -> PickerInput:
        return self.query_one("#doc-head PickerInput", PickerInput)

    @property
    def table(self) -> LinesTable:
        return self.query_one(LinesTable)

    def on_mount(self) -> None:
        self._title()
        if self.state.customer is not None:
            self.customer_input.set_value_quietly(self._customer_line())
            self._reprice()
        self._show_lines()
        if self.read_only:
            self._lock_if_not_draft()
        elif self.state.customer is None:
            self.customer_input.focus()
        else:
            self.entry.item.focus()
        self._show_customer()

    def _header_widgets(self) -> list[Input | Select[str]]:
        widgets: list[Input | Select[str]] = [
            self.query_one(f"#{key}", Input) for key in _HEADER_INPUTS
        ]
        widgets.append(self.query_one("#language", Select))
        return widgets

    def _title(self) -> None:
        if self.record is None:
            self.sub_title = _("New {kind}").format(kind=kind_text(self.kind))
        else:
            self.sub_title = f"{document_name(self.record)} · {status_text(self.record.status)}"

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
        contract = context.book.contract if context else None
        if contract is not None:
            parts.append(_("contract {name}").format(name=display_safe(contract.label)))
        if context is not None and context.tax_treatment != "standard":
            from screens.document_text import treatment_text

            parts.append(treatment_text(context.tax_treatment))
        if customer.status == "prospect":
            parts.append(_("prospect"))
        summary.update(Content(" · ".join(parts)).stylize("dim"))

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
        self.entry.item.focus()

    # ---- the header -------------------------------------------------------------------

    @on(Input.Changed, "#date, #valid-until, #currency")
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

    @on(Input.Submitted, "#date, #valid-until, #currency")
    def _header_submitted(self) -> None:
        self._apply_header()
        self.focus_next()

    def _apply_header(self) -> None:
        from dataclasses import replace

        self._header_dirty = False
        language = self.query_one("#language", Select).value
        self.state.header = replace(
            self.state.header,
            date=self.query_one("#date", Input).value.strip(),
            valid_until=self.query_one("#valid-until", Input).value.strip(),
            currency=self.query_one("#currency", Input).value.strip().upper(),
            language=language if isinstance(language, str) else self.state.header.language,
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
            return
        self._head_error("")

    def _head_error(self, text: str) -> None:
        error = self.query_one("#head-error", Static)
        error.update(text)
        error.set_class(bool(text), "shown")

    def _field_errors(self, errors: dict[str, str]) -> list[str]:
        from screens.customer_text import field_label

        names = {
            "date": _("Date"),
            "valid_until": _("Valid until"),
            "due_date": _("Due date"),
            "customer": _("Customer"),
            "lines": _("Lines"),
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
        currency = self.state.header.currency

        def net(minor: int) -> str:
            from models import formatting
            from models.i18n import current_language

            return formatting.amount(minor, currency, current_language())

        rows = [line_cells(line, currency, net) for line in self.state.lines]
        self.table.show(rows, cursor)
        self._show_totals()
        self._show_line_info()

    def _show_totals(self) -> None:
        totals = self.state.totals()
        treatment = self.state.context.tax_treatment if self.state.context else "standard"
        self.query_one("#totals", Static).update(
            totals_text(totals, treatment, bool(self.state.lines))
        )

    def _show_line_info(self, text: Content | None = None) -> None:
        info = self.query_one("#line-info", Static)
        if text is not None:
            info.update(text)
            return
        if self.editing is not None:
            info.update(
                Content.styled(
                    _("Editing line {n}: Enter keeps it, Esc abandons.").format(n=self.editing + 1),
                    "bold",
                )
            )
            return
        if self.table.has_focus and self.state.lines:
            info.update(
                self._line_rule(self.state.lines[self.table.cursor_row], self.table.cursor_row)
            )
            return
        if self.read_only:
            info.update(
                Content.styled(
                    _("This document is no longer a draft: it is shown, not edited."), "dim"
                )
            )
            return
        info.update(
            Content.styled(
                _("Item and quantity, Enter · or a text, then its price · Ctrl+L to the lines"),
                "dim",
            )
        )

    def _line_rule(self, line: ShownLine, index: int) -> Content:
        head = _("Line {n}").format(n=index + 1)
        if line.priced is None:
            return Content.assemble((f"{head} · ⚠ ", "bold"), line.error)
        rule = rule_text(line.priced.rule, line.priced.rule_detail)
        return Content.assemble((head, "bold"), " · ", _("priced by: {rule}").format(rule=rule))

    @on(DataTable.RowHighlighted, "#lines")
    def _row_highlighted(self) -> None:
        if self.editing is None:
            self._show_line_info()

    @on(ItemPicked)
    def _item_picked(self, message: ItemPicked) -> None:
        self.entry_item = message.item
        self.entry.item.set_value_quietly(f"{message.item.code}  {message.item.name}")
        self._preview_item(message.item)
        self.entry.quantity.focus()

    def _preview_item(self, item: ItemRecord) -> None:
        """Shows what the rules give the item, as placeholders: typing nothing keeps it."""
        if self.state.customer is None:
            return
        try:
            priced = self.state.price(LineInput(item.code), len(self.state.lines))
        except ValidationError as exc:
            self._show_line_info(Content("⚠ " + "; ".join(exc.errors.values())))
            return
        currency = self.state.header.currency
        self.entry.unit_price.placeholder = price_text(priced.unit_price, currency)
        self.entry.discount.placeholder = percent_text(priced.discount) if priced.discount else "—"
        self.entry.vat_rate.placeholder = percent_text(priced.vat_rate)
        rule = rule_text(priced.rule, priced.rule_detail)
        self._show_line_info(
            Content.assemble((item.code, "bold"), " · ", _("priced by: {rule}").format(rule=rule))
        )

    @on(Input.Changed, "#entry-item")
    def _item_typed(self, event: Input.Changed) -> None:
        chosen = self.entry_item
        if chosen is not None and event.value != f"{chosen.code}  {chosen.name}":
            self.entry_item = None

    @on(LineEntry.Commit)
    def _commit_line(self) -> None:
        if self.state.customer is None:
            self.notify(_("Choose the customer first."), severity="warning", markup=False)
            self.customer_input.focus()
            return
        e = self.entry
        text = e.item.value.strip()
        if not text and self.entry_item is None:
            return
        if self.entry_item is None and not e.unit_price.value.strip():
            exact = self._exact_item(text)
            if exact is None:
                # A text no item matches: a free-text line, which needs its price.
                self._show_line_info(
                    Content.styled(_("A free-text line: type its price excluding VAT."), "bold")
                )
                e.unit_price.focus()
                return
            self.entry_item = exact
        typed = LineInput(
            item=self.entry_item.code if self.entry_item else "",
            description="" if self.entry_item else text,
            quantity=e.quantity.value.strip() or "1",
            unit_price=e.unit_price.value.strip(),
            discount=e.discount.value.strip(),
            vat_rate=e.vat_rate.value.strip(),
        )
        try:
            index = self.state.put_line(self.editing, typed)
        except ValidationError as exc:
            self._refused_line(exc.errors)
            return
        self.editing = None
        self.entry_item = None
        e.clear_line()
        self._show_lines(cursor=index)
        e.item.focus()

    def _exact_item(self, text: str) -> ItemRecord | None:
        try:
            item = get_item(text)
        except NotFound:
            return None
        return item if item.active else None

    def _refused_line(self, errors: dict[str, str]) -> None:
        field = next(iter(errors)).rsplit(".", 1)[-1]
        self._show_line_info(Content.assemble(("⚠ ", "bold"), "; ".join(errors.values())))
        target = {
            "item": self.entry.item,
            "quantity": self.entry.quantity,
            "unit_price": self.entry.unit_price,
            "discount": self.entry.discount,
            "vat_rate": self.entry.vat_rate,
        }.get(_LINE_FIELDS.get(field, "item"))
        (target or self.entry.item).focus()

    @on(LineEntry.Abandon)
    def _abandon(self) -> None:
        typed = any(i.value.strip() for i in self.entry.inputs if i is not self.entry.quantity)
        if self.editing is None and not typed:
            self.action_back()
            return
        self.editing = None
        self.entry_item = None
        self.entry.clear_line()
        self._show_line_info()

    @on(LinesTable.EditLine)
    def _edit_line(self, message: LinesTable.EditLine) -> None:
        if self.read_only:
            return
        line = self.state.lines[message.index]
        self.editing = message.index
        self.entry_item = None
        text = line.typed.description
        if line.typed.item:
            try:
                self.entry_item = get_item(line.typed.item)
                text = f"{self.entry_item.code}  {self.entry_item.name}"
            except NotFound:
                text = line.typed.item
        self.entry.fill(line.typed, text)
        self.entry.quantity.focus()
        self._show_line_info()

    @on(LinesTable.RemoveLine)
    def _remove_line(self, message: LinesTable.RemoveLine) -> None:
        if self.read_only:
            return
        self.state.remove_line(message.index)
        self.state.reprice()
        self._show_lines(cursor=message.index)

    def action_focus_lines(self) -> None:
        if self.state.lines:
            self.table.focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # What the line under the cursor says follows the focus into and out of the table.
        if event.widget is self.table or self.editing is None:
            self._show_line_info()

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
        if self._header_dirty:
            self._apply_header()
        if self.state.customer is None:
            self.notify(_("Choose the customer first."), severity="warning", markup=False)
            self.customer_input.focus()
            return
        self._save(self.state.document_input(), self.record)

    @work(thread=True, exclusive=True, group="document-save")
    def _save(self, data: object, record: DocumentRecord | None) -> None:
        from models.document_records import DocumentInput
        from models.documents import update_document
        from models.quotes import create_quote

        assert isinstance(data, DocumentInput)
        try:
            with database.connection_context():
                if record is None:
                    saved = create_quote(data, self.app_operator)
                else:
                    saved = update_document(record.id, data, record.version, self.app_operator)
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors)
            return
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._stored, saved, data)

    def _refused(self, errors: dict[str, str]) -> None:
        line_errors = {k: v for k, v in errors.items() if k.startswith("lines.")}
        other = {k: v for k, v in errors.items() if k not in line_errors}
        if other:
            self._head_error("⚠ " + "; ".join(self._field_errors(other)))
        if line_errors:
            index = int(next(iter(line_errors)).split(".")[1])
            self.table.move_cursor(row=index)
            self.table.focus()
            self._show_line_info(
                Content.assemble(
                    (_("Line {n}").format(n=index + 1) + " · ⚠ ", "bold"),
                    "; ".join(line_errors.values()),
                )
            )
        self.notify(_("Nothing saved: see what is marked ⚠."), severity="error", markup=False)

    def _stored(self, saved: DocumentRecord, data: object) -> None:
        self.record = saved
        self._saved = data
        self._title()
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

    def action_status(self) -> None:
        from screens.quote_status import QuoteStatusScreen

        if self.kind != "quote" or self.record is None or self._needs_saving():
            return
        record = self.record

        def chosen(step: str | None) -> None:
            if step:
                self._change_status(record.number, step)

        self.app.push_screen(QuoteStatusScreen(record), chosen)

    @work(thread=True, exclusive=True, group="document-save")
    def _change_status(self, number: str, step: str) -> None:
        from models import quotes

        steps = {
            "send": quotes.send_quote,
            "accept": quotes.accept_quote,
            "decline": quotes.decline_quote,
            "invoice": quotes.quote_to_invoice,
        }
        try:
            with database.connection_context():
                before = get_customer(self.record.customer).status if self.record else ""
                result = steps[step](number, self.app_operator)
                quote = get_document(self.record.id) if self.record else result
                after = get_customer(quote.customer).status
        except (ConflictError, NotFound, ValidationError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._status_changed, quote, result, before != after)

    def _status_changed(
        self, quote: DocumentRecord, result: DocumentRecord, became_customer: bool
    ) -> None:
        self.record = quote
        self._title()
        self._lock_if_not_draft()
        message = _("{document}: {status}").format(
            document=document_name(quote), status=status_text(quote.status)
        )
        if became_customer:
            message += " · " + _("{number} is now a customer.").format(number=quote.customer)
        self.notify(message, markup=False)
        if result.id != quote.id:
            self.app.push_screen(DocumentEditorScreen(document_id=result.id))

    def _lock_if_not_draft(self) -> None:
        """A document that left the draft state can no longer be typed into."""
        if not self.read_only:
            return
        for widget in (self.customer_input, *self._header_widgets(), *self.entry.inputs):
            widget.disabled = True
        self.query_one("#entry-box").display = False
        self.table.editable = False
        self.table.focus()
        self.refresh_bindings()
        self._show_line_info()

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
        if action == "status":
            return self.kind == "quote" and self.record is not None
        if action in ("save", "details"):
            return not self.read_only
        if action == "print":
            return self.record is not None
        return True

    def help_text(self) -> str:
        return _(
            "Type the customer, Enter. Then each line: an item code or name (↓↑ choose, "
            "Enter takes), its quantity, Enter; or a text with its price. A price, discount "
            "or VAT rate typed on a line overrides the contract and the price list; the line "
            "then says so. Ctrl+L goes to the lines: Enter edits one, Delete removes it. F4: "
            "terms, payment, price list, tax treatment, reference, notes, billing address."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [PaletteCommand(_("Save"), self.action_save, _("Save the document (Ctrl+S)"))]
        commands += [
            PaletteCommand(
                _("Details"),
                self.action_details,
                _("Terms, payment, price list, tax treatment, billing (F4)"),
            ),
            PaletteCommand(
                _("Lines"),
                self.action_focus_lines,
                _("Go to the lines to edit or remove one (Ctrl+L)"),
            ),
            PaletteCommand(
                _("Preview and save the PDF"),
                self.action_print,
                _("The document as it prints (Ctrl+R)"),
            ),
        ]
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
