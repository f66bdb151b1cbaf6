"""The printed business document, read back as a reader would (pypdf's text extraction):
what it says, on which page, and that odd data prints instead of failing."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.pdf import faces, render_document, write_document
from exports.pdf.printable import printable
from exports.pdf.wrapping import wrap
from models.document_view import DocumentView, LineColumns, Party, TotalRow, VatRow, ViewLine

COLUMNS = LineColumns(description="Désignation", quantity="Qté", unit="Unité",
                      unit_price="Prix unitaire HT", discount="Remise", vat_rate="TVA",
                      net="Montant HT")  # fmt: skip
MENTIONS = (
    "Indemnité forfaitaire pour frais de recouvrement : 40 €.",
    "Pénalités de retard : trois fois le taux d'intérêt légal. Pas d'escompte pour"
    " paiement anticipé. " * 4,
    "TVA non applicable, art. 293 B du CGI.",
)


def line(number: int, description: str = "", **fields: str) -> ViewLine:
    values = {"description": description or f"Article numéro {number}", "quantity": "2",
              "unit": "u", "unit_price": "12,50 €", "discount": "", "vat_rate": "20 %",
              "net": "25,00 €", **fields}  # fmt: skip
    return ViewLine(**values)


def quote(count: int = 3, **changes: object) -> DocumentView:
    """A French quote to a Greek customer with `count` lines, then `changes` applied."""
    view = DocumentView(
        kind="quote",
        language="fr",
        title="Devis",
        number="D-2026-0007",
        meta=(("Date", "12 mars 2026"), ("Validité", "11 avril 2026")),
        seller=Party(
            "Boulangerie Lefèvre & Fils",
            ("3, place de l'Église", "69002 Lyon"),
            (("SIREN", "912345674"), ("TVA", "FR32912345674")),
        ),
        buyer=Party("Παπαδόπουλος Α.Ε.", ("Οδός Ερμού 15", "105 63 Αθήνα"), heading="Client"),
        columns=COLUMNS,
        lines=tuple(line(n, code=f"ART-{n:03}") for n in range(1, count + 1)),
        vat_columns=("Taux", "Base HT", "TVA"),
        vat_rows=(VatRow("20 %", "1 234,56 €", "246,91 €"),),
        totals=(
            TotalRow("Total HT", "1 234,56 €"),
            TotalRow("TVA", "246,91 €"),
            TotalRow("Total TTC", "1 481,47 €", emphasis=True),
        ),
        mentions=MENTIONS,
        notes="Livraison sous huit jours ; œufs, crème fraîche et pâte feuilletée compris.",
        footer="Boulangerie Lefèvre & Fils SARL — RCS Lyon 912 345 674",
        page_label="Page {page} sur {pages}",
    )
    return replace(view, **changes)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Extracted text with line breaks and spacing evened out, for phrases that wrap."""
    return " ".join(text.split())


def test_a_quote_says_what_the_customer_reads() -> None:
    [text] = pages_text(render_document(quote()))
    for expected in ("Devis", "D-2026-0007", "Παπαδόπουλος Α.Ε.", "Οδός Ερμού 15",
                     "Boulangerie Lefèvre & Fils", "3, place de l'Église", "SIREN 912345674",
                     "Total TTC", "1 481,47 €", "246,91 €", "Base HT", "12 mars 2026",
                     "Article numéro 2", "ART-003", "Page 1 sur 1"):  # fmt: skip
        assert expected in text
    for mention in MENTIONS:
        assert flat(mention) in flat(text)
    assert flat(quote().notes) in flat(text)


