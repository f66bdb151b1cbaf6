"""Probable duplicate pairs across the whole customer file, best first, with their score
and reasons. Enter opens the merge screen for the highlighted pair; r looks again. The
search runs in a worker with its progress shown, so the screen never stalls."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from models.db import database
from models.duplicates import DuplicatePair, duplicate_pairs
from models.i18n import N_, _, ngettext
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedScreen


def pair_lines(pair: DuplicatePair) -> Content:
    first, second = pair.first, pair.second
    return Content.assemble(
        (f"{pair.score:>3}% ", "bold"), (first.number, "bold"), " ", display_safe(first.name),
        "  ↔  ", (second.number, "bold"), " ", display_safe(second.name), "\n      ",
        ("; ".join(pair.reasons), "italic"),
    )  # fmt: skip


class DuplicatesScreen(TranslatedScreen[None]):
    DEFAULT_CSS = """
    DuplicatesScreen #duplicates-status { padding: 0 1; color: $text-muted; }
    DuplicatesScreen OptionList { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("enter", "merge", N_("Merge…")),
        Binding("r", "refresh", N_("Look again")),
        Binding("escape", "back", N_("Back")),
    ]

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Found(Message):
        def __init__(self, pairs: list[DuplicatePair]) -> None:
            super().__init__()
            self.pairs = pairs

    def __init__(self) -> None:
        super().__init__(id="duplicates")
        self.pairs: list[DuplicatePair] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(""), id="duplicates-status")
        yield OptionList(id="pair-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Probable duplicates")
        self.action_refresh()

    def on_screen_resume(self) -> None:
        if self.pairs:  # back from a merge: the list has changed
            self.action_refresh()

    def action_refresh(self) -> None:
        self._status(_("Looking for duplicates across the whole file…"))
        self._search()

    def _status(self, text: str) -> None:
        self.query_one("#duplicates-status", Static).update(Content(text))

    @work(thread=True, exclusive=True, group="duplicate-pairs")
    def _search(self) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(self.Progress(done, total))

        with database.connection_context():
            found = duplicate_pairs(progress=progress)
        self.post_message(self.Found(found))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        percent = 100 * message.done // max(1, message.total)
        self._status(_("Comparing… {percent}%").format(percent=percent))

    @on(Found)
    def _found(self, message: Found) -> None:
        self.pairs = message.pairs
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(pair_lines(p)) for p in self.pairs])
        if self.pairs:
            options.highlighted = 0
            text = ngettext("{count} probable pair. Enter: compare and merge.",
                            "{count} probable pairs, most likely first. Enter: compare and "
                            "merge.", len(self.pairs))  # fmt: skip
            self._status(text.format(count=len(self.pairs)))
        else:
            self._status(_("No probable duplicates in the file."))
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_merge()

    def action_merge(self) -> None:
        from screens.merge import MergeScreen

        index = self.query_one(OptionList).highlighted
        if index is None or not self.pairs:
            return
        pair = self.pairs[index]
        self.app.push_screen(MergeScreen(pair.first.number, pair.second.number))

    def action_back(self) -> None:
        self.dismiss()

    def help_text(self) -> str:
        return _("Pairs of customers that may be the same, with why. Enter compares the "
                 "two side by side and merges them; r looks again.")  # fmt: skip

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Merge pair"), self.action_merge,
                           _("Compare and merge the highlighted pair (Enter)")),
            PaletteCommand(_("Look again"), self.action_refresh,
                           _("Search the whole file for duplicates again (r)")),
        ]  # fmt: skip
