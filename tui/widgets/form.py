"""Form fields: a label, a control, and the reason under it when the service refuses the
value. Controls are compact (one line) so a form fits 80×24 with little scrolling.

Stored text is shown through `display_safe`; a field the operator did not touch gives back
the stored text unchanged, so opening and saving a record never rewrites a name that
holds a control character the screen had to replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from models.i18n import _
from tui.safe_text import display_safe

Choice = tuple[str, str]
"""(label, value) of a Select option; the label is shown literally."""


class FormField(Vertical):
    """One field of a form, named by the service's field key (`email`, `contacts.0.name`)."""

    def __init__(
        self,
        field: str,
        label: str,
        control: Widget,
        original: str = "",
        hint: str = "",
        classes: str = "",
    ) -> None:
        super().__init__(classes=f"form-field {classes}".strip())
        self.field = field
        self.label = label
        self.control = control
        self.original = original
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(Content(self.label), classes="field-label")
            yield self.control
        if self.hint:
            yield Static(Content(self.hint), classes="field-hint")
        yield Static("", classes="field-error", markup=False)

    @classmethod
    def text(
        cls,
        field: str,
        label: str,
        value: str = "",
        *,
        hint: str = "",
        max_length: int = 0,
        restrict: str | None = None,
        control_id: str | None = None,
    ) -> FormField:
        control = Input(
            display_safe(value),
            max_length=max_length,
            restrict=restrict,
            compact=True,
            id=control_id or _control_id(field),
        )
        return cls(field, label, control, value, hint)

    @classmethod
    def notes(cls, field: str, label: str, value: str = "") -> FormField:
        control = TextArea(
            display_safe(value, keep_newlines=True),
            compact=True,
            soft_wrap=True,
            tab_behavior="focus",
            id=_control_id(field),
        )
        return cls(field, label, control, value, classes="notes-field")

    @classmethod
    def choice(cls, field: str, label: str, choices: Sequence[Choice], value: str) -> FormField:
        options = [(Content(text), key) for text, key in choices]
        keys = {key for _text, key in choices}
        control: Select[str] = Select(
            options,
            value=value if value in keys else Select.NULL,
            allow_blank=value not in keys,
            prompt=_("(choose)"),
            compact=True,
            id=_control_id(field),
        )
        return cls(field, label, control, value)

    @classmethod
    def switch(cls, field: str, label: str, value: bool) -> FormField:
        control = Checkbox(Content(label), value, compact=True, id=_control_id(field))
        return cls(field, "", control, "1" if value else "")

    @property
    def value(self) -> str:
        """What the operator sees, as text the services take (`"1"`/`""` for a switch)."""
        control = self.control
        if isinstance(control, Checkbox):
            return "1" if control.value else ""
        if isinstance(control, Select):
            return "" if control.value is Select.NULL else str(control.value)
        if isinstance(control, TextArea):
            shown = control.text
            return self.original if shown == display_safe(self.original, True) else shown
        if isinstance(control, Input):
            shown = control.value
            return self.original if shown == display_safe(self.original) else shown
        return self.original

    def show_error(self, reason: str) -> None:
        error = self.query_one(".field-error", Static)
        error.update(Content(f"✗ {reason}") if reason else "")
        self.set_class(bool(reason), "-invalid")


def _control_id(field: str) -> str:
    return "input-" + field.replace(".", "-").replace("_", "-")


def form_fields(root: Widget) -> list[FormField]:
    return list(root.query(FormField))


def values(root: Widget) -> dict[str, str]:
    """Every field under `root` by its key."""
    return {field.field: field.value for field in form_fields(root)}


def show_errors(root: Widget, errors: dict[str, str]) -> tuple[FormField | None, dict[str, str]]:
    """Puts each reason under its field and clears the others. Returns the first field
    in error (in screen order, to focus it) and the errors no field on screen shows."""
    first: FormField | None = None
    shown: set[str] = set()
    for field in form_fields(root):
        reason = errors.get(field.field, "")
        field.show_error(reason)
        if reason:
            shown.add(field.field)
            first = first or field
    return first, {k: v for k, v in errors.items() if k not in shown}


def focus_field(field: FormField) -> None:
    field.control.focus()
    field.scroll_visible(animate=False)


def choices(pairs: Iterable[tuple[str, str]]) -> list[Choice]:
    """Options from (value, untranslated label) pairs, labels translated."""
    return [(_(label), value) for value, label in pairs]
