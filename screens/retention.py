"""Customers whose retention period has passed (Settings: years after the last document),
longest overdue first. Space marks one, a marks all; x anonymises the marked ones after
two confirmations, the second typed, with a progress bar."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, ProgressBar, Static

from models.db import database
from models.erasure import RetentionRow, anonymise_many, retention_due
from models.i18n import N_, _, ngettext
from models.settings import load_settings
from screens.confirm import ConfirmScreen, TypeToConfirmScreen
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen

# Plain ASCII reads in any terminal font; always inside Text, never as markup ("[x]" would
# be taken for a style tag and vanish).
_MARKED, _UNMARKED = "[x]", "[ ]"
# What the operator types to confirm a bulk anonymisation: the same in every language.
_CONFIRM_WORD = "ANONYMISE"


class RetentionScreen(TranslatedScreen[None]):
    DEFAULT_CSS = """
    RetentionScreen #retention-status { padding: 0 1; height: auto; color: $text-muted; }
    RetentionScreen DataTable { height: 1fr; }
    RetentionScreen ProgressBar { display: none; padding: 0 1; }
    RetentionScreen ProgressBar.running { display: block; }
    """
    BINDINGS = [
        Binding("space", "mark", N_("Mark")),
        Binding("a", "mark_all", N_("Mark all")),
        Binding("x", "anonymise", N_("Anonymise marked")),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[RetentionRow], years: int) -> None:
            super().__init__()
            self.rows, self.years = rows, years

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class Done(Message):
        """The anonymisation ended (the app has told how)."""

    def __init__(self) -> None:
        super().__init__(id="retention")
        self.rows: list[RetentionRow] = []
        self.marked: set[str] = set()
        self.years = 0
        self.running = 0
        """How many customers are being anonymised (0: none); marking waits meanwhile."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(_("Loading…")), id="retention-status")
        yield ProgressBar(show_eta=False)
        yield DataTable(id="retention-rows", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Retention period passed")
        table = self.query_one(DataTable)
        # Dates and labels whole; the name takes what is left (columns of 2 cells padding
        # each, and the scrollbar).
        last, due = _("Last activity"), _("Due since")
        widths = {"mark": 3, "number": 7, "city": 12, "last": max(10, cell_len(last)),
                  "due": max(10, cell_len(due))}  # fmt: skip
        widths["name"] = max(16, self.size.width - sum(widths.values()) - 2 * 6 - 2)
        for key, label in (("mark", ""), ("number", _("Number")), ("name", _("Name")),
                           ("city", _("City")), ("last", last), ("due", due)):  # fmt: skip
            table.add_column(Text(label), key=key, width=widths[key])
        self._load()

    @work(thread=True, exclusive=True, group="retention-load")
    def _load(self) -> None:
        with database.connection_context():
            rows = retention_due()
            years = load_settings().retention
        self.post_message(self.Loaded(rows, years))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.rows = message.rows
        self.marked &= {r.number for r in self.rows}
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(self._mark(row.number), Text(row.number),
                          Text(display_safe(row.name)), Text(display_safe(row.city)),
                          Text(row.last_activity.isoformat()), Text(row.due_since.isoformat()),
                          key=row.number)  # fmt: skip
        self.years = message.years
        self._status()
        table.focus()

    def _status(self) -> None:
        years = self.years
        if self.running:
            text = _("Anonymising {count} customers, one after the other. Esc leaves this "
                     "list; the anonymisation carries on.").format(count=self.running)  # fmt: skip
        elif not self.rows:
            text = _("No customer is past the retention period ({years} years after the "
                     "last document).").format(years=years)  # fmt: skip
        else:
            text = ngettext(
                "{count} customer past the retention period ({years} years), {marked} "
                "marked. Space marks, a marks all, x anonymises the marked.",
                "{count} customers past the retention period ({years} years), {marked} "
                "marked. Space marks, a marks all, x anonymises the marked.", len(self.rows)
            ).format(
                count=len(self.rows), years=years, marked=len(self.marked))  # fmt: skip
        self.query_one("#retention-status", Static).update(Content(text))

    def _mark(self, number: str) -> Text:
        return Text(_MARKED if number in self.marked else _UNMARKED)

    def action_mark(self) -> None:
        table = self.query_one(DataTable)
        if not self.rows or self.running:
            return
        number = self.rows[table.cursor_row].number
        self.marked ^= {number}
        table.update_cell(number, "mark", self._mark(number))
        table.move_cursor(row=min(table.cursor_row + 1, len(self.rows) - 1))
        self._status()

    def action_mark_all(self) -> None:
        if self.running:
            return
        every = {r.number for r in self.rows}
        self.marked = set() if self.marked == every else every
        table = self.query_one(DataTable)
        for number in every:
            table.update_cell(number, "mark", self._mark(number))
        self._status()

    def action_anonymise(self) -> None:
        if self.running:  # from the palette, which does not ask check_action
            return
        numbers = [r.number for r in self.rows if r.number in self.marked]
        if not numbers:
            self.notify(_("Mark customers with Space first (a marks all)."), markup=False)
            return
        first = _("Anonymise the {count} marked customers? Their personal data is erased "
                  "for good.").format(count=len(numbers))  # fmt: skip
        second = _("This cannot be undone. Type {word} to anonymise {count} "
                   "customers.").format(word=_CONFIRM_WORD, count=len(numbers))  # fmt: skip

        def typed(yes: bool | None) -> None:
            if yes and not self.running:
                progress = self.query_one(ProgressBar)
                progress.update(total=len(numbers), progress=0)
                progress.add_class("running")
                self.running = len(numbers)
                self.refresh_bindings()
                self._status()
                self._run(numbers)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(TypeToConfirmScreen(second, _CONFIRM_WORD), typed)

        self.app.push_screen(ConfirmScreen(first, _("Anonymise"), _("Keep")), answered)

    @work(thread=True, exclusive=True, group="retention-run")
    def _run(self, numbers: list[str]) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(self.Progress(done, total))

        # The end is told through the app: the operator may have left this list meanwhile.
        app = self.app
        try:
            with database.connection_context():
                count = anonymise_many(numbers, self.app_operator, progress=progress)
        except Exception as exc:  # noqa: BLE001 - shown to the operator, the rest stays done
            app.call_from_thread(app.notify, display_safe(str(exc)), severity="error",
                                 markup=False)  # fmt: skip
        else:
            done = ngettext("{count} customer anonymised.", "{count} customers anonymised.",
                            count)  # fmt: skip
            app.call_from_thread(app.notify, done.format(count=count), markup=False)
        self.post_message(self.Done())

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    @on(Done)
    def _done(self, message: Done) -> None:
        self.query_one(ProgressBar).remove_class("running")
        self.running = 0
        self.refresh_bindings()
        self.marked.clear()
        self._load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark", "mark_all", "anonymise") and self.running:
            return False  # the list is about to change: marks wait for the end
        return True

    def action_back(self) -> None:
        self.dismiss()

    def help_text(self) -> str:
        return _("Customers whose last document is older than the retention period set in "
                 "the settings. Anonymising erases their personal data for good.")  # fmt: skip

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Mark"), self.action_mark,
                           _("Mark or unmark the highlighted customer (Space)")),
            PaletteCommand(_("Mark all"), self.action_mark_all, _("Mark every customer (a)")),
            PaletteCommand(_("Anonymise marked"), self.action_anonymise,
                           _("Erase the marked customers' personal data (x)")),
        ]  # fmt: skip
