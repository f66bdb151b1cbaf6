"""The payment list and its sums: newest first, each row with what it allocated and what
is left, filters by customer, text, method, period, kind and credit left, keyset and
offset paging, and totals per currency that add up a payment and its reversal to
nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from models.exchange_rates import set_rate
from models.payment_lists import PaymentTotals, list_payments, sum_payments
from models.payments import PaymentInput, record_payment, refund, reverse_payment
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, open_shop


@pytest.fixture
def ledger(db: object, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Martin: invoice 120, paid 50 by card (#1) then 100 by transfer (#2, 30 left over),
    10 refunded from #2 (#3). Dupuis: invoice 240 paid by cheque (#4), reversed (#5).
    Fournil: 80 USD received (#6)."""
    open_shop(monkeypatch)
    martin = add_customer("Boulangerie Martin", status="customer")
    dupuis = add_customer("Garage Dupuis", city="Nantes")
    fournil = add_customer("Fournil du Port", city="Marseille")
    issued_invoice(martin, line(description="Pain", unit_price="100", vat_rate="20"),
                   date="2026-03-01")  # fmt: skip
    issued_invoice(dupuis, line(description="Pneus", unit_price="200", vat_rate="20"),
                   date="2026-03-01")  # fmt: skip
    record_payment(PaymentInput(martin, "50", date="2026-03-02", method="card"), OPERATOR)
    record_payment(
        PaymentInput(martin, "100", date="2026-03-05", method="transfer", reference="VIR 0042"),
        OPERATOR,
    )
    refund(martin, "10", OPERATOR, date="2026-03-06", method="cash", sources=["#2"])
    record_payment(PaymentInput(dupuis, "240", date="2026-03-07", method="cheque"), OPERATOR)
    reverse_payment("#4", OPERATOR, date="2026-03-08", reason="cheque bounced")
    set_rate("USD", "2026-03-01", "0.9", OPERATOR)
    record_payment(
        PaymentInput(fournil, "80", date="2026-03-09", currency="USD", method="transfer"),
        OPERATOR,
    )
    return {"martin": martin, "dupuis": dupuis, "fournil": fournil}


def ids(rows: list) -> list[int]:
    return [row.id for row in rows]


def test_newest_first_with_what_each_allocated(ledger: dict[str, str]) -> None:
    rows = list_payments()
    assert ids(rows) == [6, 5, 4, 3, 2, 1]
    by_id = {row.id: row for row in rows}
    assert (by_id[2].allocated, by_id[2].unallocated) == (8000, 2000)  # 70 owed, 10 refunded
    assert by_id[2].reference == "VIR 0042" and by_id[2].method == "transfer"
    assert (by_id[3].kind, by_id[3].direction, by_id[3].signed_amount) == ("refund", "out", -1000)
    assert by_id[3].unallocated == 0  # covered by #2
    assert (by_id[4].reversed_by, by_id[5].reverses, by_id[5].kind) == (5, 4, "reversal")
    assert by_id[4].unallocated == 0 and by_id[5].note == "cheque bounced"
    assert (by_id[6].currency, by_id[6].unallocated) == ("USD", 8000)
    assert by_id[1].customer == ledger["martin"] and by_id[1].name == "Boulangerie Martin"
    assert by_id[1].date == dt.date(2026, 3, 2)


def test_filters(ledger: dict[str, str]) -> None:
    assert ids(list_payments(customer=ledger["dupuis"])) == [5, 4]
    assert ids(list_payments(text="garage")) == [5, 4]
    assert ids(list_payments(text="vir 00")) == [2]  # the reference, any case
    assert ids(list_payments(text="#3")) == [3]
    assert ids(list_payments(method="card")) == [1]
    assert ids(list_payments(date_from=dt.date(2026, 3, 5), date_to=dt.date(2026, 3, 7))) == [
        4, 3, 2,
    ]  # fmt: skip
    assert ids(list_payments(kinds=("refund", "reversal"))) == [5, 3]
    assert ids(list_payments(with_credit=True)) == [6, 2]


def test_pages_by_key_or_offset(ledger: dict[str, str]) -> None:
    first = list_payments(limit=4)
    last = first[-1]
    assert ids(list_payments(limit=4, before=(last.date, last.id))) == [2, 1]
    assert ids(list_payments(limit=4, offset=4)) == [2, 1]


def test_sums_per_currency(ledger: dict[str, str]) -> None:
    assert sum_payments() == [
        # In 50 + 100 + 240, out 10 + 240; credit left: 20 on #2.
        PaymentTotals("EUR", 5, 39000, 25000, 2000),
        PaymentTotals("USD", 1, 8000, 0, 8000),
    ]
    [dupuis] = sum_payments(customer=ledger["dupuis"])
    assert (dupuis.count, dupuis.net, dupuis.unallocated) == (2, 0, 0)


def test_an_unknown_kind_is_refused(ledger: dict[str, str]) -> None:
    from models.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        list_payments(kinds=("gift",))
    assert "kinds" in refused.value.errors


def test_what_a_credit_settled_net_of_moves(ledger: dict[str, str]) -> None:
    """Payment #1 paid 50 on F-2026-00001 and #2 the other 70; a credit note on
    F-2026-00002 (240, reversed payment: open) settles it; unknown sources settle none."""
    from models.credit_notes import credit_invoice
    from models.payment_lists import SettledInvoice, invoices_settled_by

    assert invoices_settled_by("#1") == [
        SettledInvoice("F-2026-00001", dt.date(2026, 3, 1), 5000, "EUR")
    ]
    assert invoices_settled_by("2") == [
        SettledInvoice("F-2026-00001", dt.date(2026, 3, 1), 7000, "EUR")
    ]
    assert invoices_settled_by("#4") == []  # reversed: all taken back
    note = credit_invoice("F-2026-00002", OPERATOR, amount="24")
    assert invoices_settled_by(note.number.lower()) == [
        SettledInvoice("F-2026-00002", dt.date(2026, 3, 1), 2400, "EUR")
    ]
    assert invoices_settled_by("A-1999-00001") == []
