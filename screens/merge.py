"""Two records of one customer side by side, only the fields where they differ. For each
field ← keeps the survivor's value and → takes the other's (Space switches); s swaps which
record survives. Ctrl+S merges after a confirmation: the other's contacts and history move
to the survivor, and its number leads there from then on."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from models.customer_records import CustomerRecord
from models.customers import get_customer
from models.db import database
from models.errors import ComptoirError
from models.i18n import N_, _
from models.merge import MergeField, merge_customers, merge_preview
from screens.confirm import ConfirmScreen
from screens.customer_text import field_label
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedScreen

_CHOSEN, _LEFT_OUT = "● ", "  "


class MergeScreen(TranslatedScreen[None]):
    DEFAULT_CSS = """
    MergeScreen #merge-summary { padding: 0 1; height: auto; }
    MergeScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        # Priority: the table would take the arrows for its own (unused) column cursor.
        Binding("left", "take('keep')", N_("Keep this"), show=False, priority=True),
        Binding("right", "take('other')", N_("Take the other"), show=False, priority=True),
        Binding("space", "switch", N_("Switch value")),
        Binding("s", "swap", N_("Swap survivor")),
        Binding("ctrl+s", "merge", N_("Merge"), priority=True),
        Binding("f2", "merge", N_("Merge"), show=False, priority=True),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, keep: CustomerRecord, other: CustomerRecord,
                     fields: list[MergeField]) -> None:  # fmt: skip
            super().__init__()
            self.keep, self.other, self.fields = keep, other, fields

    class Failed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, keep: str, other: str) -> None:
        super().__init__(id="merge")
        self.keep_number, self.other_number = keep, other
        self.keep: CustomerRecord | None = None
        self.other: CustomerRecord | None = None
        self.fields: list[MergeField] = []
        self.taken: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(_("Loading…")), id="merge-summary")
        yield DataTable(id="merge-fields", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Merge two customers")
        self._load()

    @work(thread=True, exclusive=True, group="merge-load")
    def _load(self) -> None:
        try:
            with database.connection_context():
                keep = get_customer(self.keep_number, follow_merge=False)
                other = get_customer(self.other_number, follow_merge=False)
                fields = merge_preview(keep.number, other.number)
        except ComptoirError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(keep, other, fields))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.keep, self.other, self.fields = message.keep, message.other, message.fields
        self.taken = set()
        summary = _(
            "{other} {other_name} will be merged into {keep} {keep_name}, which stays. "
            "Contacts and history of both are kept. ←/→ choose each value, s swaps."
        ).format(other=message.other.number, other_name=display_safe(message.other.name),
                 keep=message.keep.number, keep_name=display_safe(message.keep.name))  # fmt: skip
        self.query_one("#merge-summary", Static).update(Content(summary))
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(_("Field"), key="field", width=16)
        table.add_column(message.keep.number, key="keep", width=29)
        table.add_column(message.other.number, key="other", width=29)
        for field in self.fields:
            table.add_row(Text(field_label(field.field)), *self._cells(field), key=field.field)
        table.focus()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(message.reason, severity="error", markup=False)
        self.dismiss()

    def _cells(self, field: MergeField) -> tuple[Text, Text]:
        other = field.field in self.taken
        keep_text = (_LEFT_OUT if other else _CHOSEN) + display_safe(field.keep_value or "—")
        other_text = (_CHOSEN if other else _LEFT_OUT) + display_safe(field.other_value or "—")
        return (Text(keep_text, style="dim" if other else "bold"),
                Text(other_text, style="bold" if other else "dim"))  # fmt: skip

    def _current(self) -> MergeField | None:
        table = self.query_one(DataTable)
        if not self.fields or table.cursor_row is None:
            return None
        return self.fields[table.cursor_row]

    def action_take(self, side: str) -> None:
        field = self._current()
        if field is None:
            return
        if side == "other":
            self.taken.add(field.field)
        else:
            self.taken.discard(field.field)
        table = self.query_one(DataTable)
        keep_cell, other_cell = self._cells(field)
        table.update_cell(field.field, "keep", keep_cell)
        table.update_cell(field.field, "other", other_cell)

    def action_switch(self) -> None:
        field = self._current()
        if field is not None:
            self.action_take("keep" if field.field in self.taken else "other")

    def action_swap(self) -> None:
        self.keep_number, self.other_number = self.other_number, self.keep_number
        self._load()

    def action_merge(self) -> None:
        if self.keep is None or self.other is None:
            return
        keep, other = self.keep, self.other
        question = _("Merge {other} into {keep}? {other} then leads to {keep}; this cannot "
                     "be undone.").format(other=other.number, keep=keep.number)  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self._merge(keep, other, set(self.taken))

        self.app.push_screen(ConfirmScreen(question, _("Merge"), _("Not yet")), answered)

    def _merge(self, keep: CustomerRecord, other: CustomerRecord, taken: set[str]) -> None:
        from screens.customer_detail import CustomerDetailScreen

        operator = self.app_operator
        try:
            survivor = merge_customers(keep.number, other.number, taken, operator,
                                       expected_versions=(keep.version, other.version))  # fmt: skip
        except ComptoirError as exc:
            self.notify(display_safe(str(exc)), severity="error", timeout=10, markup=False)
            return
        done = _("{other} merged into {keep}").format(other=other.number, keep=survivor.number)
        self.notify(done, markup=False)
        app = self.app
        self.dismiss()
        app.call_later(app.push_screen, CustomerDetailScreen(survivor.number))

    def action_back(self) -> None:
        self.dismiss()

    def help_text(self) -> str:
        return _("Only the fields where the two records differ are listed. ← keeps the "
                 "survivor's value, → takes the other's, Space switches; s makes the other "
                 "record the survivor. Ctrl+S merges.")  # fmt: skip

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Merge"), self.action_merge, _("Merge the two customers (Ctrl+S)")),
            PaletteCommand(_("Swap survivor"), self.action_swap,
                           _("Keep the other record instead (s)")),
        ]  # fmt: skip
