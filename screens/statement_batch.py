"""Every customer's statement of account at once: the folder and the period are asked,
then one PDF per customer with a balance at the end of the period is written by the
batch printer (exports.pdf.statement_batch) in a worker, a progress bar following it.
Ctrl+S (or Enter in a field) starts; Esc cancels before the start and closes once done.
Dismisses with the number of statements written, or None when nothing was started."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, ProgressBar, Static

from models import clock
from models.db import database
from models.errors import ComptoirError, ValidationError
from models.i18n import N_, _, ngettext
from models.validation import parse_date
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedModal

# The fields of the dialog, and the period's fields as models.statements names them.
_FIELDS = ("folder", "from", "to")
_PERIOD_FIELDS = {"date_from": "from", "date_to": "to"}


def default_folder() -> Path:
    """The folder the PDF of a quote or an invoice is saved to by default
    (screens.document_preview): `~/Documents/Comptoir`."""
    from platformdirs import user_documents_path

    return user_documents_path() / "Comptoir"


class StatementBatchScreen(TranslatedModal[int | None]):
    CSS_PATH = "statement_batch.tcss"
    # Priority: the inputs must not keep Ctrl+S, and Esc must answer from any of them.
    BINDINGS = [
        Binding("ctrl+s", "start", N_("Write statements"), priority=True),
        Binding("escape", "close", N_("Cancel"), priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        # "asking", "writing", then "done".
        self.stage = "asking"
        self.written: int | None = None

    def compose(self) -> ComposeResult:
        from models.statements import statement_period

        start, end = statement_period(None, None, clock.today())
        with Vertical(id="batch-box"):
            yield Static(Content(_("Statements of account")), id="batch-title")
            yield Static(
                Content(_("One PDF for each customer with a balance on the last day of the "
                          "period, named after the customer.")),
                id="batch-explained",
            )  # fmt: skip
            yield from self._row("folder", _("Folder"), str(default_folder()))
            yield from self._row("from", _("From"), start.isoformat())
            yield from self._row("to", _("To"), end.isoformat())
            yield ProgressBar(total=None, show_eta=False, id="batch-progress")
            yield Static(Content(""), id="batch-status")
        yield Footer()

    def _row(self, field: str, label: str, value: str) -> ComposeResult:
        with Horizontal(classes="batch-row"):
            yield Label(Content(label), classes="batch-label")
            yield Input(value, compact=True, id=f"batch-{field}")
        yield Static("", id=f"batch-{field}-error", classes="batch-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#batch-folder", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.stage == "asking"
        if action == "close":
            # A batch under way finishes: the files it writes are whole or absent.
            return self.stage != "writing"
        return True

    @on(Input.Submitted)
    def action_start(self) -> None:
        if self.stage != "asking":
            return
        period = self._checked()
        if period is None:
            return
        folder, start, end = period
        self.stage = "writing"
        self.refresh_bindings()
        for field in _FIELDS:
            self.query_one(f"#batch-{field}", Input).disabled = True
        self.query_one("#batch-progress", ProgressBar).add_class("shown")
        self._status(_("Writing the statements…"))
        self._write(folder, start, end)

    def _checked(self) -> tuple[Path, dt.date, dt.date] | None:
        """The folder and the period typed, or None with each refusal shown under its
        field."""
        from models.statements import statement_period

        for field in _FIELDS:
            self._error(field, "")
        text = self.query_one("#batch-folder", Input).value.strip()
        folder = Path(text).expanduser()
        try:
            if not text:
                raise ValidationError.single("folder", _("Type the folder to write into."))
            if folder.exists() and not folder.is_dir():
                raise ValidationError.single("folder", _("This is a file, not a folder."))
            start = parse_date("from", self.query_one("#batch-from", Input).value)
            end = parse_date("to", self.query_one("#batch-to", Input).value)
            start, end = statement_period(start, end, clock.today())
        except ValidationError as exc:
            self._refused(exc.errors)
            return None
        return folder, start, end

    def _refused(self, errors: dict[str, str]) -> None:
        for field, reason in errors.items():
            self._error(_PERIOD_FIELDS.get(field, field), reason)
        first = _PERIOD_FIELDS.get(next(iter(errors)), next(iter(errors)))
        if first in _FIELDS:
            self.query_one(f"#batch-{first}", Input).focus()

    def _error(self, field: str, reason: str) -> None:
        shown = self.query_one(f"#batch-{field}-error", Static)
        shown.update("⚠ " + reason if reason else "")
        shown.set_class(bool(reason), "shown")

    @work(thread=True, exclusive=True, group="statement-batch")
    def _write(self, folder: Path, start: dt.date, end: dt.date) -> None:
        from exports.pdf.statement_batch import write_statements

        location = str(getattr(self.app, "db_location", ""))
        try:
            with database.connection_context():
                written = write_statements(folder, location, start, end,
                                           progress=self._progress_from_worker)  # fmt: skip
        except (ComptoirError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.app.call_from_thread(self._failed, reason)
            return
        self.app.call_from_thread(self._done, folder, len(written), end)

    def _progress_from_worker(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#batch-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _done(self, folder: Path, count: int, end: dt.date) -> None:
        self.stage = "done"
        self.written = count
        self._closable()
        if count:
            message = ngettext("{count} statement written to {folder}",
                               "{count} statements written to {folder}", count)  # fmt: skip
            text = message.format(count=count, folder=folder)
        else:
            text = _("No customer has a balance on {date}: nothing written.").format(
                date=end.isoformat()
            )
        self._status(text)
        self.notify(text, markup=False)

    def _failed(self, reason: str) -> None:
        self.stage = "done"
        self._closable()
        self._status(_("Stopped: {reason}").format(reason=reason), error=True)

    def _closable(self) -> None:
        """Esc now closes: the footer says so. The lists are rebuilt, never edited in
        place: they are shared with the class (tui.widgets.translated)."""
        key_map = self._bindings.key_to_bindings
        for key, bindings in list(key_map.items()):
            key_map[key] = [
                dataclasses.replace(binding, description=_("Close"))
                if binding.action == "close" else binding
                for binding in bindings
            ]  # fmt: skip
        self.refresh_bindings()

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#batch-status", Static)
        status.update(Content(display_safe(text)))
        status.set_class(error, "error")

    def action_close(self) -> None:
        if self.stage != "writing":
            self.dismiss(self.written)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Write statements"), self.action_start,
                           _("Write every statement into the folder (Ctrl+S)")),
            PaletteCommand(_("Cancel"), self.action_close,
                           _("Close without writing, or once done (Esc)")),
        ]  # fmt: skip

    def help_text(self) -> str:
        return _(
            "Writes the statement of account of every customer with a balance on the last "
            "day of the period, one PDF each, into the folder. Ctrl+S or Enter starts; Esc "
            "cancels before the start and closes once done."
        )
