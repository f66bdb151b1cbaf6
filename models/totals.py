"""Document arithmetic, the EN 16931 way, for every document type: the screen, the CLI,
the PDF and (later) the XML all take their figures from here.

- A line's net amount is quantity × unit price less the line discount, rounded half-up
  to the currency's decimals once, on the line (BR-LIN-04 / BR-CO-10).
- VAT is computed per rate on the sum of the line nets of that rate, then rounded
  (BR-CO-17), never summed from per-line VAT.
- Total without VAT = Σ line nets (BR-CO-13); total VAT = Σ VAT per rate (BR-CO-14);
  total with VAT = the two added (BR-CO-15).

Amounts in and out are integer minor units; prices, quantities and rates are Decimal.
Nothing here ever sees a float.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from models.money import from_minor, to_minor
from models.tax_treatments import charges_vat

_HUNDRED = Decimal(100)
_RATE_QUANTUM = Decimal("0.01")


@dataclass(frozen=True)
class VatGroup:
    """One rate of the breakdown: the taxable base and the VAT on it, in minor units."""

    rate: Decimal
    base: int
    vat: int


@dataclass(frozen=True)
class Totals:
    currency: str
    net: int
    vat_groups: tuple[VatGroup, ...]
    tax: int
    total: int


def line_net(quantity: Decimal, unit_price: Decimal, discount: Decimal, currency: str) -> int:
    """The line's net amount in minor units: quantity × price × (1 − discount %), rounded
    once. A discount is a percentage from 0 to 100."""
    gross = quantity * unit_price
    return to_minor(gross * (_HUNDRED - discount) / _HUNDRED, currency)


def effective_rate(vat_rate: Decimal, tax_treatment: str) -> Decimal:
    """The rate a line is taxed at: its own, or 0 under an exemption, a reverse charge,
    an intra-EU supply or an export."""
    return vat_rate if charges_vat(tax_treatment) else Decimal(0)


def compute_totals(
    lines: Iterable[tuple[int, Decimal]], tax_treatment: str, currency: str
) -> Totals:
    """Totals of lines given as (net in minor units, VAT rate). Groups are listed from the
    highest rate down, as invoices usually print them."""
    bases: dict[Decimal, int] = {}
    for net, rate in lines:
        # One key per rate however it was written (20, 20.0, 20.00).
        key = effective_rate(rate, tax_treatment).quantize(_RATE_QUANTUM)
        bases[key] = bases.get(key, 0) + net
    groups = tuple(
        VatGroup(rate, base, vat_on(base, rate, currency))
        for rate, base in sorted(bases.items(), reverse=True)
    )
    net_total = sum(group.base for group in groups)
    tax = sum(group.vat for group in groups)
    return Totals(currency, net_total, groups, tax, net_total + tax)


def vat_on(base: int, rate: Decimal, currency: str) -> int:
    """VAT on a taxable base of one rate, rounded half-up (BR-CO-17)."""
    return to_minor(from_minor(base, currency) * rate / _HUNDRED, currency)
