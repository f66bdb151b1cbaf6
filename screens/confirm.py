"""A yes/no question over the current screen: y or Enter answers yes, n or Esc answers no;
and, for what cannot be undone, a question answered by typing a given word. Both dismiss
with the answer, so callers push them with a callback or `push_screen_wait`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from models.i18n import N_, _
from tui.widgets.translated import translate_bindings


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #confirm-box {
        width: 50; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ConfirmScreen #confirm-question { width: 100%; margin-bottom: 1; }
    ConfirmScreen #confirm-buttons { width: 100%; height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """

    # Priority: Enter must answer even while a button (which also wants Enter) has focus.
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), priority=True),
        Binding("enter", "answer(True)", N_("Yes"), show=False, priority=True),
        Binding("n", "answer(False)", N_("No"), priority=True),
        Binding("escape", "answer(False)", N_("No"), show=False, priority=True),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        """`question` is shown literally: it may quote a customer's name. `yes` and `no`
        name the two answers ("Discard", "Keep editing"); the keys stay y and n."""
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        # Bindings are merged at import, before the language is installed.
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                # The key in brackets is a key name, the same in every language.
                yes = f"{self.yes} (y)" if self.yes else _("Yes (y)")
                no = f"{self.no} (n)" if self.no else _("No (n)")
                yield Button(Content(yes), id="yes", variant="primary", compact=True)
                yield Button(Content(no), id="no", compact=True)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TypeToConfirmScreen(ModalScreen[bool]):
    """The second, deliberate confirmation of something that cannot be undone: the
    operator types `expected` (a customer number, YES…). Esc cancels."""

    DEFAULT_CSS = """
    TypeToConfirmScreen { align: center middle; }
    TypeToConfirmScreen #confirm-box {
        width: 60; max-width: 100%; height: auto;
        border: round $error; background: $surface; padding: 0 1;
    }
    TypeToConfirmScreen #confirm-question { width: 100%; margin-bottom: 1; }
    TypeToConfirmScreen #confirm-hint { width: 100%; color: $text-error; height: auto; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), priority=True)]

    def __init__(self, question: str, expected: str) -> None:
        """`question` is shown literally and should say what to type."""
        super().__init__()
        self.question = question
        self.expected = expected
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            yield Input(placeholder=_("Type here, then Enter (Esc cancels)"), id="confirm-input",
                        compact=True)  # fmt: skip
            yield Static(Content(""), id="confirm-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip().upper() == self.expected.upper():
            self.dismiss(True)
            return
        hint = _("Type {expected} exactly, or Esc to cancel.").format(expected=self.expected)
        self.query_one("#confirm-hint", Static).update(Content(hint))

    def action_cancel(self) -> None:
        self.dismiss(False)
