"""The customer's Transactions tab driven by keys at 80×24: the account with its running
balance and what each invoice still leaves open, the line under the cursor in words,
allocations hidden and shown, the account at a past date and back to today, a payment
recorded from the tab, the statement saved as a PDF, and the balance, credit and credit
limit rows of the overview. Data in account_fixtures.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from account_fixtures import (
    BALANCE,
    BALANCE_ON_15_FEB,
    LATE,
    LATER,
    NOTE,
    PAYMENT,
    seed_account,
)
from form_pilot import type_text
from peewee import Database
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import OPERATOR, app_for, screen_text, settle

from models.i18n import gettext, install
from models.payments import PaymentInput, record_payment
from screens import customer_account
from screens.customer_detail import CustomerDetailScreen
from screens.document_editor import DocumentEditorScreen
from screens.payment_entry import PaymentEntryScreen

pytestmark = pytest.mark.usefixtures("instant_search")


@pytest.fixture
def customer(db: object) -> str:
    return seed_account()


async def open_transactions(app: App[Any], pilot: Pilot[Any]) -> None:
    await settle(app, pilot)
    await pilot.press(*"martin", "enter")
    await settle(app, pilot)
    await pilot.press("5")
    await settle(app, pilot)
    assert isinstance(app.screen, CustomerDetailScreen)


def row_of(app: App[Any], kind: str, reference: str) -> list[str]:
    """The words of the table's row of the `kind` line for `reference`."""
    for line in screen_text(app).splitlines():
        words = line.split()
        if kind in line and reference in words:
            return words
    raise AssertionError(f"no {kind} {reference} shown")


def hint(app: App[Any]) -> str:
    return str(app.screen.query_one("#transactions-hint").render())


def detail(app: App[Any]) -> str:
    """The line under the table, saying what the highlighted line is."""
    return str(app.screen.query_one("#transactions-detail").render()).strip()


