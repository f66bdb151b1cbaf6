"""Batch printing (exports.pdf.batch.write_documents): worker processes, each on its own
connection to the database file, write one private PDF per document into the folder."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from peewee import Database
from pypdf import PdfReader

from exports.pdf.batch import file_name, write_documents
from models.errors import DatabaseSetupError, NotFound
from tests.exports.invoice_fixtures import french_company, greek_company, set_up_shop
from tests.models.sales_fixtures import issued_invoice, line, make_invoice


@pytest.fixture
def invoices(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Six issued invoices, French and English, and a draft: (id, number or "")."""
    set_up_shop(monkeypatch)
    customers = [french_company("fr"), greek_company("en")]
    made = [issued_invoice(customers[n % 2], line("CAF", str(n + 1))) for n in range(6)]
    draft = make_invoice(customers[0], line("MACH"))
    return [(record.id, record.number) for record in [*made, draft]]


def test_every_invoice_gets_its_own_private_file(
    invoices: list[tuple[int, str]], db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out" / "march"
    seen: list[tuple[int, int]] = []
    paths = write_documents([i for i, _ in invoices], folder, str(db_path), processes=2,
                            progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    names = [f"{number}.pdf" if number else f"draft-{i}.pdf" for i, number in invoices]
    assert [path.name for path in paths] == names
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    numbers = [number for _, number in invoices if number]
    assert len(numbers) == 6
    for path, (_, number) in zip(paths, invoices, strict=True):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages
        )
        if number:
            # Its own number, nobody else's.
            assert number in text
            assert [n for n in numbers if n in text] == [number]
        else:
            assert "Facture (brouillon)" in text or "Invoice draft" in text
    assert seen[0] == (0, 7) and seen[-1] == (7, 7)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_an_unknown_document_stops_the_batch_with_not_found(
    invoices: list[tuple[int, str]], db_path: Path, tmp_path: Path
) -> None:
    with pytest.raises(NotFound):
        write_documents([invoices[0][0], 9999], tmp_path / "out", str(db_path), processes=1)


def test_a_missing_database_is_refused_before_anything_starts(tmp_path: Path) -> None:
    with pytest.raises(DatabaseSetupError):
        write_documents([1], tmp_path / "out", str(tmp_path / "nowhere.db"))
    assert not (tmp_path / "out").exists()


def test_file_names_keep_to_safe_characters() -> None:
    assert file_name("F-2026-00012", 12) == "F-2026-00012.pdf"
    assert file_name("", 12) == "draft-12.pdf"
    assert file_name("F/2026/../12", 3) == "F_2026_.._12.pdf"
