"""Two records of one customer side by side, only the fields where they differ. For each
field ← keeps the survivor's value and → takes the other's (Space switches); s swaps which
record survives. Ctrl+S merges after a confirmation: the other's contacts and history move
to the survivor, and its number leads there from then on. If either record was changed
meanwhile, nothing is merged: the screen says so and shows both records as they are now,
the choices still made."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from models.customer_records import CustomerRecord
from models.customers import get_customer
from models.db import database
from models.errors import ComptoirError, ConflictError
from models.i18n import N_, _, ngettext
from models.merge import MergeField, merge_customers, merge_preview
from screens.confirm import ConfirmScreen
from screens.customer_card import _readable
from screens.customer_text import field_label
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen, translate_bindings

# The chosen value of each field is marked in a column of its own, not before the value:
# a long e-mail would wrap below its mark instead of beside it.
_CHOSEN, _LEFT_OUT = "●", "○"
_LABEL_WIDTH = 16


class FieldTable(DataTable[Text]):
    """The fields side by side. ← and → choose a value instead of moving a column cursor;
    bound here rather than as priority keys of the screen, so that they act in the order
    typed: a priority key would overtake the ↓ typed just before it."""

    BINDINGS = [
        Binding("left", "screen.take('keep')", N_("Keep this"), show=False),
        Binding("right", "screen.take('other')", N_("Take the other"), show=False),
    ]

    def __init__(self, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        translate_bindings(self)


class MergeScreen(TranslatedScreen[str | None]):
    """Dismisses with the number merged away once merged, None otherwise. With
    `open_survivor`, the survivor's detail opens in its place (from the duplicates list);
    without, the caller shows what it wants."""

    DEFAULT_CSS = """
    MergeScreen #merge-summary { padding: 0 1; height: auto; }
    MergeScreen #merge-problem { padding: 0 1; height: auto; color: $text-error; display: none; }
    MergeScreen #merge-problem.shown { display: block; }
    MergeScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
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

    class Merged(Message):
        def __init__(self, survivor: CustomerRecord, other: str) -> None:
            super().__init__()
            self.survivor, self.other = survivor, other

    class Refused(Message):
        """Nothing was merged; `conflict` when a record changed since it was shown."""

        def __init__(self, reason: str, conflict: bool) -> None:
            super().__init__()
            self.reason, self.conflict = reason, conflict

    def __init__(self, keep: str, other: str, *, open_survivor: bool = True) -> None:
        super().__init__(id="merge")
        self.keep_number, self.other_number = keep, other
        self.open_survivor = open_survivor
        self.keep: CustomerRecord | None = None
        self.other: CustomerRecord | None = None
        self.fields: list[MergeField] = []
        self.taken: set[str] = set()
        self._merging = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(_("Loading…")), id="merge-summary")
        yield Static(Content(""), id="merge-problem")
        yield FieldTable(id="merge-fields")
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
        swapped = self.keep is not None and self.keep.number != message.keep.number
        self.keep, self.other, self.fields = message.keep, message.other, message.fields
        # Choices survive a reload (after a conflict) for the fields still differing;
        # swapping the survivor turns "take the other's" into "keep this one" and back.
        names = {f.field for f in self.fields}
        self.taken = (names - self.taken) if swapped else (self.taken & names)
        self._show_summary()
        self._fill_table()

    def _show_summary(self) -> None:
        keep, other = self.keep, self.other
        assert keep is not None and other is not None
        summary = _(
            "{other} {other_name} will be merged into {keep} {keep_name}, which stays."
        ).format(other=other.number, other_name=display_safe(other.name),
                 keep=keep.number, keep_name=display_safe(keep.name))  # fmt: skip
        contacts = len(keep.contacts) + len(other.contacts)
        if contacts:
            kept = ngettext("Both histories and the {count} contact are kept.",
                            "Both histories and all {count} contacts are kept.",
                            contacts).format(count=contacts)  # fmt: skip
        else:
            kept = _("Both histories are kept.")
        summary += " " + kept
        if self.fields:
            summary += " " + _("←/→ choose each value, s swaps.")
        else:
            summary += " " + _("Both records hold the same values; s swaps, Ctrl+S merges.")
        self.query_one("#merge-summary", Static).update(Content(summary))

    def _fill_table(self) -> None:
        keep, other = self.keep, self.other
        assert keep is not None and other is not None
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        # Values wrap instead of being cut: at 80 columns a long name or e-mail would
        # otherwise lose the very end where two spellings differ.
        value_width = max(12, (self.size.width - _LABEL_WIDTH - 14) // 2)
        # Labels as Text: a plain str header would be read as markup.
        stays = _("{number} (stays)").format(number=keep.number)
        table.add_column(Text(_("Field")), key="field", width=_LABEL_WIDTH)
        table.add_column(Text(""), key="keep-mark", width=1)
        table.add_column(Text(stays), key="keep", width=value_width)
        table.add_column(Text(""), key="other-mark", width=1)
        table.add_column(Text(other.number), key="other", width=value_width)
        for field in self.fields:
            table.add_row(Text(field_label(field.field)), *self._cells(field), key=field.field,
                          height=None)  # fmt: skip
        if self.fields:
            table.move_cursor(row=min(row, len(self.fields) - 1))
        table.focus()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(display_safe(message.reason), severity="error", markup=False)
        self.dismiss(None)

    def _cells(self, field: MergeField) -> tuple[Text, Text, Text, Text]:
        """Mark and value of the survivor's side, then of the other's: the chosen one
        marked ● and bold, the one left out ○ and dim (the marks read without colour)."""
        other = field.field in self.taken
        keep_style, other_style = ("dim", "bold") if other else ("bold", "dim")
        return (
            Text(_LEFT_OUT if other else _CHOSEN, style=keep_style),
            Text(_readable(field.field, field.keep_value), style=keep_style),
            Text(_CHOSEN if other else _LEFT_OUT, style=other_style),
            Text(_readable(field.field, field.other_value), style=other_style),
        )

    def _current(self) -> MergeField | None:
        table = self.query_one(DataTable)
        if not self.fields or not 0 <= table.cursor_row < len(self.fields):
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
        for column, cell in zip(("keep-mark", "keep", "other-mark", "other"),
                                self._cells(field), strict=True):  # fmt: skip
            table.update_cell(field.field, column, cell)

    def action_switch(self) -> None:
        field = self._current()
        if field is not None:
            self.action_take("keep" if field.field in self.taken else "other")

    def action_swap(self) -> None:
        if self._merging:
            return
        self.keep_number, self.other_number = self.other_number, self.keep_number
        self._load()

    def action_merge(self) -> None:
        if self.keep is None or self.other is None or self._merging:
            return
        keep, other = self.keep, self.other
        question = _("Merge {other} into {keep}? {other} then leads to {keep}; this cannot "
                     "be undone.").format(other=other.number, keep=keep.number)  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes and not self._merging:
                self._merging = True
                self._merge(keep, other, set(self.taken))

        self.app.push_screen(ConfirmScreen(question, _("Merge"), _("Not yet")), answered)

    @work(thread=True, exclusive=True, group="merge-save")
    def _merge(self, keep: CustomerRecord, other: CustomerRecord, taken: set[str]) -> None:
        try:
            with database.connection_context():
                survivor = merge_customers(
                    keep.number, other.number, taken, self.app_operator,
                    expected_versions=(keep.version, other.version),
                )  # fmt: skip
        except ComptoirError as exc:
            self.post_message(self.Refused(str(exc), isinstance(exc, ConflictError)))
            return
        self.post_message(self.Merged(survivor, other.number))

    @on(Merged)
    def _merged(self, message: Merged) -> None:
        from screens.customer_detail import CustomerDetailScreen

        done = _("{other} merged into {keep}").format(other=message.other,
                                                      keep=message.survivor.number)  # fmt: skip
        self.notify(done, markup=False)
        app = self.app
        self.dismiss(message.other)
        if self.open_survivor:
            app.call_later(app.push_screen, CustomerDetailScreen(message.survivor.number))

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        """Says why, in a line that stays on screen, and shows both records as they are
        now: the operator checks the other's change before merging again."""
        self._merging = False
        reason = display_safe(message.reason)
        if message.conflict:
            reason = _("Not merged: {reason} Both records are shown again as they are now; "
                       "check them and merge again.").format(reason=reason)  # fmt: skip
        else:
            reason = _("Not merged: {reason}").format(reason=reason)
        problem = self.query_one("#merge-problem", Static)
        problem.update(Content(reason))
        problem.add_class("shown")
        self.notify(_("Not merged."), severity="error", markup=False)
        self._load()

    def action_back(self) -> None:
        self.dismiss(None)

    def help_text(self) -> str:
        return _("Only the fields where the two records differ are listed. ← keeps the "
                 "survivor's value, → takes the other's, Space switches; s makes the other "
                 "record the survivor. Ctrl+S merges.")  # fmt: skip

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Merge"), self.action_merge, _("Merge the two customers (Ctrl+S)")),
            PaletteCommand(_("Swap survivor"), self.action_swap,
                           _("Keep the other record instead (s)")),
            PaletteCommand(_("Switch value"), self.action_switch,
                           _("Keep the other value of the highlighted field (Space, ←, →)")),
            PaletteCommand(_("Back"), self.action_back, _("Leave without merging (Esc)")),
        ]  # fmt: skip