def notices(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_tab_lists_the_account_with_its_running_balance(
    db_path: Path, customer: str
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_transactions(app, pilot)
        shown = screen_text(app)
        assert "Debits  Credits  Balance  Still due" in shown
        # Amount, running balance, and what it still leaves open ("!": past due).
        assert row_of(app, "invoice", LATE)[-4:] == ["120.00", "120.00", "!", "20.00"]
        assert row_of(app, "payment", PAYMENT)[-2:] == ["100.00", "20.00"]
        assert row_of(app, "invoice", LATER)[-3:] == ["60.00", "80.00", "50.00"]
        assert row_of(app, "credit note", NOTE)[-2:] == ["10.00", "70.00"]
        # Allocations read across the amount columns: which credit paid which invoice.
        assert f"#1 → {LATE}: 100.00" in shown and f"{NOTE} → {LATER}: 10.00" in shown
        assert row_of(app, "Closing", "balance")[-1] == BALANCE
        assert hint(app).startswith(f"Balance on 14 Mar 2026: €{BALANCE} · ! past due")
        footer = shown.splitlines()[-1]
        assert "At a date" in footer and "Payment" in footer and "Commands" in footer

        # The cursor starts on the closing balance; up the lines, each said in words.
        await pilot.press("up")
        await settle(app, pilot)
        assert detail(app) == f"{NOTE} set against {LATER}: €10.00 on 1 Mar 2026"
        await pilot.press("up", "up")
        await settle(app, pilot)
        assert detail(app) == f"invoice {LATER}: €50.00 still due by 22 Mar 2026"
        await pilot.press("up", "up", "up")
        await settle(app, pilot)
        assert detail(app) == f"invoice {LATE}: €20.00 still due, 33 days late (due 9 Feb 2026)"

        # a hides the allocations, and shows them again.
        await pilot.press("a")
        await settle(app, pilot)
        assert "→" not in screen_text(app)
        assert row_of(app, "invoice", LATE)[-1] == "20.00"
        await pilot.press("a")
        await settle(app, pilot)
        assert f"#1 → {LATE}: 100.00" in screen_text(app)

        # Enter opens the document of the highlighted line.
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentEditorScreen)
        assert LATE in screen_text(app)


async def test_the_account_at_a_past_date_then_back_to_today(db_path: Path, customer: str) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_transactions(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert "The account at a date" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-03-20")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "This date is in the future." in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "15/02/2026")
        await pilot.press("enter")
        await settle(app, pilot)

        # Only what is dated up to that day; the first invoice's open amount then.
        shown = screen_text(app)
        assert hint(app).startswith(f"Balance on 15 Feb 2026: €{BALANCE_ON_15_FEB}")
        assert LATER not in shown and NOTE not in shown
        assert row_of(app, "invoice", LATE)[-2:] == ["!", "20.00"]
        assert row_of(app, "Balance on", "15/02/2026")[-1] == BALANCE_ON_15_FEB  # its last row
        assert "esc Today" in shown.splitlines()[-1]

        # Esc comes back to today; a second Esc leaves the customer.
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert hint(app).startswith(f"Balance on 14 Mar 2026: €{BALANCE}")
        assert LATER in screen_text(app)
        assert "esc Back" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, CustomerDetailScreen)


async def test_p_records_a_payment_and_the_tab_and_card_show_it(
    db_path: Path, customer: str
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_transactions(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, PaymentEntryScreen)
        shown = screen_text(app)
        assert customer in shown and "Boulangerie Martin [SARL]" in shown
        assert f"owes €{BALANCE}" in shown
        await type_text(pilot, "80")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert isinstance(app.screen, CustomerDetailScreen)
        assert "Payment #2 recorded · 80.00 EUR · credit 10.00" in notices(app)
        # Its credit left reads as a negative open amount: the column adds up to the balance.
        assert row_of(app, "payment", "#2")[-3:] == ["80.00", "-10.00", "-10.00"]
        assert row_of(app, "invoice", LATE)[-2:] == ["120.00", "120.00"]  # nothing open
        assert row_of(app, "Closing", "balance")[-1] == "-10.00"
        assert hint(app).startswith("Balance on 14 Mar 2026: -€10.00 · a: allocations")
        await pilot.press("1")
        await settle(app, pilot)
        assert "Balance           has €10.00 of credit" in screen_text(app)


async def test_s_saves_the_statement_as_a_pdf(
    db_path: Path, customer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "statements"
    monkeypatch.setattr(customer_account, "statement_folder", lambda: folder)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_transactions(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        shown = screen_text(app)
        assert f"Statement of account of {customer}" in shown
        assert "2026-01-01" in shown and "2026-03-14" in shown  # this year so far
        await pilot.press("enter")
        await settle(app, pilot)
        written = folder / f"statement-{customer}-2026-03-14.pdf"
        assert f"Statement saved: {written}" in notices(app)
    assert written.read_bytes().startswith(b"%PDF")


async def test_the_overview_says_the_balance_the_credit_left_and_the_limit(
    db: Database, db_path: Path
) -> None:
    """A credit not yet applied beside invoices still open, and a balance over the limit."""
    customer = seed_account(credit_limit="50")
    record_payment(PaymentInput(customer, "5", allocations=[]), OPERATOR)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"martin", "enter")
        await settle(app, pilot)
        top = screen_text(app).splitlines()[3:6]
        assert [line.rstrip() for line in top] == [
            " Balance           owes €65.00",
            " Unapplied credit  €5.00",
            " Credit limit      ⚠ exceeded: €65.00 owed, €50.00 allowed",
        ]
        # Once the credit is all the balance, the balance says it alone.
        await pilot.press("p")
        await settle(app, pilot)
        await type_text(pilot, "75")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        top = screen_text(app).splitlines()[3:5]
        assert [line.rstrip() for line in top] == [
            " Balance           has €10.00 of credit",
            " Credit limit      €0.00 of €50.00 used",
        ]


@pytest.fixture
def french() -> Iterator[None]:
    locale = Path(__file__).resolve().parents[2] / "tui" / "locale"
    install("fr", locale)
    yield
    install("en", locale)


@pytest.mark.usefixtures("french")
async def test_in_french_the_hint_and_the_footer_fit_80_columns(
    db_path: Path, customer: str
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_transactions(app, pilot)
        await pilot.press("up", "up", "up", "up", "up", "up")  # on an invoice: Enter opens
        await pilot.press("d", "ctrl+u", *"15/02/2026", "enter")  # Esc: back to today
        await settle(app, pilot)
        assert app.screen.query_one("#transactions-hint").size.height == 1
        footer = screen_text(app).splitlines()[-1]
        assert gettext("Today") != "Today", "the French catalog should translate it"
        for key in ("Open", "At a date…", "Payment", "Today", "Help", "Commands"):
            assert gettext(key) in footer, key
