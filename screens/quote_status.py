"""The next step of a quote, chosen by one key: s sent, a accepted, d declined, i made
into an invoice draft. Only the steps its status allows are offered. Dismisses with the
step's name, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from models.document_records import DocumentRecord
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
