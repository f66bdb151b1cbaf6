"""The invoice list driven by keys at 80×24: opened from the customers, narrowed by status,
text and period, sorted, paged, its totals, its actions and their refusals; and the
customer's Documents tab with invoices, credit notes and the balance. The clock is frozen
at 2026-03-14 (tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import app_for, screen_text, settle

from models.credit_notes import credit_invoice
from models.demo import demo_settings
from models.document_records import LineInput
from models.settings import save_settings
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, make_invoice


@pytest.fixture(autouse=True)
def instant_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each keystroke in the search reads the list at once: tests wait for workers."""
    import screens.customers
    import screens.period_filter_bar

    monkeypatch.setattr(screens.customers, "THROTTLE_S", 0)
    monkeypatch.setattr(screens.period_filter_bar, "THROTTLE_S", 0)


def service(price: str) -> LineInput:
    return LineInput(description="Prestation", unit_price=price, vat_rate="20")


@pytest.fixture
def shop(db: object) -> dict[str, str]:
    """Three issued invoices (overdue, open, partly credited), the credit note and a
    draft; amounts with VAT 120, 240, 360, −36 and 60."""
    save_settings(demo_settings())
    martin = add_customer("Boulangerie Martin", status="customer", terms="30d")
    garage = add_customer("Garage Dupuis", city="Nantes", terms="30d")
    fournil = add_customer("Fournil du Port", city="Marseille", terms="30d")
    # Dated before the frozen 14 March and due on 9 February: overdue.
    issued_invoice(martin, service("100"), date="2026-01-10", due_date="2026-02-09")
    issued_invoice(garage, service("200"), date="2026-02-20")  # due 22 March: open
    issued_invoice(fournil, service("300"), date="2026-03-01")
    credit_invoice("F-2026-00003", OPERATOR, amount="36")  # set against it: partly paid
    make_invoice(garage, service("50"), date="2026-03-10")
    return {"martin": martin, "garage": garage, "fournil": fournil}


async def open_invoices(app: App[Any], pilot: Pilot[Any]) -> None:
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "InvoicesScreen"


def listed(app: App[Any]) -> list[str]:
    """The numbers (or "draft #id") of the rows shown, top to bottom."""
    lines = screen_text(app).splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == ["Number"])
    rows = []
    for line in lines[start + 1 :]:
        words = line.split()
        if not words or not (words[0].startswith(("F-", "A-")) or words[0] == "draft"):
            break
        rows.append(" ".join(words[:2]) if words[0] == "draft" else words[0])
    return rows


