"""Driving the app as an operator would, and reading what the terminal would show."""

from __future__ import annotations

import os
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from models.customer_records import CustomerInput
from models.customers import create_customer

OPERATOR = "alice"


def add_customer(name: str, **fields: Any) -> str:
    """Creates a customer through the services; returns its number."""
    fields.setdefault("city", "Paris")
    return create_customer(CustomerInput(name=name, **fields), OPERATOR).number


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Waits until the workers of the screen in front (searches, pages, loads) are done
    and what they posted is painted; the typing pause is set to 0 by `instant_search`.
    Workers of screens behind it are left alone: one may be waiting for the answer of the
    modal in front (`push_screen_wait`)."""
    for _ in range(3):
        await pilot.pause()
        front = [worker for worker in app.workers if _screen_of(worker.node) is app.screen]
        if front:  # an empty list would mean every worker
            await app.workers.wait_for_complete(front)
    await pilot.pause()


def _screen_of(node: Any) -> Any:
    from textual.screen import Screen

    while node is not None and not isinstance(node, Screen):
        node = node.parent
    return node


def app_for(db_path: os.PathLike[str] | str) -> App[Any]:
    from tui.app import ComptoirApp

    app = ComptoirApp(OPERATOR, str(db_path), mouse=False)
    # Scrolls and screen changes happen at once: Pilot waits for every animation to end
    # (an animated scroll to the end of the detail cost a second per key).
    app.animation_level = "none"
    return app


def screen_text(app: App[Any]) -> str:
    """The current screen's rendered lines (what a terminal shows), joined by newlines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
