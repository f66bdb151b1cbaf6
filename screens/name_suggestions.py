"""The panel listing the customers on file whose name looks like the one being typed in
the new-customer form: beside the form on a wide terminal (two lines per customer), under
it otherwise (one line each, so that five fit at 80×24). Hidden while there are none.
F3 moves into it, arrows choose, Enter opens the highlighted customer, Esc goes back to
the name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models.duplicates import DuplicateMatch
from models.i18n import N_, _
from tui.safe_text import display_safe
from tui.widgets.translated import translate_bindings


def suggestion_lines(match: DuplicateMatch, side: bool = True) -> Content:
    """Number and name, then city and phone: on a second line beside the form, on the
    same line under it."""
    where = [display_safe(p) for p in (match.city, match.phone) if p]
    if not side:
        return Content.assemble((match.number, "bold"), " ",
                                " · ".join([display_safe(match.name), *where]))  # fmt: skip
    return Content.assemble((match.number, "bold"), " ", display_safe(match.name), "\n  ",
                            (" · ".join(where) or "—", "dim"))  # fmt: skip


class SuggestionList(OptionList):
    BINDINGS = [
        Binding("enter", "select", N_("Open")),
        Binding("escape", "leave", N_("Back to the name")),
    ]

    class Leave(Message):
        """Esc: the operator goes back to typing."""

    def __init__(self) -> None:
        super().__init__(id="suggestion-list", compact=True)
        translate_bindings(self)

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class NameSuggestions(Vertical):
    DEFAULT_CSS = """
    NameSuggestions {
        width: 100%; height: auto; max-height: 8; display: none;
        border-top: hkey $warning; padding: 0 1;
    }
    NameSuggestions.shown { display: block; }
    /* A dock covers the screen's whole edge: the margins keep the header and the
       footer (one line each) in sight. */
    NameSuggestions.side {
        dock: right; width: 38; height: 1fr; max-height: 100%; margin: 1 0;
        border-top: none; border-left: vkey $warning; padding: 0 0 0 1;
    }
    NameSuggestions #suggestion-title { color: $text-warning; text-style: bold; }
    NameSuggestions OptionList { height: auto; max-height: 100%; }
    """

    def __init__(self) -> None:
        super().__init__(id="name-suggestions")
        self.matches: list[DuplicateMatch] = []
        self._lines: list[Content] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="suggestion-title")
        yield SuggestionList()

    def on_mount(self) -> None:
        self._title(choosing=False)

    @property
    def side(self) -> bool:
        return self.has_class("side")

    def set_side(self, side: bool) -> None:
        if side != self.side:
            self.set_class(side, "side")
            self.show(self.matches)

    def show(self, matches: list[DuplicateMatch]) -> None:
        same = [m.number for m in matches] == [m.number for m in self.matches]
        self.matches = matches
        self.set_class(bool(matches), "shown")
        lines = [suggestion_lines(m, self.side) for m in matches]
        # Each keystroke of the name brings an answer, mostly the same one: refilling the
        # list would lay the whole form out again for nothing.
        if same and lines == self._lines:
            return
        self._lines = lines
        options = self.query_one(SuggestionList)
        kept = options.highlighted if same else None
        options.clear_options()
        options.add_options([Option(line, id=m.number)
                             for line, m in zip(lines, matches, strict=True)])  # fmt: skip
        if matches:
            options.highlighted = kept if kept is not None and kept < len(matches) else 0

    def _title(self, choosing: bool) -> None:
        if choosing:
            title = _("Already on file? ↑↓ choose, Enter opens, Esc goes back")
        else:
            title = _("Already on file? F3 to open one")
        self.query_one("#suggestion-title", Static).update(Content(title))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._title(choosing=True)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self._title(choosing=False)

    @property
    def highlighted(self) -> str | None:
        options = self.query_one(SuggestionList)
        if options.highlighted is None or not self.matches:
            return None
        return self.matches[options.highlighted].number
