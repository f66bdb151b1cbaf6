"""Before a save creates a duplicate: the customers on file the new one looks like, each
with its reasons and score. Enter opens the highlighted one instead, c creates anyway
(twice when a check is set to block), h searches harder, Esc goes back to the form.

Dismisses with `("open", number)`, `("create", "")` or None (back to the form)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from models.customer_records import CustomerInput
from models.db import database
from models.duplicates import DuplicateMatch, find_duplicates
from models.i18n import N_, _, ngettext
from screens.confirm import ConfirmScreen
from tui.safe_text import display_safe
from tui.widgets.translated import translate_bindings

Choice = tuple[str, str] | None


def match_lines(match: DuplicateMatch) -> Content:
    """Two lines for one match: who, then why."""
    who = " · ".join(display_safe(p) for p in (match.name, match.city, match.phone) if p)
    why = "; ".join(match.reasons)
    return Content.assemble(
        (match.number, "bold"), "  ", who, "  ", (f"{match.score}%", "bold"), "\n   ",
        (why, "italic"),
    )  # fmt: skip


class DuplicateWarningScreen(ModalScreen[Choice]):
    DEFAULT_CSS = """
    DuplicateWarningScreen { align: center middle; }
    DuplicateWarningScreen #duplicate-box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    DuplicateWarningScreen #duplicate-title { width: 100%; margin-bottom: 1; }
    DuplicateWarningScreen OptionList { height: auto; max-height: 14; }
    DuplicateWarningScreen #duplicate-keys { width: 100%; margin-top: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("enter", "open", N_("Open existing"), priority=True),
        Binding("c", "create", N_("Create anyway")),
        Binding("h", "harder", N_("Search harder")),
        Binding("escape", "back", N_("Back to the form")),
    ]

    class Found(Message):
        def __init__(self, matches: list[DuplicateMatch]) -> None:
            super().__init__()
            self.matches = matches

    def __init__(self, data: CustomerInput, matches: list[DuplicateMatch],
                 exclude_number: str | None = None) -> None:  # fmt: skip
        super().__init__()
        self.data = data
        self.matches = matches
        self.exclude_number = exclude_number
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicate-box"):
            yield Static(Content(""), id="duplicate-title")
            yield OptionList(id="duplicate-list")
            yield Static(
                Content(_("Enter: open the highlighted customer · c: create anyway · "
                          "h: search harder · Esc: back to the form")),
                id="duplicate-keys",
            )  # fmt: skip
        yield Footer()

    def on_mount(self) -> None:
        self._show(self.matches)
        self.query_one(OptionList).focus()

    def _show(self, matches: list[DuplicateMatch]) -> None:
        self.matches = matches
        count = len(matches)
        title = ngettext("This customer may already be on file ({count} possible match):",
                         "This customer may already be on file ({count} possible matches):",
                         count)  # fmt: skip
        self.query_one("#duplicate-title", Static).update(Content(title.format(count=count)))
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(match_lines(m), id=m.number) for m in matches])
        if matches:
            options.highlighted = 0

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.matches:
            self.dismiss(("open", self.matches[options.highlighted].number))

    def action_create(self) -> None:
        blocking = [m for m in self.matches if m.blocking]
        if not blocking:
            self.dismiss(("create", ""))
            return
        first = blocking[0]
        question = _("{number} {name}: {reasons}. The settings ask for a second "
                     "confirmation for this. Create a new customer anyway?").format(
            number=first.number, name=display_safe(first.name), reasons="; ".join(first.reasons)
        )  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(("create", ""))

        self.app.push_screen(ConfirmScreen(question, _("Create anyway"), _("Go back")), answered)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_harder(self) -> None:
        self.query_one("#duplicate-title", Static).update(Content(_("Searching harder…")))
        self._search_harder()

    @work(thread=True, exclusive=True, group="duplicate-harder")
    def _search_harder(self) -> None:
        with database.connection_context():
            found = find_duplicates(self.data, exclude_number=self.exclude_number, harder=True)
        self.post_message(self.Found(found))

    @on(Found)
    def _found(self, message: Found) -> None:
        self._show(message.matches)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()
