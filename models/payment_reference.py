"""What a bank transfer needs to find its invoice again: the ISO 11649 creditor reference
derived from the invoice number, and the EPC069-12 ("GiroCode") text a banking app reads
from the invoice's QR code.

Banks carry a structured creditor reference unchanged to the seller's statement, where a
free text is often cut or rewritten: the reference is what lets a payment be matched to
its invoice automatically later. So the QR code carries the reference and no text.
"""

from __future__ import annotations

from stdnum.iso7064 import mod_97_10

from models.money import minor_to_text

# ISO 11649: "RF", two check digits, then 1 to 21 letters or digits.
REFERENCE_BODY_MAX = 21
# EPC069-12: the beneficiary's name is at most 70 characters, the amount at most
# 999 999 999.99 euros.
NAME_MAX = 70
AMOUNT_MAX = 99_999_999_999


def creditor_reference(number: str) -> str:
    """The compact RF reference of a document number: its letters and digits, upper case,
    behind "RF" and the mod-97 check digits ("F-2026-00012" → "RF30F202600012"); "" when
    the number keeps no letter or digit, or more than 21 of them (a custom series too long
    for a reference)."""
    body = "".join(char for char in number.upper() if char.isascii() and char.isalnum())
    if not body or len(body) > REFERENCE_BODY_MAX:
        return ""
    # The check digits are those that make body + "RF" + digits ≡ 1 (mod 97), letters
    # counted A=10 … Z=35: ISO 7064 MOD 97-10, as for an IBAN.
    return f"RF{mod_97_10.calc_check_digits(body + 'RF')}{body}"


def formatted(reference: str) -> str:
    """A reference in groups of four, as printed for someone typing it: "RF30 F202 6000 12"."""
    return " ".join(reference[start : start + 4] for start in range(0, len(reference), 4))


def epc_payload(name: str, iban: str, bic: str, open_amount: int, reference: str) -> str:
    """The EPC069-12 version 002 text for a SEPA credit transfer of `open_amount` euro
    cents to `iban`, with `reference` as the structured remittance information: one field
    a line (service tag, version, character set 1 = UTF-8, SCT, BIC, beneficiary, IBAN,
    amount, purpose, reference), the empty trailing text and information fields left out
    as the standard allows. `name` is cut to 70 characters, `iban` and `bic` compacted.
    Raises ValueError for an amount a transfer cannot carry."""
    if not 0 < open_amount <= AMOUNT_MAX:
        raise ValueError(f"an EPC transfer carries 0.01 to 999999999.99 EUR, not {open_amount}")
    fields = (
        "BCD",
        "002",
        "1",
        "SCT",
        _compact(bic),
        " ".join(name.split())[:NAME_MAX].rstrip(),
        _compact(iban),
        f"EUR{minor_to_text(open_amount, 'EUR')}",
        "",
        reference,
    )
    return "\n".join(fields)


def _compact(code: str) -> str:
    return "".join(code.split()).upper()
