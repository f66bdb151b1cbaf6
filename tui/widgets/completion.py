"""An Input that offers completions in a small list under itself while it is typed in.

The list never takes the focus and never blocks typing: ↓/↑ move in it, Tab takes the
highlighted entry (then the focus moves on as Tab always does; with nothing highlighted
the text stays as typed), Esc closes it, and typing on simply asks again. With the list
closed, those keys do what they always do.

What to offer and what taking an entry does belong to the screen, handed in as a
`CompletionSource`: `lookup` runs in a worker thread (it may read the database), so
typing never waits for it, and an answer for text no longer in the box is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from models.i18n import _


@dataclass(frozen=True)
class Completion:
    """One entry of the list: what is shown, and what the source gets back if taken.
    `preselected`: highlighted from the start, so that Tab alone takes it; without one,
    Tab leaves the text as typed until ↓ or ↑ picks an entry."""

    label: Content
    value: object
    preselected: bool = False


class CompletionSource(Protocol):
    def lookup(self, field: CompletionInput, text: str) -> Callable[[], Sequence[Completion]]:
        """Called on the UI thread as `text` is typed (read other fields here); returns
        the lookup to run in a worker thread."""
        ...

    def accept(self, field: CompletionInput, completion: Completion) -> None:
        """Fills the form with the completion taken (on the UI thread)."""
        ...


class CompletionList(OptionList):
    """The drop-down: drawn over what lies under the input, pushing nothing aside; when
    there is no room under it, above it. Focusable only so that a click on it lands here
    instead of focusing the form (and closing it); it never takes the focus, and is out
    of the Tab order by being hidden whenever Tab could reach it."""

    DEFAULT_CSS = """
    CompletionList {
        display: none;
        overlay: screen;
        constrain: none inflect;
        height: auto;
        max-height: 7;
        border: round $border;
        border-subtitle-color: $text-muted;
        padding: 0;
        background: $panel;
        scrollbar-size-vertical: 1;
    }
    CompletionList > .option-list--option { padding: 0 1; }
    CompletionList > .option-list--option-highlighted { text-style: bold; }
    """

    def __init__(self, owner: CompletionInput) -> None:
        super().__init__()
        self.owner = owner

    def focus_on_click(self) -> bool:
        return False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.owner.is_open:  # a click: taken as Tab would take it
            self.owner.action_completion_accept()


class CompletionInput(Input):
    """An Input with a completion list; see the module's docstring."""

    BINDINGS = [
        Binding("down", "completion_move(1)", show=False),
        Binding("up", "completion_move(-1)", show=False),
        Binding("tab", "completion_accept", show=False),
        Binding("escape", "completion_close", show=False),
    ]

    class Offered(Message):
        """A lookup's answer, back from the worker."""

        def __init__(self, text: str, completions: Sequence[Completion]) -> None:
            super().__init__()
            self.text = text
            self.completions = completions

    def __init__(self, value: str, source: CompletionSource, *, placeholder: str = "") -> None:
        super().__init__(value, placeholder=placeholder, compact=True)
        self.source = source
        self.completions: Sequence[Completion] = []
        self.dropdown = CompletionList(self)
        # A value set by the program (a completion taken here or in a partner field) is
        # not typing: it asks nothing.
        self._set_quietly: str | None = None

    # ---- showing ----------------------------------------------------------------------

    def _host(self) -> tuple[Widget, Widget]:
        """Where the list goes: into the first vertical container above the input, right
        after the row holding it, so that it follows the input when the form scrolls."""
        row: Widget = self
        for ancestor in self.ancestors:
            if isinstance(ancestor, Vertical):
                return ancestor, row
            if isinstance(ancestor, Widget):
                row = ancestor
        assert isinstance(self.parent, Widget)
        return self.parent, self

    @property
    def is_open(self) -> bool:
        return self.dropdown.is_mounted and self.dropdown.display

    def set_value_quietly(self, value: str) -> None:
        """Sets the text without asking for completions."""
        if value != self.value:
            self._set_quietly = value
            self.value = value
        self.close()

    def close(self) -> None:
        self.completions = []
        if self.dropdown.is_mounted:
            # Inline display, not a class: hidden at once, before Tab looks for the next
            # field (a class takes effect at the next style refresh).
            self.dropdown.display = False
            self.dropdown.clear_options()

    async def _show(self, completions: Sequence[Completion]) -> None:
        self.completions = completions
        if not completions:
            self.close()
            return
        host, row = self._host()
        if not self.dropdown.is_mounted:
            await host.mount(self.dropdown, after=row)
        # Under the input itself, not under the label beside it.
        left = max(0, self.region.x - host.content_region.x)
        # The bottom margin: flipped above the input when there is no room under it, the
        # list stops one row short of it instead of covering it.
        self.dropdown.styles.margin = (0, 0, 1, left)
        self.dropdown.styles.width = self.region.width
        self.dropdown.set_options([Option(c.label) for c in completions])
        self.dropdown.border_subtitle = _("↑↓ choose · Tab take · Esc close")
        first = next((i for i, c in enumerate(completions) if c.preselected), None)
        self.dropdown.highlighted = first
        self.dropdown.display = True

    # ---- typing -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is not self:
            return
        if event.value == self._set_quietly:
            self._set_quietly = None
            return
        self._set_quietly = None
        if not self.has_focus or not event.value.strip():
            self.close()
            return
        lookup = self.source.lookup(self, event.value)
        text = event.value

        def run() -> None:
            found = lookup()
            self.post_message(self.Offered(text, found))

        self.run_worker(run, thread=True, exclusive=True, group=f"completion-{id(self)}")

    async def on_completion_input_offered(self, message: Offered) -> None:
        message.stop()
        if message.text != self.value or not self.has_focus:
            return  # typed on, or left, since: a newer answer is on its way, or none
        await self._show(message.completions)

    def _on_blur(self, event: events.Blur) -> None:
        self.close()
        super()._on_blur(event)

    # ---- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("completion_"):
            # With the list closed the key goes on: Tab to the next field, Esc to the form.
            return self.is_open
        return super().check_action(action, parameters)

    def action_completion_move(self, step: int) -> None:
        count = self.dropdown.option_count
        current = self.dropdown.highlighted
        if current is None:
            self.dropdown.highlighted = 0 if step > 0 else count - 1
        else:
            self.dropdown.highlighted = (current + step) % count

    def action_completion_accept(self) -> None:
        index = self.dropdown.highlighted
        completions = self.completions
        self.close()
        if index is not None and index < len(completions):
            self.source.accept(self, completions[index])
        self.screen.focus_next()

    def action_completion_close(self) -> None:
        self.close()
