"""A labelled form field: the label on the left, the editing widget on the right, and the
reason a value was refused on the line under it. Both forms build every field with it,
so errors look and behave the same everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from models.i18n import _
from tui.safe_text import display_safe


class Field(Vertical):
    """`key` is the service's field name, so ValidationError.errors maps straight onto it."""

    DEFAULT_CSS = """
    Field { height: auto; width: 100%; }
    Field > .field-row { height: auto; width: 100%; }
    Field > .field-row > .field-label { width: 18; padding-right: 1; color: $text-muted; }
    Field > .field-row > .field-input { width: 1fr; }
    Field > .field-error { color: $text-error; padding-left: 18; }
    """

    def __init__(self, key: str, label: str, widget: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id or f"field-{key.replace('.', '-')}")
        self.key = key
        self.label = label
        self.widget = widget
        widget.add_class("field-input")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            # Labels are our own translated strings, but Content keeps "[" literal anyway.
            yield Label(Content(self.label), classes="field-label")
            yield self.widget
        # markup=False: a reason may quote what the operator typed.
        error = Static("", markup=False, classes="field-error")
        error.display = False
        yield error

    def set_error(self, text: str) -> None:
        error = self.query_one(".field-error", Static)
        error.update(text)
        error.display = bool(text)

    @property
    def value(self) -> str | bool:
        """The widget's value as the services take it: text, or a bool for a switch."""
        return widget_value(self.widget)

    def focus_input(self) -> None:
        self.widget.focus()


def widget_value(widget: Widget) -> str | bool:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else str(widget.value)
    raise TypeError(f"no value for {type(widget).__name__}")


def text_input(value: str, placeholder: str = "") -> Input:
    return Input(value, placeholder=placeholder, compact=True)


def text_area(value: str) -> TextArea:
    # tab_behavior="focus": Tab leaves the text, as it leaves every other field.
    return TextArea(value, soft_wrap=True, tab_behavior="focus", compact=True)


def choice_select(
    options: list[tuple[str, str]], value: str, allow_blank: bool = False
) -> Select[str]:
    """Options as (label, code); a stored code missing from the list is kept, not lost."""
    choices = [(Content(label), code) for label, code in options]
    if value and value not in {code for _label, code in options}:
        choices.append((Content(display_safe(value)), value))
    start: object = value if value else Select.NULL
    if not allow_blank and start is Select.NULL:
        start = choices[0][1]
    return Select(
        choices,  # type: ignore[arg-type]
        value=start,  # type: ignore[arg-type]
        allow_blank=allow_blank,
        compact=True,
        prompt=_("(none)"),
    )
