"""The next step of a quote, chosen by one key: s sent, a accepted, d declined, i made
into an invoice draft. Only the steps its status allows are offered; the dialog dismisses
with the step's name, or None. The document editor takes the step (QuoteSteps) and opens
the invoice draft a quote was made into in the invoice editor."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from models.customers import get_customer
from models.db import database
from models.document_records import DocumentRecord
from models.documents import get_document
from models.errors import ConflictError, NotFound, ValidationError
from models.i18n import N_, _
from screens.document_text import document_name, status_text
from tui.widgets.translated import TranslatedModal

# (step, key, what it says), in life-cycle order.
_STEPS = (
    ("send", "s", N_("Mark as sent to the customer")),
    ("accept", "a", N_("The customer accepted it")),
    ("decline", "d", N_("The customer declined it")),
    ("invoice", "i", N_("Make an invoice draft from it")),
)


def allowed_steps(quote: DocumentRecord) -> list[str]:
    stored, shown = quote.stored_status, quote.status
    steps = []
    if stored == "draft":
        steps.append("send")
    if stored in ("draft", "sent"):
        if shown != "expired":
            steps.append("accept")
        steps.append("decline")
    if stored == "accepted" and not quote.derived:
        steps.append("invoice")
    return steps


class QuoteStatusScreen(TranslatedModal[str | None]):
    DEFAULT_CSS = """
    QuoteStatusScreen { align: center middle; }
    QuoteStatusScreen #status-box {
        width: 60; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    QuoteStatusScreen #status-title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("s", "step('send')", N_("Sent"), priority=True),
        Binding("a", "step('accept')", N_("Accepted"), priority=True),
        Binding("d", "step('decline')", N_("Declined"), priority=True),
        Binding("i", "step('invoice')", N_("Invoice"), priority=True),
        Binding("escape", "step('')", N_("Back"), priority=True),
    ]

    def __init__(self, quote: DocumentRecord) -> None:
        super().__init__()
        self.quote = quote
        self.steps = allowed_steps(quote)

    def compose(self) -> ComposeResult:
        with Vertical(id="status-box"):
            yield Static(
                Content(
                    _("{document} is {status}.").format(
                        document=document_name(self.quote), status=status_text(self.quote.status)
                    )
                ),
                id="status-title",
            )
            if not self.steps:
                yield Static(Content(_("Nothing more to do with it.")))
            for step, key, text in _STEPS:
                if step in self.steps:
                    yield Static(Content.assemble((f" {key} ", "bold reverse"), "  ", _(text)))
            yield Static(Content.styled(_("Esc: back"), "dim"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and parameters and parameters[0]:
            return parameters[0] in self.steps
        return True

    def action_step(self, step: str) -> None:
        self.dismiss(step or None)


class QuoteSteps:
    """The Ctrl+T part of the document editor: the dialog, then the step taken in a
    worker. Mixed into DocumentEditorScreen, whose `record` is the quote shown and which
    provides `_needs_saving`, `_title` and `_lock_if_not_draft`."""

    record: DocumentRecord | None
    app: Any

    def action_status(self) -> None:
        if self.record is None or self.record.kind != "quote" or self._needs_saving():
            return
        record = self.record

        def chosen(step: str | None) -> None:
            if step:
                self._change_status(record, step)

        self.app.push_screen(QuoteStatusScreen(record), chosen)

    @work(thread=True, exclusive=True, group="document-save")
    def _change_status(self, record: DocumentRecord, step: str) -> None:
        from models import quotes

        steps = {
            "send": quotes.send_quote,
            "accept": quotes.accept_quote,
            "decline": quotes.decline_quote,
            "invoice": quotes.quote_to_invoice,
        }
        operator = str(getattr(self.app, "operator", ""))
        try:
            with database.connection_context():
                before = get_customer(record.customer).status
                result = steps[step](record.number, operator)
                quote = get_document(record.id)
                after = get_customer(quote.customer).status
        except (ConflictError, NotFound, ValidationError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._status_changed, quote, result, before != after)

    def _status_changed(
        self, quote: DocumentRecord, result: DocumentRecord, became_customer: bool
    ) -> None:
        from screens.document_editor import DocumentEditorScreen

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
            # The invoice draft made from the quote, in the invoice editor.
            self.app.push_screen(DocumentEditorScreen(result.kind, result.id))
