"""The bar over a list of documents or payments: a search and the two dates of a period
on one line, and under them what is wrong with a date. The search applies as it is typed
(after a short pause), a date when Enter is pressed in it or the focus leaves it; the bar
says what was typed and leaves the list to its screen. The invoice and payment lists both
use it, under ids of their own (`{name}-search`, `{name}-from`, `{name}-to`…)."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from models.errors import ValidationError
from models.i18n import _
from models.validation import parse_date

# Set to 0 by tests, which wait for workers rather than timers.
THROTTLE_S = 0.15


def parse_period(start: str, end: str) -> tuple[dt.date | None, dt.date | None]:
    """The period typed in the two fields (either may be empty); ValidationError names
    the field, `from` or `to`, and says what is wrong with it."""
    first = parse_date("from", start)
    last = parse_date("to", end)
    if first is not None and last is not None and last < first:
        raise ValidationError.single("to", _("The period ends before it starts."))
    return first, last


class PeriodFilterBar(Vertical):
    DEFAULT_CSS = """
    PeriodFilterBar { height: auto; }
    PeriodFilterBar .filter-fields { height: 1; margin: 1 1 0 1; }
    PeriodFilterBar .filter-fields Input { background: $boost; }
    PeriodFilterBar .filter-fields Input:focus { background: $primary 30%; }
    PeriodFilterBar .filter-fields Input.-invalid { background: $error 30%; }
    PeriodFilterBar .filter-search { width: 1fr; }
    PeriodFilterBar .filter-date { width: 12; }
    PeriodFilterBar .filter-label { width: auto; padding: 0 1; color: $text-muted; }
    PeriodFilterBar .filter-error {
        height: auto; padding: 0 1; color: $text-error; text-style: bold; display: none;
    }
    PeriodFilterBar .filter-error.shown { display: block; }
    """

    class Changed(Message):
        def __init__(self, text: str, first: dt.date | None, last: dt.date | None) -> None:
            super().__init__()
            self.text = text
            self.first = first
            self.last = last

    class Done(Message):
        """Enter in the search or at the end of the period: on to the list."""

    def __init__(self, name: str, placeholder: str) -> None:
        """`name` prefixes the ids (`invoice`: #invoice-search…); `placeholder` says
        what the search finds."""
        super().__init__(id=f"{name}-filter-bar")
        self.prefix = name
        self.placeholder = placeholder
        self.period: tuple[dt.date | None, dt.date | None] = (None, None)
        self._timer: object | None = None

    def _field(self, part: str) -> Input:
        return self.query_one(f"#{self.prefix}-{part}", Input)

    def compose(self) -> ComposeResult:
        with Horizontal(id=f"{self.prefix}-filters", classes="filter-fields"):
            yield Input(placeholder=self.placeholder, id=f"{self.prefix}-search",
                        classes="filter-search", compact=True)  # fmt: skip
            yield Label(_("From"), classes="filter-label")
            yield Input(placeholder=_("dd/mm/yyyy"), id=f"{self.prefix}-from",
                        classes="filter-date", compact=True)  # fmt: skip
            yield Label(_("to"), classes="filter-label")
            yield Input(placeholder=_("dd/mm/yyyy"), id=f"{self.prefix}-to",
                        classes="filter-date", compact=True)  # fmt: skip
        yield Static(Content(""), id=f"{self.prefix}-period-error", classes="filter-error")

    def focus_search(self) -> None:
        self._field("search").focus()

    @on(Input.Changed, ".filter-search")
    def _typed(self) -> None:
        if THROTTLE_S <= 0:
            self._announce()
        elif self._timer is None:
            self._timer = self.set_timer(THROTTLE_S, self._throttled)

    def _throttled(self) -> None:
        self._timer = None
        self._announce()

    def _announce(self) -> None:
        self.post_message(self.Changed(self._field("search").value, *self.period))

    @on(Input.Submitted, ".filter-search")
    def _searched(self) -> None:
        self.post_message(self.Done())

    @on(Input.Submitted, ".filter-date")
    def _date_submitted(self, event: Input.Submitted) -> None:
        if not self._read_period():
            return
        if event.input is self._field("from"):
            self._field("to").focus()
        else:
            self.post_message(self.Done())

    @on(Input.Blurred, ".filter-date")
    def _period_left(self) -> None:
        self._read_period()

    def _read_period(self) -> bool:
        """Takes the period typed; a date that cannot be read is said under the fields
        and the list stays as it was."""
        start, end = self._field("from"), self._field("to")
        error = self.query_one(f"#{self.prefix}-period-error", Static)
        try:
            period = parse_period(start.value, end.value)
        except ValidationError as exc:
            label = _("From") if exc.field == "from" else _("To")
            error.update(Content(f"{label}: {exc.errors[exc.field]}"))
            error.add_class("shown")
            (start if exc.field == "from" else end).add_class("-invalid")
            return False
        error.remove_class("shown")
        start.remove_class("-invalid")
        end.remove_class("-invalid")
        if period != self.period:
            self.period = period
            self._announce()
        return True
