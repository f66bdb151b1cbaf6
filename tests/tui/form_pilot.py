"""Hosting one form in a bare app and driving it by keys, for the forms' tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

# What `FormHost.result` holds until the form dismisses (None is a real answer).
NOT_DISMISSED = object()


class FormHost(App[None]):
    """Shows the screen `make()` builds and keeps what it dismisses with."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.result: Any = NOT_DISMISSED
        # Scrolling to a focused field happens at once instead of animating under Pilot.
        self.animation_level = "none"

    def on_mount(self) -> None:
        self.push_screen(self.make(), self._store)

    def _store(self, result: Any) -> None:
        self.result = result


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def go_to(pilot: Pilot[Any], app: App[Any], field_id: str) -> None:
    """Puts the focus in the field with id `field_id`, as a click on it would. Tabbing
    there costs a layout of the whole form per key (seconds in a long form); the Tab
    order itself is checked by test_tab_order_follows_the_form."""
    app.screen.query_one(f"#{field_id}").widget.focus()
    await pilot.pause()
    assert app.focused is not None and any(
        ancestor.id == field_id for ancestor in app.focused.ancestors
    ), f"cannot focus {field_id}"


def error_under(app: App[Any], field_id: str) -> str:
    """The reason shown under a field, or "" when the error line is hidden."""
    error = app.screen.query_one(f"#{field_id} .field-error")
    return str(error.render()).strip() if error.display else ""
