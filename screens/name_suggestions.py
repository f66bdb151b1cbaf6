"""The panel beside (or, on a narrow terminal, under) the new-customer form listing the
customers on file whose name looks like the one being typed. Hidden while there are none.
F3 moves into it, Enter opens the highlighted customer, Esc goes back to the name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models.duplicates import DuplicateMatch
from models.i18n import N_, _
from tui.safe_text import display_safe
from tui.widgets.translated import translate_bindings


def suggestion_lines(match: DuplicateMatch) -> Content:
    where = " · ".join(display_safe(p) for p in (match.city, match.phone) if p)
    return Content.assemble((match.number, "bold"), " ", display_safe(match.name), "\n  ",
                            (where or "—", "dim"))  # fmt: skip


class SuggestionList(OptionList):
    BINDINGS = [Binding("escape", "leave", N_("Back to the name"), show=False)]

    class Leave(Message):
        """Esc: the operator goes back to typing."""

    def __init__(self) -> None:
        super().__init__(id="suggestion-list")
        translate_bindings(self)

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class NameSuggestions(Vertical):
    DEFAULT_CSS = """
    NameSuggestions {
        dock: right; width: 36; height: 1fr; display: none;
        border-left: vkey $warning; padding: 0 0 0 1;
    }
    NameSuggestions.shown { display: block; }
    NameSuggestions.narrow {
        dock: bottom; width: 100%; height: auto; max-height: 8;
        border-left: none; border-top: hkey $warning; padding: 0;
    }
    NameSuggestions #suggestion-title { color: $text-warning; text-style: bold; }
    NameSuggestions OptionList { height: auto; max-height: 100%; border: none; padding: 0; }
    """

    def __init__(self) -> None:
        super().__init__(id="name-suggestions")
        self.matches: list[DuplicateMatch] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="suggestion-title")
        yield SuggestionList()

    def show(self, matches: list[DuplicateMatch]) -> None:
        self.matches = matches
        self.set_class(bool(matches), "shown")
        title = _("Already on file? F3 to open one")
        self.query_one("#suggestion-title", Static).update(Content(title))
        options = self.query_one(SuggestionList)
        options.clear_options()
        options.add_options([Option(suggestion_lines(m), id=m.number) for m in matches])
        if matches:
            options.highlighted = 0

    @property
    def highlighted(self) -> str | None:
        options = self.query_one(SuggestionList)
        if options.highlighted is None or not self.matches:
            return None
        return self.matches[options.highlighted].number
