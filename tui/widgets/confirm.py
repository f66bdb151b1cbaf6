"""A yes/no question: dismisses with True (yes) or False (no, or Esc). "No" has the focus
first, so a stray Enter never confirms."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from models.i18n import N_, _
from tui.widgets.translated import TranslatedModal


class ConfirmModal(TranslatedModal[bool]):
    BINDINGS = [
        Binding("escape", "answer(False)", N_("No")),
        Binding("left", "app.focus_previous", N_("Previous button"), show=False),
        Binding("right", "app.focus_next", N_("Next button"), show=False),
    ]

    def __init__(self, question: str, yes: str = "", no: str = "") -> None:
        """`question` is shown literally (it may quote a customer's name)."""
        super().__init__()
        self.question = question
        self.yes_label = yes or _("Yes")
        self.no_label = no or _("No")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.no_label), id="no", compact=True)
                yield Button(Content(self.yes_label), id="yes", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
