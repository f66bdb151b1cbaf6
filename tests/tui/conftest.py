"""Fixtures for the screens' tests, shared with the forms' tests.

Autouse: the cursor does not blink and the clock is frozen, so that snapshots and
timestamps shown on screen are the same on every run; times are shown in UTC.
Fixtures: a configured company, and searches that start at each keystroke so tests wait
for workers, never for a timer. Helpers to drive the app are in tui_pilot.py.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator

import pytest
from peewee import Database
from textual.widgets import Input

from models.settings import Settings, save_settings

FROZEN_NOW = dt.datetime(2026, 3, 14, 9, 30)  # naive UTC, as services store it


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor is visible in half the screenshots and not in the other half."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    from textual.widgets import TextArea

    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.datetime]:
    """Every record is created and changed at FROZEN_NOW, and shown in UTC."""
    import models.clock
    import models.customers

    monkeypatch.setattr(models.customers, "utc_now", lambda: FROZEN_NOW)
    monkeypatch.setattr(models.clock, "utc_now", lambda: FROZEN_NOW)
    monkeypatch.setattr(models.clock, "today", lambda: FROZEN_NOW.date())
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield FROZEN_NOW
    if zone is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = zone
    time.tzset()


@pytest.fixture
def company(db: Database) -> Settings:
    """A database whose company is set up, so the app opens on the customer list."""
    return save_settings(Settings(company_name="Comptoir Test", company_postal_code="75011",
                                  company_city="Paris"))  # fmt: skip


@pytest.fixture
def instant_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each keystroke searches at once: tests wait for workers, never for a timer."""
    import screens.customers

    monkeypatch.setattr(screens.customers, "THROTTLE_S", 0)
