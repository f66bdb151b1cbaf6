"""The customer import as a service: encodings, separators, French headers, bad rows by
line, dry runs, batches that are all-or-nothing, and reading back the CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import Database

from models import customer_import
from models.customer_import import import_customers
from models.customers import customer_history, get_customer
from models.errors import ValidationError
from models.search import search_customers
from models.tables import Counter, Customer, CustomerEvent

ENGLISH = (
    "name,email,phone,street,postal_code,city,country,siren,notes\n"
    "Boulangerie Martin,contact@martin.fr,06 12 34 56 78,12 rue de la Roquette,75011,Paris,"
    "FR,732 829 320,Livraison le mardi\n"
    "Bakkerij de Vries,,+31 20 123 4567,Kerkstraat 1,1017 GC,Amsterdam,NL,,\n"
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_utf8_with_bom_imports_every_row_through_the_counter(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, ENGLISH, "utf-8-sig", "clients.csv")
    report = import_customers(path, "alice")
    assert (report.imported, report.rejected, report.encoding) == (2, (), "utf-8-sig")
    assert report.numbers == ("C000001", "C000002")
    martin = get_customer("C000001")
    assert (martin.name, martin.siren, martin.phone_e164) == (
        "Boulangerie Martin", "732829320", "+33612345678")  # fmt: skip
    assert get_customer("C000002").postal_code == "1017 GC"
    created = customer_history("C000001")[-1]
    assert (created.kind, created.operator, created.summary) == (
        "created", "alice", "imported from clients.csv")  # fmt: skip
    assert [hit.number for hit in search_customers("livraison")] == ["C000001"]
    assert Counter.get_by_id("customer").value == 2


def test_windows_1252_semicolons_and_french_headers(db: Database, tmp_path: Path) -> None:
    text = (
        "Raison sociale;Code postal;Ville;Téléphone;N° TVA;Remarques;Type;Statut;"
        "Mode de règlement;Conditions;Pays\r\n"
        "Épicerie Dupré;69002;Lyon;04 78 00 00 00;FR44732829320;Très fidèle;Société;Client;"
        "Virement;30 jours fin de mois;France\r\n"
        "Hélène Durand;13001;Marseille;;;;Particulier;Prospect;Chèque;à réception;FRANCE\r\n"
    )
    report = import_customers(_write(tmp_path, text, "cp1252"), "alice")
    assert (report.imported, report.rejected) == (2, ())
    assert (report.encoding, report.delimiter) == ("cp1252", ";")
    shop, person = get_customer("C000001"), get_customer("C000002")
    assert (shop.name, shop.notes, shop.vat, shop.status) == (
        "Épicerie Dupré", "Très fidèle", "FR44732829320", "customer")  # fmt: skip
    assert (shop.kind, shop.payment_method, shop.terms) == ("company", "transfer", "30eom")
    assert (person.kind, person.payment_method, person.terms, person.country) == (
        "individual", "cheque", "receipt", "FR")  # fmt: skip


def test_bad_rows_are_reported_by_line_and_left_out(db: Database, tmp_path: Path) -> None:
    text = (
        "name,postal_code,city,email,notes\n"
        'Alpha,75011,Paris,,"two\nlines"\n'  # lines 2-3
        "Beta,7501,Paris,beta@,\n"  # line 4
        "\n"  # line 5: blank, skipped
        ",75011,Paris,,\n"  # line 6
        "Gamma,75011,Paris,,,surplus\n"  # line 7
        "Delta,75012,Paris,,\n"  # line 8
    )
    report = import_customers(_write(tmp_path, text), "alice")
    assert report.imported == 2
    assert [(r.line, sorted(r.errors)) for r in report.rejected] == [
        (4, ["email", "postal_code"]), (6, ["name"]), (7, ["line"])]  # fmt: skip
    assert report.rejected[0].errors["postal_code"] == "Postcode for FR: 5 digits, e.g. 75011."
    assert [c.name for c in Customer.select().order_by(Customer.id)] == ["Alpha", "Delta"]


def test_unknown_and_not_imported_columns_are_named_once(db: Database, tmp_path: Path) -> None:
    text = "number,Nom,Fax,balance,Fax\nC000042,Alpha,01,12.00,02\nC000043,Beta,03,0.00,04\n"
    report = import_customers(_write(tmp_path, text), "alice")
    assert report.unknown_columns == ("Fax",)
    assert report.not_imported_columns == ("number", "balance")
    # Numbers come from the counter, never from the file.
    assert report.numbers == ("C000001", "C000002")


def test_dry_run_validates_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    text = "name,postal_code,city\nAlpha,75011,Paris\nBeta,1,Paris\n"
    report = import_customers(_write(tmp_path, text), "alice", dry_run=True)
    assert (report.imported, [r.line for r in report.rejected], report.dry_run) == (1, [3], True)
    assert Customer.select().count() == 0 and CustomerEvent.select().count() == 0
    assert Counter.get_or_none(Counter.name == "customer") is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty"), ("email,city\nx@y.fr,Paris\n", "name"), ('name\n"unclosed\n', None)],
)
def test_a_file_that_is_no_customer_list_is_refused(
    db: Database, tmp_path: Path, text: str, reason: str | None
) -> None:
    with pytest.raises(ValidationError) as caught:
        import_customers(_write(tmp_path, text), "alice")
    assert caught.value.field == "file"
    if reason:
        assert reason in caught.value.errors["file"]


def test_missing_file_is_invalid_input(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        import_customers(tmp_path / "nowhere.csv", "alice")
    assert caught.value.field == "file"


def test_a_crash_mid_batch_keeps_earlier_batches_and_no_half_batch(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(customer_import, "BATCH", 2)
    real = customer_import.insert_validated_customer
    calls = []

    def failing_third(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(customer_import, "insert_validated_customer", failing_third)
    text = "name\nA\nB\nC\nD\n"
    with pytest.raises(RuntimeError):
        import_customers(_write(tmp_path, text), "alice")
    assert [c.name for c in Customer.select().order_by(Customer.id)] == ["A", "B"]
    assert Counter.get_by_id("customer").value == 2
    assert CustomerEvent.select().count() == 2


def test_progress_is_reported_per_batch(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(customer_import, "BATCH", 2)
    seen: list[tuple[int, int]] = []
    import_customers(
        _write(tmp_path, "name\nA\nB\nC\n"), "alice", progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(2, 3), (3, 3)]


def test_the_csv_export_reads_back_as_it_was(db: Database, tmp_path: Path) -> None:
    from exports.customers_csv import export_customers_csv
    from models.customer_records import ContactInput, CustomerInput
    from models.customers import create_customer, set_active

    create_customer(CustomerInput(
        name="Παπαδόπουλος Α.Ε.", country="GR", street="Οδός Εγνατίας 10\nΚτίριο Β",
        postal_code="54621", city="Θεσσαλονίκη", phone="+30 2310 123456",
        vat="EL094259216", credit_limit="1500.5", language="el", notes='Dit "hello", ok; ja',
        delivery_street="Λιμάνι", delivery_postal_code="54625", delivery_city="Θεσσαλονίκη",
        contacts=(ContactInput("Νίκος", "λογιστής", "+30 2310 123457", "nikos@example.gr"),
                  ContactInput("Μαρία", "", "", "maria@example.gr")),
    ), "alice")  # fmt: skip
    create_customer(
        CustomerInput(
            name="Dupont [SARL]",
            postal_code="75011",
            city="Paris",
            status="customer",
            birth_date="1970-03-31",
        ),
        "alice",
    )
    set_active("C000002", False, "alice")
    out = tmp_path / "export.csv"
    export_customers_csv(out)
    assert out.stat().st_mode & 0o777 == 0o600
    before = [_comparable(n) for n in ("C000001", "C000002")]
    database_two = tmp_path / "two.db"
    from models.migrations import open_database

    open_database(str(database_two))
    report = import_customers(out, "bob")
    assert (report.imported, report.rejected) == (2, ())
    assert [_comparable(n) for n in report.numbers] == before


def _comparable(number: str) -> dict[str, object]:
    record = get_customer(number)
    skip = {"id", "number", "created_at", "created_by", "updated_at", "updated_by", "version"}
    return {k: v for k, v in record.__dict__.items() if k not in skip}
