"""The printed statement of account, read back as its reader would (pypdf): the balance
brought forward, every movement of the period with the balance after it, the closing
balance, what is still open and how late, in the customer's language and locale; over
several pages with the column titles again; and every customer's at once."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

import pytest
from peewee import Database
from pypdf import PdfReader

from exports.pdf.statement import write_statement
from exports.pdf.statement_batch import statement_file_name, write_statements
from models.credit_notes import credit_invoice
from models.errors import NotFound, ValidationError
from models.i18n import translator
from models.payments import PaymentInput, record_payment, refund, reverse_payment
from models.statements import statement, statement_period
from tests.exports.invoice_fixtures import flat, french_company, greek_company, set_up_shop
from tests.models.sales_fixtures import OPERATOR, TODAY, add_customer, issued_invoice, line

FR = translator("fr")


def pay(customer: str, amount: str, day: str, method: str, **fields: object) -> int:
    return record_payment(PaymentInput(customer, amount, date=day, method=method, **fields),  # type: ignore[arg-type]
                          OPERATOR).id  # fmt: skip


@pytest.fixture
def cafe(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    """A French café paying at 30 days, its account from December to 14 March 2026: an
    invoice of 1 481.40 before the period, then a payment, an invoice partly credited, a
    cheque that bounced, a second invoice, a payment leaving 118.60 of credit and a
    refund of 18.60 of it."""
    set_up_shop(monkeypatch, company_iban="FR7630006000011234567890189", company_bic="AGRIFRPP")
    customer = french_company("fr", terms="30d")
    first = issued_invoice(customer, line("MACH"), date="2025-12-10")
    pay(customer, "1000.00", "2026-01-05", "transfer", reference="VIR 0105")
    second = issued_invoice(customer, line("CAF", "10"), date="2026-01-20", reference="BC-77")
    credit_invoice(second.number, OPERATOR, amount="10.00", date="2026-02-02")
    cheque = pay(customer, "200.00", "2026-02-15", "cheque")
    reverse_payment(str(cheque), OPERATOR, date="2026-02-20", reason="sans provision")
    issued_invoice(customer, line("MACH", "2"), date="2026-03-01")
    pay(customer, "600.00", "2026-03-05", "transfer", allocations=[(first.number, "")])
    refund(customer, "18.60", OPERATOR, date="2026-03-10", method="transfer")
    return customer


def pages(pdf: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages]


def test_a_french_customer_reads_its_account_in_french(cafe: str, tmp_path: Path) -> None:
    path = write_statement(cafe, tmp_path / "statement.pdf")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [text] = pages(path)
    by_transfer = FR("Payment by {method}").format(method="virement")
    movements = [
        f"{FR('Statement of account')} {FR('From {start} to {end}')}".format(
            start="01/01/2026", end="14/03/2026"
        ),
        "Date 14/03/2026 Numéro client C000001 Devise EUR",
        f"Date Document Description {FR('Debits')} {FR('Credits')} Solde",
        f"01/01/2026 {FR('Opening balance')} 1 481,40",
        f"05/01/2026 #1 {by_transfer} · VIR 0105 1 000,00 481,40",
        f"20/01/2026 F-2026-00001 Facture · {FR('Your reference')} BC-77 44,31 525,71",
        f"02/02/2026 A-2026-00001 "
        f"{FR('Credit note on {invoice}').format(invoice='F-2026-00001')} 10,00 515,71",
        f"15/02/2026 #2 {FR('Payment by {method}').format(method='chèque')} 200,00 315,71",
        f"20/02/2026 #3 {FR('Reversal of {reference}').format(reference='#2')} 200,00 515,71",
        "01/03/2026 F-2026-00002 Facture 2 962,80 3 478,51",
        f"05/03/2026 #4 {by_transfer} 600,00 2 878,51",
        f"10/03/2026 #5 {FR('Refund by {method}').format(method='virement')} 18,60 2 897,11",
        f"14/03/2026 {FR('Closing balance')} 2 897,11",
        # Open on the last day: the partly credited invoice, 23 days late; the second,
        # not yet due. The credit left is taken off, so the items add up to the total.
        FR("Open items on {date}").format(date="14/03/2026"),
        f"Numéro Date Échéance {FR('Amount')} Reste dû {FR('Days overdue')}",
        "F-2026-00001 20/01/2026 19/02/2026 44,31 34,31 23",
        "F-2026-00002 01/03/2026 31/03/2026 2 962,80 2 962,80",
        f"{FR('Unapplied credit')} -100,00 € {FR('Total due')} 2 897,11 €",
        "IBAN FR76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP",
        "Page 1 sur 1",
    ]
    at = 0
    for expected in movements:
        found = text.find(expected, at)
        assert found >= 0, f"{expected!r} not after {text[at - 80 : at]!r}"
        at = found + len(expected)
    # The invoice of December is in the opening balance, not among the movements, and the
    # allocations between entries are not movements.
    assert "F-2025" not in text


def test_a_greek_customer_gets_its_name_in_greek_and_its_figures_the_greek_way(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_up_shop(monkeypatch)
    customer = greek_company("el")
    issued_invoice(customer, line("MACH"), date="2026-02-10")
    pay(customer, "481.40", "2026-02-20", "transfer")
    [text] = pages(write_statement(customer, tmp_path / "el.pdf", dt.date(2026, 2, 1)))
    # No Greek catalog yet: English words, Greek letters, Greek amounts and dates.
    assert "Παπαδόπουλος Α.Ε. Οδός Ερμού 15 105 63 Αθήνα Greece" in text
    assert "Statement of account From 01/02/2026 to 14/03/2026" in text
    assert "Opening balance 0,00" in text
    assert "10/02/2026 F-2026-00001 Invoice 1.481,40 1.481,40" in text
    assert "20/02/2026 #1 Payment by bank transfer 481,40 1.000,00" in text
    assert "Total due 1.000,00 €" in text


def test_a_long_statement_continues_over_pages_under_its_column_titles(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_up_shop(monkeypatch)
    customer = french_company("en")
    issued_invoice(customer, line("MACH"), date="2026-03-02")
    ticket = "Ticket {n:02d} handed over at the counter by the manager himself"
    for n in range(1, 21):
        pay(customer, "1.00", "2026-03-03", "cash", reference=ticket.format(n=n))
    printed = pages(write_statement(customer, tmp_path / "long.pdf"))
    assert len(printed) >= 2
    header = "Date Document Description Debits Credits Balance"
    for page in printed[:2]:
        assert page.count(header) == 1
    running = "Statement of account · C000001 Café de la Gare · From 1 Jan 2026 to 14 Mar 2026"
    assert printed[1].startswith(running)
    text = " ".join(printed)
    # Every payment once, in order, its reference wrapped whole, the balance going down.
    at = 0
    for n in range(1, 21):
        row = f"3 Mar 2026 #{n} Payment by cash · {ticket.format(n=n)} 1.00 {1481.40 - n:,.2f}"
        at = text.index(row, at) + len(row)
    assert text.index("14 Mar 2026 Closing balance 1,461.40", at)
    assert f"Page 1 of {len(printed)}" in printed[0]


def test_an_empty_period_says_so_and_a_period_must_make_sense(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_shop(monkeypatch)
    customer = add_customer("Quiet Ltd", language="en")
    printed = statement(customer)
    # By default: from the first of the month two months back, up to today.
    assert (printed.date_from, printed.date_to) == (dt.date(2026, 1, 1), TODAY)
    assert [line.description for line in printed.lines] == ["Opening balance", "Closing balance"]
    assert printed.items == () and printed.payment is None
    assert statement_period(None, dt.date(2026, 1, 31)) == (dt.date(2025, 11, 1),
                                                             dt.date(2026, 1, 31))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        statement(customer, dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    assert refused.value.field == "date_from"
    with pytest.raises(ValidationError) as refused:
        statement(customer, None, dt.date(2026, 3, 15))
    assert refused.value.field == "date_to"
    with pytest.raises(NotFound):
        statement("C999999")


def test_the_batch_writes_one_statement_per_customer_with_a_balance(
    cafe: str, db_path: Path, tmp_path: Path
) -> None:
    greek = greek_company("el")
    issued_invoice(greek, line("CAF"), date="2026-03-12")
    settled = add_customer("Soldé SARL")
    issued_invoice(settled, line("CAF"), date="2026-03-12")
    pay(settled, "4.43", "2026-03-13", "cash")
    seen: list[tuple[int, int]] = []
    folder = tmp_path / "statements"
    paths = write_statements(folder, str(db_path), None, None, processes=1,
                             progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert [path.name for path in paths] == [
        "C000001-cafe-de-la-gare.pdf", "C000002-παπαδοπουλος-α-ε.pdf"
    ]  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    cafe_text, greek_text = (" ".join(pages(path)) for path in paths)
    assert "Café de la Gare" in cafe_text and "2 897,11 €" in cafe_text
    assert "Παπαδόπουλος Α.Ε." in greek_text and "Total due 4,43 €" in greek_text
    with pytest.raises(ValidationError):
        write_statements(folder, str(db_path), dt.date(2026, 3, 1), dt.date(2026, 2, 1))


def test_file_names_keep_to_safe_characters() -> None:
    assert statement_file_name("C000012", "Café de la Gare") == "C000012-cafe-de-la-gare.pdf"
    assert statement_file_name("C000013", "../../etc/passwd") == "C000013-etc-passwd.pdf"
    assert statement_file_name("C000014", "***") == "C000014.pdf"
