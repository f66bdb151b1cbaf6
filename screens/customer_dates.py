"""A small dialog asking one date or a period, for the customer detail: the day to read
the account at, the period of a statement. Each field is checked by the caller's `check`
(which raises ValidationError naming the field), and a refusal is shown under its field;
Enter in a field (or Ctrl+S) answers, Esc cancels. Dismisses with what `check` returned,
or None."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from models.errors import ValidationError
from models.i18n import N_, _
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedModal


@dataclass(frozen=True)
class DateField:
    key: str  # the field ValidationError names
    label: str
    value: str  # what the field starts with


class DatesScreen(TranslatedModal[Any]):
    CSS_PATH = "customer_detail.tcss"
    # Priority: the inputs would keep Ctrl+S, and Esc must answer from any of them.
    BINDINGS = [
        Binding("ctrl+s", "answer", N_("OK"), priority=True),
        Binding("escape", "cancel", N_("Cancel"), priority=True),
    ]

    def __init__(
        self,
        title: str,
        explained: str,
        fields: Sequence[DateField],
        check: Callable[[dict[str, str]], Any],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.explained = explained
        self.fields = tuple(fields)
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dates-box"):
            yield Static(Content(self.title_text), id="dates-title")
            yield Static(Content(self.explained), id="dates-explained")
            for field in self.fields:
                with Horizontal(classes="dates-row"):
                    yield Label(Content(field.label), classes="dates-label")
                    yield Input(field.value, compact=True, id=f"dates-{field.key}")
                yield Static("", id=f"dates-{field.key}-error", classes="dates-error",
                             markup=False)  # fmt: skip
            yield Static(Content.styled(_("Enter: OK · Esc: cancel"), "dim"), id="dates-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#dates-{self.fields[0].key}", Input).focus()

    @on(Input.Submitted)
    def action_answer(self) -> None:
        typed = {f.key: self.query_one(f"#dates-{f.key}", Input).value for f in self.fields}
        for field in self.fields:
            self._error(field.key, "")
        try:
            answer = self.check(typed)
        except ValidationError as exc:
            known = [key for key in exc.errors if key in typed]
            for key in known:
                self._error(key, exc.errors[key])
            if known:
                self.query_one(f"#dates-{known[0]}", Input).focus()
            return
        self.dismiss(answer)

    def _error(self, key: str, reason: str) -> None:
        shown = self.query_one(f"#dates-{key}-error", Static)
        shown.update("⚠ " + reason if reason else "")
        shown.set_class(bool(reason), "shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
