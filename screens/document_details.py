"""The details of a document behind F4: price list, terms, payment method, tax treatment,
the customer's reference, notes printed on it, and the billing data (filled from the
customer, overridable for this document only). Ctrl+S checks them as the service will
and takes them back to the editor; a refused value is explained under its field."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from models.document_records import Billing
from models.errors import ValidationError
from models.i18n import _
from models.price_lists import list_price_lists
from models.tax_treatments import TREATMENTS
from screens.customer_text import PAYMENT_METHODS, field_label
from screens.document_draft import Details, DraftState
from screens.document_text import treatment_text
from tui.safe_text import display_safe
from tui.widgets.field import choice_select, text_area, text_input
from tui.widgets.footer import Footer
from tui.widgets.form import FieldFormScreen

_FROM_CONTRACT = "-"
_BILLING = ("name", "street", "postal_code", "city", "country", "vat", "siren")


class DocumentDetailsScreen(FieldFormScreen[Details | None]):
    CSS_PATH = "documents.tcss"

    def __init__(self, state: DraftState) -> None:
        super().__init__()
        self.state = state
        self.start = state.details
        self.billing = state.billing or Billing("")

    def compose(self) -> ComposeResult:
        d = self.start
        lists = [(_("(none)"), "")] + [
            (f"{display_safe(p.name)} ({p.currency})", p.name) for p in list_price_lists()
        ]
        methods = [(_(label), code) for code, label in PAYMENT_METHODS]
        contract = self.state.context.book.contract if self.state.context else None
        inherited = treatment_text(contract.tax_treatment if contract else "standard")
        treatments = [
            (_("As the contract says ({treatment})").format(treatment=inherited), _FROM_CONTRACT)
        ] + [(treatment_text(t), t) for t in TREATMENTS]
        yield Header()
        with VerticalScroll(id="form-body"):
            yield self.field(
                "price_list", field_label("price_list"), choice_select(lists, d.price_list)
            )
            yield self.field(
                "terms", field_label("terms"), text_input(d.terms, _("receipt, 30d, 45eom"))
            )
            yield self.field(
                "payment_method",
                field_label("payment_method"),
                choice_select(methods, d.payment_method),
            )
            yield self.field(
                "tax_treatment",
                _("Tax treatment"),
                choice_select(treatments, d.tax_treatment or _FROM_CONTRACT),
            )
            yield self.field("reference", _("Their reference"), text_input(d.reference))
            yield self.field("notes", _("Notes (printed)"), text_area(d.notes))
            yield Static(Content(_("Billing (this document only)")), classes="form-section")
            for key in _BILLING:
                value = getattr(self.billing, key)
                widget = text_area(value) if key == "street" else text_input(value)
                yield self.field(f"billing.{key}", field_label(key), widget)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Document details")
        self.initial = self.collect()
        self.fields["price_list"].focus_input()

    def collect(self) -> Details:
        value = {key: field.value for key, field in self.fields.items()}
        billing = dataclasses.replace(
            self.billing, **{key: str(value[f"billing.{key}"]) for key in _BILLING}
        )
        own = self.state.billing
        treatment = str(value["tax_treatment"])
        return Details(
            price_list=str(value["price_list"]),
            terms=str(value["terms"]),
            payment_method=str(value["payment_method"]),
            tax_treatment=None if treatment == _FROM_CONTRACT else treatment,
            reference=str(value["reference"]),
            notes=str(value["notes"]),
            # Unchanged billing data keeps following the customer.
            billing=self.start.billing if billing == own else billing,
        )

    def action_save(self) -> None:
        from models.documents import document_context

        self.clear_errors()
        details = self.collect()
        trial = DraftState(self.state.kind)
        trial.customer, trial.header, trial.details = (
            self.state.customer,
            self.state.header,
            details,
        )
        try:
            document_context(trial.kind, trial.document_input(lines=False))
        except ValidationError as exc:
            self.bring_to_operator(self.show_errors(exc.errors))
            return
        self.dismiss(details)

    def action_leave(self) -> None:
        self.leave_with(None, self.collect() != self.initial)
