"""`pdf_document`: printing a one-page quote, as the document editor's Print does.

The quote is built here from DocumentView directly (12 lines, a French seller, a Greek
customer, French and Greek text, two VAT rates, mentions), so the figure depends only on
the PDF engine. Figures:

- `pdf_document`: median / p95 of RUNS renders in this process, after a warm-up render
  (font files cached by the OS, fpdf2 and fontTools imported);
- `pdf_document_first`: the first render in a fresh interpreter, imports included: what
  the operator waits for on the first Print of a session;
- `pdf_import_ms`: `import fpdf` alone in a fresh interpreter, the part of the first
  render that lazy importing keeps out of the application's start-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.timing import summary
from models.document_view import (
    DocumentView,
    LineColumns,
    Party,
    TotalRow,
    VatRow,
    ViewLine,
)

RUNS = 60
ROOT = Path(__file__).resolve().parent.parent

_ITEMS = (
    ("PLB-014", "Mitigeur thermostatique de douche, finition chromée", "2", "u", "189,00 €",
     "", "20 %", "378,00 €", ""),
    ("PLB-220", "Flexible de douche anti-torsion 1,75 m", "2", "u", "24,90 €", "10 %",
     "20 %", "44,82 €", ""),
    ("", "Main-d'œuvre : dépose de l'ancienne robinetterie et pose des mitigeurs", "3,5",
     "h", "52,00 €", "", "10 %", "182,00 €", "Tarif du contrat d'entretien n° C-2024-117"),
    ("ELC-031", "Disjoncteur différentiel 30 mA, type A", "1", "u", "68,40 €", "", "20 %",
     "68,40 €", ""),
    ("ELC-108", "Câble R2V 3G2,5 — couronne de 50 m", "1", "u", "96,00 €", "5 %", "20 %",
     "91,20 €", ""),
    ("", "Déplacement (zone 2)", "1", "forfait", "35,00 €", "", "20 %", "35,00 €", ""),
    ("CHF-440", "Thermostat d'ambiance programmable sans fil", "1", "u", "149,00 €", "",
     "20 %", "149,00 €", ""),
    ("CHF-012", "Robinet thermostatique de radiateur « Confort »", "4", "u", "32,50 €",
     "", "20 %", "130,00 €", ""),
    ("", "Εργασία: έλεγχος εγκατάστασης θέρμανσης (Παπαδόπουλος)", "2", "h", "52,00 €", "",
     "10 %", "104,00 €", ""),
    ("PLB-301", "Joint fibre 20×27, sachet de 10", "3", "sachet", "4,20 €", "", "20 %",
     "12,60 €", ""),
    ("QNC-001", "Quincaillerie et petites fournitures", "1", "lot", "18,00 €", "", "20 %",
     "18,00 €", ""),
    ("", "Mise en service et essais, nettoyage du chantier", "1", "h", "52,00 €", "",
     "10 %", "52,00 €", ""),
)  # fmt: skip


def sample_quote() -> DocumentView:
    """A realistic one-page quote: what a plumber-electrician sends a Greek customer."""
    lines = tuple(
        ViewLine(
            description=d,
            quantity=q,
            unit=u,
            unit_price=p,
            discount=r,
            vat_rate=v,
            net=n,
            code=c,
            note=note,
        )
        for c, d, q, u, p, r, v, n, note in _ITEMS
    )
    return DocumentView(
        kind="quote",
        language="fr",
        title="Devis",
        number="D-2026-0042",
        meta=(
            ("Date", "12 mars 2026"),
            ("Valable jusqu'au", "11 avril 2026"),
            ("N° client", "C-004512"),
            ("Votre contact", "Élodie Marchand"),
        ),
        seller=Party(
            name="Sanitaires & Chauffage Lefèvre SARL",
            address=("14, rue des Tanneurs", "69007 Lyon", "France"),
            identifiers=(
                ("SIREN", "912 345 674"),
                ("TVA", "FR32912345674"),
                ("Tél.", "04 78 12 34 56"),
            ),
        ),
        buyer=Party(
            name="Παπαδόπουλος Α.Ε.",
            address=("Λεωφόρος Βασιλίσσης Σοφίας 12", "106 74 Αθήνα", "Ελλάδα"),
            identifiers=(("TVA", "EL094259216"),),
            heading="Client",
        ),
        columns=LineColumns(
            description="Désignation",
            quantity="Qté",
            unit="Unité",
            unit_price="Prix unit. HT",
            discount="Remise",
            vat_rate="TVA",
            net="Montant HT",
        ),
        lines=lines,
        vat_columns=("Taux", "Base HT", "TVA"),
        vat_rows=(
            VatRow("10 %", "338,00 €", "33,80 €"),
            VatRow("20 %", "927,02 €", "185,40 €"),
        ),
        totals=(
            TotalRow("Total HT", "1 265,02 €"),
            TotalRow("TVA", "219,20 €"),
            TotalRow("Total TTC", "1 484,22 €", emphasis=True),
        ),
        mentions=(
            "Devis gratuit, valable 30 jours. Acompte de 30 % à la commande.",
            "En cas de retard de paiement, pénalités au taux de 3 fois le taux d'intérêt"
            " légal et indemnité forfaitaire pour frais de recouvrement : 40 €.",
        ),
        notes="Travaux prévus la semaine du 23 mars, sous réserve de disponibilité du"
        " matériel. Accès au local technique par la cour.",
        footer="Sanitaires & Chauffage Lefèvre SARL au capital de 20 000 € — RCS Lyon"
        " 912 345 674 — IBAN FR76 3000 6000 0112 3456 7890 189",
        page_label="Page {page} sur {pages}",
    )


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    from exports.pdf.document import render_document

    view = sample_quote()
    render_document(view)
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter_ns()
        render_document(view)
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return [
        summary("pdf_document", samples),
        {"bench": "pdf_document_first", "value": _fresh_ms(_FIRST_RENDER), "unit": "ms"},
        {"bench": "pdf_import_ms", "value": _fresh_ms(_IMPORT_FPDF), "unit": "ms"},
    ]


_FIRST_RENDER = """
import time
from bench.pdf_document import sample_quote
from exports.pdf.document import render_document
view = sample_quote()
started = time.perf_counter_ns()
render_document(view)
print((time.perf_counter_ns() - started) / 1e6)
"""
_IMPORT_FPDF = """
import time
started = time.perf_counter_ns()
import fpdf
print((time.perf_counter_ns() - started) / 1e6)
"""


def _fresh_ms(code: str) -> float | None:
    """What `code` prints, run in a new interpreter (the median of three, since one cold
    start is noisy); None if it failed: a benchmark reports, it never fails."""
    values = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                              text=True, check=False)  # fmt: skip
        try:
            values.append(float(done.stdout.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            return None
    return round(sorted(values)[1], 1)


if __name__ == "__main__":
    for figure in run(Path(), 0):
        print(json.dumps(figure, ensure_ascii=False))