def test_metadata_names_the_document() -> None:
    pdf = render_document(quote())
    reader = PdfReader(_stream(pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "Devis D-2026-0007"
    assert reader.metadata.creator == "Comptoir"


def test_the_font_is_embedded_as_a_subset() -> None:
    reader = PdfReader(_stream(render_document(quote())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = []
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        embedded = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_data()
        # Only the glyphs used: a few KB, where the whole face weighs ~140 KB.
        assert len(embedded) < 40_000
        names.append(str(font["/BaseFont"]))
    assert names and all(re.fullmatch(r"/[A-Z]{6}\+ComptoirSans.*", name) for name in names)


def test_sixty_lines_continue_on_a_second_page_under_the_column_titles() -> None:
    pages = pages_text(render_document(quote(count=60)))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in text
    assert "Désignation" in pages[1] and "Montant HT" in pages[1]
    printed = [int(n) for page in pages for n in re.findall(r"Article numéro (\d+)", page)]
    # Every line once, in order: none lost or repeated at the page break.
    assert printed == list(range(1, 61))
    last_line_page = next(n for n, page in enumerate(pages) if "Article numéro 60" in page)
    assert "Total TTC" in "".join(pages[last_line_page:])


def test_a_row_is_never_split_between_pages() -> None:
    tall = "Première ligne\nDeuxième ligne\nTroisième ligne\nQuatrième ligne"
    lines = tuple(line(n, tall if n % 5 == 0 else "") for n in range(1, 40))
    pages = pages_text(render_document(quote(lines=lines)))
    assert len(pages) >= 2
    for page in pages:
        # A tall row's four lines always print on one page.
        assert page.count("Première ligne") == page.count("Quatrième ligne")


def test_a_word_of_300_letters_wraps_and_prints_whole() -> None:
    word = "Αβγδεζηθικλμνξοπρστυφχψω" * 12 + "éèàç" * 3
    view = quote(buyer=Party(word[:120], ("x" * 200,)), lines=(line(1, word),))
    text = "".join(pages_text(render_document(view)))
    assert word in text.replace("\n", "")
    assert "x" * 200 in text.replace("\n", "")


def test_control_characters_and_missing_glyphs_print_as_replacement() -> None:
    name = "Dupont\x1b[31m SARL\x00 \u202e🍞 Müller\u200b"
    view = quote(buyer=Party(name, ("Rue\tdu\u00a0Four\r\nBâtiment B",)),
                 lines=(line(1, "Pain 🥖 tradition\x07", note="Four n°\u00a02 😀"),))  # fmt: skip
    text = "".join(pages_text(render_document(view)))
    assert "Dupont\ufffd[31m SARL\ufffd \ufffd Müller" in text
    assert "Pain \ufffd tradition\ufffd" in text
    assert "Bâtiment B" in text


def test_a_draft_says_so_on_every_page() -> None:
    view = quote(count=60, number="", draft_label="BROUILLON")
    pages = pages_text(render_document(view))
    assert len(pages) >= 2
    assert all("BROUILLON" in page for page in pages)
    assert "BROUILLON" not in "".join(pages_text(render_document(quote())))


def test_delivery_address_and_logo_print(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 20), "navy").save(logo)
    view = quote(delivery=Party("Entrepôt Nord", ("ZI des Flandres", "59000 Lille"),
                                heading="Livraison"), logo_path=str(logo))  # fmt: skip
    pdf = render_document(view)
    [text] = pages_text(pdf)
    assert "Livraison" in text and "Entrepôt Nord" in text and "59000 Lille" in text
    assert "/Subtype /Image" in pdf.decode("latin-1")


def test_an_unreadable_logo_does_not_stop_the_print(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture")
    [text] = pages_text(render_document(quote(logo_path=str(logo))))
    assert "Total TTC" in text


def test_write_document_creates_a_file_only_its_owner_reads(tmp_path: Path) -> None:
    target = tmp_path / "D-2026-0007.pdf"
    assert write_document(quote(), target) == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"%PDF-")
    assert os.listdir(tmp_path) == [target.name]


def test_a_failed_print_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "D-2026-0007.pdf"
    target.write_bytes(b"the previous copy")

    def disk_full(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_document(quote(), target)
    assert os.listdir(tmp_path) == [target.name]
    assert target.read_bytes() == b"the previous copy"


def test_importing_the_pdf_writer_does_not_load_fpdf() -> None:
    # fpdf2 takes 140–300 ms to import: the application must not pay it at start-up.
    code = "import sys, exports.pdf; print('fpdf' in sys.modules, 'fontTools' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.stdout.split() == ["False", "False"]


def test_faces_parsed_once_serve_every_later_document() -> None:
    # If this fails after an fpdf2 upgrade, printing still works (through add_font) but
    # ~10 ms slower: check exports/pdf/faces.py against the new TTFFont and update it.
    assert faces.reusable()
    first = quote(buyer=Party("Ζωή Ξενοφώντος"))
    second = quote(buyer=Party("Œuvres d'Ægir — Zoë Çelik"), number="D-2026-0008")
    texts = [pages_text(render_document(view))[0] for view in (first, second, first)]
    assert "Ζωή Ξενοφώντος" in texts[0] and "Ζωή Ξενοφώντος" in texts[2]
    assert "Œuvres d'Ægir — Zoë Çelik" in texts[1] and "D-2026-0008" in texts[1]
    assert "Ζωή" not in texts[1]


def test_printable_keeps_newlines_only_where_asked() -> None:
    covered = {ord(c) for c in "ab \n"} | {0xFFFD}
    assert printable("a\r\nb", covered, multiline=True) == "a\nb"
    assert printable("a\nb\tb", covered) == "a b b"
    assert printable("q\u0301", {ord("q")}) == "q"  # a mark the font lacks is dropped
    assert printable("\x01", {ord("a")}) == "?"  # no U+FFFD in the font either


def test_wrap_breaks_inside_a_word_only_when_it_must() -> None:
    assert wrap("un deux trois", 8, len) == ["un deux", "trois"]
    assert wrap("abcdefghij", 4, len) == ["abcd", "efgh", "ij"]
    assert wrap("taux de 20 %", 10, len) == ["taux de", "20 %"]
    assert wrap("le « Confort » ici", 12, len) == ["le", "« Confort »", "ici"]
    assert wrap("", 5, len) == [""]


def _stream(pdf: bytes) -> io.BytesIO:
    return io.BytesIO(pdf)
