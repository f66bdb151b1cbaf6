"""Probable duplicate pairs across the whole customer file, best first, with their score
and reasons. Enter opens the merge screen for the highlighted pair; r looks again. The
search runs in a worker with its progress shown, so the screen never stalls. After a
merge the pairs of the merged record leave the list at once and the file is searched
again behind, the cursor staying where it was."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from models.db import database
from models.duplicates import DuplicateMatch, DuplicatePair, duplicate_pairs
from models.i18n import N_, _, ngettext
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen, translate_bindings

# Pairs shown at most: the most likely; merging them and looking again (r) shows the next.
MOST_PAIRS = 500


def _one(match: DuplicateMatch) -> Content:
    where = " · ".join(display_safe(v) for v in (match.city, match.phone) if v)
    return Content.assemble(
        (match.number, "bold"),
        " ",
        display_safe(match.name),
        (f"  {where}" if where else "", "dim"),
    )


def pair_lines(pair: DuplicatePair, width: int = 78) -> Content:
    """The score and the first customer, the second below it, then why they look alike;
    each part wrapped to `width` under its own start, so the score column stays clear."""
    indent = 5
    parts = (_one(pair.first), _one(pair.second),
             Content.styled("; ".join(pair.reasons), "italic"))  # fmt: skip
    lines: list[Content] = []
    for part in parts:
        for line in part.wrap(max(20, width - indent)):
            lines.append(line.pad_left(indent))
    score = Content.styled(f"{pair.score:>3}% ", "bold")
    lines[0] = score + lines[0][indent:]
    return Content("\n").join(lines)


class PairList(OptionList):
    """Enter here (not as a priority key of the screen) acts after the arrows typed before
    it, on the pair they reached; and the footer shows it."""

    BINDINGS = [Binding("enter", "select", N_("Compare and merge"))]

    def __init__(self, id: str) -> None:
        super().__init__(id=id, compact=True)
        translate_bindings(self)


class DuplicatesScreen(TranslatedScreen[None]):
    DEFAULT_CSS = """
    DuplicatesScreen #duplicates-status { padding: 0 1; color: $text-muted; }
    DuplicatesScreen PairList { height: 1fr; }
    """
    BINDINGS = [
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
        yield PairList(id="pair-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Probable duplicates")
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
            found = duplicate_pairs(limit=MOST_PAIRS, progress=progress)
        self.post_message(self.Found(found))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        percent = 100 * message.done // max(1, message.total)
        self._status(_("Comparing… {percent}%").format(percent=percent))

    @on(Found)
    def _found(self, message: Found) -> None:
        self._show(message.pairs)
        if self.pairs:
            text = ngettext("{count} probable pair. Enter: compare and merge.",
                            "{count} probable pairs, most likely first. Enter: compare and "
                            "merge.", len(self.pairs))  # fmt: skip
            if len(self.pairs) >= MOST_PAIRS:  # there may be more: say so
                text = _("The {count} most likely pairs, there may be more. Enter: compare "
                         "and merge.")  # fmt: skip
            self._status(text.format(count=len(self.pairs)))
        else:
            self._status(_("No probable duplicates in the file."))

    def _show(self, pairs: list[DuplicatePair]) -> None:
        """Replaces the list; the cursor stays at the same place in it (a merge or a new
        search only removes pairs above or at the cursor, or reorders a few)."""
        options = self.query_one(PairList)
        at = options.highlighted or 0
        self.pairs = pairs
        options.clear_options()
        # The list's own width less its scrollbar: the lines are wrapped here, not by it.
        width = max(40, self.size.width - 2)
        options.add_options([Option(pair_lines(p, width)) for p in pairs])
        if pairs:
            options.highlighted = min(at, len(pairs) - 1)
        if self.is_current:  # after a merge this runs behind the survivor's detail
            options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_merge()

    def action_merge(self) -> None:
        from screens.merge import MergeScreen

        index = self.query_one(PairList).highlighted
        if index is None or not self.pairs:
            return
        pair = self.pairs[index]
        self.app.push_screen(MergeScreen(pair.first.number, pair.second.number), self._merged)

    def _merged(self, merged: str | None) -> None:
        """Back from the merge screen: once merged, the merged number's pairs go at once
        and the whole file is searched again (its survivor may pair differently now)."""
        if merged:
            self._show([p for p in self.pairs if merged not in (p.first.number, p.second.number)])
            self.action_refresh()

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