async def test_every_invoice_and_credit_note_newest_first(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        shown = screen_text(app)
        assert listed(app) == [
            "A-2026-00001", "draft #5", "F-2026-00003", "F-2026-00002", "F-2026-00001",
        ]  # fmt: skip
        rows = {line.split()[0]: line for line in shown.splitlines() if line.strip()}
        assert "-€36.00" in rows["A-2026-00001"] and "applied" in rows["A-2026-00001"]
        assert "€360.00" in rows["F-2026-00003"] and "€324.00" in rows["F-2026-00003"]
        assert "partly paid" in rows["F-2026-00003"]
        assert "! overdue" in rows["F-2026-00001"]
        assert "open" in rows["F-2026-00002"]
        # The totals bar: every row the filter keeps, the credit note counted negative.
        # Open: 120 + 240 + 324; the draft owes nothing yet, the credit note is used up.
        assert ("5 documents · net €620.00  VAT €124.00  total €744.00  open €684.00"
                in shown)  # fmt: skip


async def test_the_totals_bar_sums_each_currency_apart(db_path: Path, shop: dict) -> None:
    from models.exchange_rates import set_rate

    set_rate("USD", "2026-03-01", "1.0850", OPERATOR)
    issued_invoice(shop["garage"], service("1000"), date="2026-03-12", currency="USD")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        shown = screen_text(app)
        row = next(line for line in shown.splitlines() if "F-2026-00004" in line)
        assert "US$1,200.00" in row
        # A column per sum, a line per currency, above the footer.
        bar = [line.split() for line in shown.splitlines()[-4:-1]]
        assert bar == [
            ["documents", "net", "VAT", "total", "open", "amount"],
            ["EUR", "5", "€620.00", "€124.00", "€744.00", "€684.00"],
            ["USD", "1", "US$1,000.00", "US$200.00", "US$1,200.00", "US$1,200.00"],
        ]


async def test_ctrl_t_narrows_to_the_overdue_invoices(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("ctrl+t")  # drafts
        await settle(app, pilot)
        assert listed(app) == ["draft #5"]
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")  # open, partly paid, overdue
        await settle(app, pilot)
        shown = screen_text(app)
        assert "status: overdue (Ctrl+T)" in shown
        assert listed(app) == ["F-2026-00001"]
        assert "1 document · net €100.00  VAT €20.00  total €120.00  open €120.00" in shown
        # The highlighted invoice in full, under the list.
        assert f"invoice · {shop['martin']} Boulangerie Martin · due 9 Feb 2026" in shown
        assert "33 days overdue" in shown
        await pilot.press("ctrl+t")  # paid: none
        await settle(app, pilot)
        assert listed(app) == []
        assert "No invoice or credit note matches." in screen_text(app)


async def test_typing_finds_a_customer_or_a_number(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await type_text(pilot, "garage")
        await settle(app, pilot)
        assert listed(app) == ["draft #5", "F-2026-00002"]
        assert "2 documents · net €250.00" in screen_text(app)
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "A-2026")
        await settle(app, pilot)
        assert listed(app) == ["A-2026-00001"]


async def test_a_period_keeps_what_is_dated_in_it(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("tab")  # to From
        await type_text(pilot, "01/02/2026")
        await pilot.press("enter")  # applied; on to the end of the period
        await settle(app, pilot)
        assert listed(app) == ["A-2026-00001", "draft #5", "F-2026-00003", "F-2026-00002"]
        await type_text(pilot, "2026-03-05")
        await pilot.press("enter")
        await settle(app, pilot)
        assert listed(app) == ["F-2026-00003", "F-2026-00002"]
        assert "2 documents · net €500.00" in screen_text(app)


async def test_a_date_that_cannot_be_read_is_said_and_the_list_stays(
    db_path: Path, shop: dict
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("tab")
        await type_text(pilot, "31/02/2026")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "From: Not a date" in screen_text(app)
        assert len(listed(app)) == 5
        await pilot.press("ctrl+u")
        await type_text(pilot, "10/03/2026")
        await pilot.press("enter")  # on to the end of the period
        await type_text(pilot, "01/03/2026")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "To: The period ends before it starts." in screen_text(app)
        await pilot.press("ctrl+u")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "period ends" not in screen_text(app)
        assert listed(app) == ["A-2026-00001", "draft #5"]


async def test_ctrl_o_sorts_and_ctrl_g_reverses(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert "highest number first (Ctrl+O)" in screen_text(app)
        assert listed(app)[:4] == ["F-2026-00003", "F-2026-00002", "F-2026-00001", "A-2026-00001"]
        await pilot.press("ctrl+o", "ctrl+o")  # by customer, then by due date
        await settle(app, pilot)
        shown = screen_text(app)
        assert "earliest due first" in shown
        # At 80 columns the due date takes the place of the date, so the order shows.
        assert " Number        Due " in shown and "09/02/26" in shown
        # The credit note has no due date: it comes last, whichever the direction.
        assert listed(app) == ["F-2026-00001", "F-2026-00002", "F-2026-00003", "draft #5",
                               "A-2026-00001"]  # fmt: skip
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert "largest total first" in screen_text(app)
        assert listed(app)[:3] == ["F-2026-00003", "F-2026-00002", "F-2026-00001"]
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert "smallest total first" in screen_text(app)
        # The credit note counts negative; a draft's total is not stored until issued.
        assert listed(app) == ["A-2026-00001", "F-2026-00001", "F-2026-00002", "F-2026-00003",
                               "draft #5"]  # fmt: skip


async def test_pages_load_as_the_cursor_reaches_the_end(
    db_path: Path, shop: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.invoices

    monkeypatch.setattr(screens.invoices, "PAGE", 2)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        assert listed(app) == ["A-2026-00001", "draft #5"]
        assert "2 shown, more below" in screen_text(app)
        assert "5 documents" in screen_text(app)  # the totals count them all
        await pilot.press("down", "down")  # to the list, then its last row
        await settle(app, pilot)
        assert listed(app) == ["A-2026-00001", "draft #5", "F-2026-00003", "F-2026-00002"]
        await pilot.press("down", "down")
        await settle(app, pilot)
        assert len(listed(app)) == 5
        assert "more below" not in screen_text(app)
        await pilot.press("ctrl+o")  # by number: the next pages come by offset
        await settle(app, pilot)
        await pilot.press("down", "down", "down")
        await settle(app, pilot)
        assert listed(app) == [
            "F-2026-00003", "F-2026-00002", "F-2026-00001", "A-2026-00001", "draft #5",
        ]  # fmt: skip


async def test_enter_opens_the_highlighted_invoice(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("down", "down", "down")  # F-2026-00003
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DocumentEditorScreen"
        assert app.screen.record.number == "F-2026-00003"
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InvoicesScreen"


async def test_ctrl_n_makes_a_new_invoice(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DocumentEditorScreen"
        assert app.screen.kind == "invoice" and app.screen.record is None


async def test_ctrl_r_previews_the_highlighted_document(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("down", "down", "down", "down")  # F-2026-00002
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DocumentPreviewScreen"
        assert "F-2026-00002" in screen_text(app)
        assert "Garage Dupuis" in screen_text(app)


async def test_credit_is_refused_for_a_draft_and_a_credit_note(
    db_path: Path, shop: dict
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("down")  # the credit note
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        await pilot.press("down")  # the draft
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        notices = [n.message for n in app._notifications]
        assert "A-2026-00001 is a credit note: credit the invoice it corrects." in notices
        assert any(n.startswith("draft #5 is a draft") for n in notices)
        assert type(app.screen).__name__ == "InvoicesScreen"


async def test_ctrl_k_credits_the_highlighted_invoice_and_the_list_follows(
    db_path: Path, shop: dict
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_invoices(app, pilot)
        await pilot.press("down", "down", "down", "down")  # F-2026-00002, €240.00 open
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CreditNoteScreen"
        await pilot.press("ctrl+s")  # the whole invoice
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InvoicesScreen"
        assert "Credit note A-2026-00002 issued." in [n.message for n in app._notifications]
        assert listed(app)[0] == "A-2026-00002"
        paid = next(line for line in screen_text(app).splitlines() if "F-2026-00002" in line)
        assert "paid" in paid and "partly" not in paid
        assert "open €444.00" in screen_text(app)  # 684 less the 240 credited


async def test_the_customer_documents_tab_lists_invoices_and_the_balance(
    db_path: Path, shop: dict
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await type_text(pilot, shop["fournil"])
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
        # Issued invoices less credit notes: 360 − 36.
        assert "Balance           owes €324.00" in screen_text(app)
        await pilot.press("2")
        await settle(app, pilot)
        rows = [line for line in screen_text(app).splitlines() if "-2026-" in line]
        assert "credit note" in rows[0] and "-€36.00" in rows[0] and "applied" in rows[0]
        assert "F-2026-00003" in rows[1] and "€324.00" in rows[1] and "partly paid" in rows[1]
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DocumentEditorScreen"
        assert app.screen.record.number == "A-2026-00001"


async def test_i_on_the_customer_makes_an_invoice_for_it(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await type_text(pilot, shop["martin"])
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        assert "! overdue" in screen_text(app)
        await pilot.press("i")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DocumentEditorScreen"
        assert app.screen.kind == "invoice"
        assert "Boulangerie Martin" in screen_text(app)
