"""Before a save creates a duplicate: the customers on file the new one looks like, each
with its reasons and score. Enter opens the highlighted one instead, c creates anyway
(or saves the edit anyway; asked a second time when a matched check is set to block in
the settings, and those matches say so), h searches harder, Esc goes back to the form.

Dismisses with `("open", number)`, `("create", "")` or None (back to the form)."""

from __future__ import annotations

import dataclasses

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models.customer_records import CustomerInput
from models.db import database
from models.duplicates import DuplicateMatch, find_duplicates
from models.i18n import N_, _, ngettext
from models.settings import load_settings
from screens.confirm import ConfirmScreen
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import translate_bindings

Choice = tuple[str, str] | None

# What each check compares, as the second confirmation names it.
CHECK_NAMES = {
    "name": N_("a similar name"),
    "address": N_("the same address"),
    "phone": N_("the same phone"),
    "email": N_("the same e-mail"),
    "siren": N_("the same SIREN"),
}


def match_lines(match: DuplicateMatch) -> Content:
    """Two lines for one match: who, then why (and whether it asks a second time)."""
    who = " · ".join(display_safe(p) for p in (match.name, match.city, match.phone) if p)
    why = "; ".join(match.reasons)
    blocks = ("  " + _("(confirm twice)"), "bold $text-error") if match.blocking else ""
    return Content.assemble(
        (match.number, "bold"), "  ", who, "  ", (f"{match.score}%", "bold"), "\n   ",
        (why, "italic"), blocks,
    )  # fmt: skip


class DuplicateWarningScreen(ModalScreen[Choice]):
    DEFAULT_CSS = """
    DuplicateWarningScreen { align: center middle; }
    DuplicateWarningScreen #duplicate-box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    DuplicateWarningScreen #duplicate-title { width: 100%; margin-bottom: 1; }
    DuplicateWarningScreen OptionList { height: auto; max-height: 16; }
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
        self.searched_harder = False
        translate_bindings(self)
        if exclude_number is not None:  # an edit: nothing is created
            self._bindings.key_to_bindings["c"] = [
                dataclasses.replace(b, description=_("Save anyway"))
                for b in self._bindings.key_to_bindings["c"]
            ]

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicate-box"):
            yield Static(Content(""), id="duplicate-title")
            yield OptionList(id="duplicate-list")
        yield Footer()

    def on_mount(self) -> None:
        self._show(self.matches)
        self.query_one(OptionList).focus()

    def _show(self, matches: list[DuplicateMatch]) -> None:
        self.matches = matches
        count = len(matches)
        if self.searched_harder:
            title = ngettext("A harder search found {count} possible match:",
                             "A harder search found {count} possible matches:",
                             count)  # fmt: skip
        else:
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
        settings = load_settings()
        checks = [c for m in blocking for c in m.checks if settings.duplicate_mode(c) == "block"]
        named = ", ".join(_(CHECK_NAMES[c]) for c in dict.fromkeys(checks) if c in CHECK_NAMES)
        who = "\n".join(
            f"{m.number} {display_safe(m.name)}: {'; '.join(m.reasons)}" for m in blocking[:3]
        )
        if len(blocking) > 3:
            who += "\n…"
        if self.exclude_number is None:
            question = _(
                "{matches}\n\nThe settings ask for a second confirmation before "
                "creating a customer with {checks}. Create it anyway?"
            )
            yes = _("Create anyway")
        else:
            question = _(
                "{matches}\n\nThe settings ask for a second confirmation before "
                "saving a customer with {checks}. Save it anyway?"
            )
            yes = _("Save anyway")
        question = question.format(matches=who, checks=named or _("these matches"))

        def answered(sure: bool | None) -> None:
            if sure:
                self.dismiss(("create", ""))

        self.app.push_screen(ConfirmScreen(question, yes, _("Go back")), answered)

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
        self.searched_harder = True
        self._show(message.matches)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "harder":
            return not self.searched_harder  # once is all there is
        if action == "open":
            return bool(self.matches)
        return True

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()
