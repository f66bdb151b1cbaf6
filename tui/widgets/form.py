"""What the customer form and the settings form share: Ctrl+S (or F2) saves, Esc leaves
and asks first when something was typed, and a refused value is shown under its field
with the focus moved to the first one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from models.i18n import N_, _
from screens.confirm import ConfirmScreen
from tui.widgets.field import Field
from tui.widgets.translated import translate_bindings

ResultType = TypeVar("ResultType")


class FieldFormScreen(Screen[ResultType]):
    """A screen of `Field`s keyed by the service's field names."""

    BINDINGS = [
        # Priority: Input and TextArea must not swallow the form's own keys.
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        # Some terminals (flow control over serial lines, a few SSH clients) eat Ctrl+S.
        Binding("f2", "save", N_("Save"), show=False, priority=True),
        Binding("escape", "leave", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Bindings are merged at import, before the language is installed.
        translate_bindings(self)
        self.fields: dict[str, Field] = {}

    def field(self, key: str, label: str, widget: Widget) -> Field:
        """A new field registered under `key`, so service errors find it."""
        made = Field(key, label, widget)
        self.fields[key] = made
        return made

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.set_error("")

    def show_errors(self, errors: dict[str, str]) -> Widget | None:
        """Puts each reason under its field; returns the first refused field's widget."""
        first: Widget | None = None
        for key, field in self.fields.items():
            if key in errors:
                field.set_error(errors[key])
                first = first or field.widget
        return first

    def bring_to_operator(self, widget: Widget | None) -> None:
        """Focuses `widget` (the scroll follows the focus), or scrolls to it if read-only."""
        if widget is None:
            return
        if widget.focusable:
            widget.focus()
        else:
            widget.scroll_visible()

    def leave_with(self, result: ResultType, changed: bool) -> None:
        """Dismisses with `result`, after asking first if the operator typed anything."""
        if not changed:
            self.dismiss(result)
            return
        self.ask(_("Discard your changes?"), lambda: self.dismiss(result))

    def ask(self, question: str, on_yes: Callable[[], object]) -> None:
        """Runs `on_yes` if the operator answers yes; a no leaves the form as it is."""

        def answered(yes: bool | None) -> None:
            if yes:
                on_yes()

        self.app.push_screen(ConfirmScreen(question), answered)
