"""Document totals, EN 16931 style: hand-computed documents, the rounding traps (per-line
rounding, VAT per rate on the summed base, half-up at half a cent, negative lines, 100 %
discounts, currencies with 0 and 3 decimals), and a property: whatever the lines, the
totals are the sum of their parts, in integers and Decimals only."""

from __future__ import annotations

import dataclasses
import decimal
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from peewee import Database
from sales_fixtures import add_customer, add_item, line, make_quote, open_shop

from models.document_lists import list_documents
from models.documents import get_document
from models.money import exponent
from models.totals import Totals, VatGroup, compute_totals, line_net

D = Decimal
# A line as (quantity, unit price, discount %, VAT rate %).
Line = tuple[str, str, str, str]


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    currency: str
    lines: tuple[Line, ...]
    nets: tuple[int, ...]  # each line's net in minor units, worked out by hand
    groups: tuple[tuple[str, int, int], ...]  # (rate, base, VAT), highest rate first
    tax: int
    treatment: str = "standard"

    @property
    def net(self) -> int:
        return sum(self.nets)


CASES = [
    # 2.5 × 4.20 = 10.50 | 3 × 12.3456 = 37.0368 −10 % = 33.33312 → 33.33 |
    # 0.75 × 8.999 = 6.74925 → 6.75 | 12 × 0.0125 = 0.15.
    # 20 %: 33.48 → 6.696 → 6.70; 10 %: 6.75 → 0.675 → 0.68; 5.5 %: 10.50 → 0.5775 → 0.58.
    Case(
        "three rates, discount, fractional quantities, 4-decimal prices",
        "EUR",
        (
            ("2.5", "4.2000", "0", "5.5"),
            ("3", "12.3456", "10", "20"),
            ("0.75", "8.9990", "0", "10"),
            ("12", "0.0125", "0", "20"),
        ),
        (1050, 3333, 675, 15),
        (("20", 3348, 670), ("10", 675, 68), ("5.5", 1050, 58)),
        796,
    ),
    # Three lines of 0.333 × 10 = 3.33: VAT per line would be 3 × 0.67 = 2.01; on the sum
    # (9.99 × 20 % = 1.998) it is 2.00 (BR-CO-17).
    Case(
        "a third, three times",
        "EUR",
        (("0.333", "10", "0", "20"),) * 3,
        (333, 333, 333),
        (("20", 999, 200),),
        200,
    ),
    # Ten lines of 0.10 at 5.5 %: 0.0055 each would round to 0.01 (0.10 in all); on the
    # sum, 1.00 × 5.5 % = 0.055 → 0.06.
    Case(
        "ten small lines at 5.5 %",
        "EUR",
        (("1", "0.10", "0", "5.5"),) * 10,
        (10,) * 10,
        (("5.5", 100, 6),),
        6,
    ),
    # Half a cent rounds up, never to even: 0.125 → 0.13, 0.045 → 0.05; VAT 0.025 → 0.03.
    # 20 %: 0.18 → 0.036 → 0.04; 10 %: 0.25 → 0.025 → 0.03.
    Case(
        "half a cent",
        "EUR",
        (("1", "0.1250", "0", "20"), ("1", "0.2500", "0", "10"), ("1", "0.0450", "0", "20")),
        (13, 25, 5),
        (("20", 18, 4), ("10", 25, 3)),
        7,
    ),
    # A machine, the old one taken back, a free item (100 % discount) and coffee:
    # 1.5 × 19.99 = 29.985 −15 % = 25.48725 → 25.49. 20 %: 749.00 → 149.80;
    # 5.5 %: 25.49 → 1.40195 → 1.40.
    Case(
        "trade-in and a free item",
        "EUR",
        (
            ("1", "899", "0", "20"),
            ("-1", "150", "0", "20"),
            ("2", "45.50", "100", "20"),
            ("1.5", "19.99", "15", "5.5"),
        ),
        (89900, -15000, 0, 2549),
        (("20", 74900, 14980), ("5.5", 2549, 140)),
        15120,
    ),
    # Yen have no decimals: 3 × 333.3333 = 999.9999 → 1000; 1250.5 → 1251 (half up);
    # 10 %: 2251 → 225.1 → 225; 8 %: 198 → 15.84 → 16.
    Case(
        "yen",
        "JPY",
        (("3", "333.3333", "0", "10"), ("1", "1250.5", "0", "10"), ("2", "99", "0", "8")),
        (1000, 1251, 198),
        (("10", 2251, 225), ("8", 198, 16)),
        241,
    ),
    # Kuwaiti dinars have 3: 2.5 × 1.2345 = 3.08625 → 3.086; 0.0005 → 0.001;
    # 10 −10 % = 9.000. 20 %: 3.087 → 0.6174 → 0.617; 5 %: 9.000 → 0.450.
    Case(
        "dinars",
        "KWD",
        (("2.5", "1.2345", "0", "20"), ("1", "0.0005", "0", "20"), ("1", "10", "10", "5")),
        (3086, 1, 9000),
        (("20", 3087, 617), ("5", 9000, 450)),
        1067,
    ),
    # An intra-EU supply: every rate is taxed at 0, one group.
    Case(
        "intra-EU supply",
        "EUR",
        (("2.5", "4.2000", "0", "5.5"), ("3", "12.3456", "10", "20")),
        (1050, 3333),
        (("0", 4383, 0),),
        0,
        "intra-eu",
    ),
]


def totals_of(case: Case) -> tuple[list[int], Totals]:
    nets = [line_net(D(q), D(p), D(d), case.currency) for q, p, d, _r in case.lines]
    rates = [D(r) for _q, _p, _d, r in case.lines]
    return nets, compute_totals(zip(nets, rates, strict=True), case.treatment, case.currency)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hand_computed_documents(case: Case) -> None:
    nets, totals = totals_of(case)
    assert tuple(nets) == case.nets
    assert [(g.rate, g.base, g.vat) for g in totals.vat_groups] == [
        (D(rate), base, vat) for rate, base, vat in case.groups
    ]
    assert (totals.net, totals.tax, totals.total) == (case.net, case.tax, case.net + case.tax)
    assert totals.currency == case.currency


def test_vat_per_line_would_differ_from_vat_on_the_sum() -> None:
    """The traps above are traps: summing per-line VAT gives another figure."""
    per_line = sum(
        int((D(net) * D("0.2")).quantize(D(1), rounding=ROUND_HALF_UP)) for net in (333,) * 3
    )
    assert per_line == 201 and totals_of(CASES[1])[1].tax == 200


def test_a_rate_however_written_is_one_group() -> None:
    totals = compute_totals(
        [(100, D("20")), (200, D("20.0")), (300, D("20.00"))], "standard", "EUR"
    )
    assert [(g.rate, g.base, g.vat) for g in totals.vat_groups] == [(D(20), 600, 120)]


def test_a_trade_in_cancels_its_sale_to_the_cent() -> None:
    """Negative lines round away from zero like positive ones, so taking back what was
    sold leaves nothing, half cents included."""
    for price in ("0.125", "0.0050", "19.995", "1.0001"):
        sold = line_net(D("1"), D(price), D(0), "EUR")
        taken_back = line_net(D("-1"), D(price), D(0), "EUR")
        assert taken_back == -sold != 0
        assert compute_totals([(sold, D(20)), (taken_back, D(20))], "standard", "EUR").total == 0


def test_no_lines_total_nothing() -> None:
    assert compute_totals([], "standard", "EUR") == Totals("EUR", 0, (), 0, 0)


def test_a_stored_quote_keeps_the_hand_computed_totals(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the services: prices typed with 4 decimals, quantities with a comma, the
    stored document and the quote list give the first case's figures."""
    open_shop(monkeypatch)
    for code, rate in (("CAF", "5.5"), ("VIS", "20"), ("THE", "10"), ("ECR", "20")):
        add_item(code, "1", rate)
    customer = add_customer("Boulangerie Martin")
    quote = make_quote(
        customer,
        line("CAF", "2,5", unit_price="4,20"),
        line("VIS", "3", unit_price="12,3456", discount="10"),
        line("THE", "0,75", unit_price="8,999"),
        line("ECR", "12", unit_price="0,0125"),
    )
    case = CASES[0]
    stored = get_document(quote.id)
    assert tuple(line.net for line in stored.lines) == case.nets
    assert (stored.totals.net, stored.totals.tax, stored.totals.total) == (5073, 796, 5869)
    assert stored.totals == totals_of(case)[1]
    [summary] = list_documents("quote")
    assert summary.totals == stored.totals
    assert not [value for value in walk(stored) if isinstance(value, float)]
    assert {type(ln.quantity) for ln in stored.lines} == {Decimal}


# --- the property -----------------------------------------------------------------------


def scaled(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    """Decimals from integers scaled by 10^-places: exact, never through a float."""
    return st.integers(low, high).map(lambda n: D(n).scaleb(-places))


QUANTITIES = scaled(-1_000_000_000, 1_000_000_000, 3).filter(bool)
PRICES = scaled(0, 10**13, 4) | scaled(0, 100_000, 4)
DISCOUNTS = st.sampled_from([D(0), D(100)]) | scaled(0, 10_000, 2)
RATES = st.sampled_from([D(r) for r in ("20", "10", "5.5", "2.1", "21", "9", "0", "24")]) | scaled(
    0, 10_000, 2
)
LINES = st.lists(st.tuples(QUANTITIES, PRICES, DISCOUNTS, RATES), min_size=1, max_size=12)


def walk(value: Any) -> Iterator[Any]:
    """Every value inside a result, dataclass fields and tuples opened."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from walk(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk(item)


def half_up(value: Decimal) -> int:
    return int(value.quantize(D(1), rounding=ROUND_HALF_UP))


@settings(max_examples=300, deadline=None)
@given(
    lines=LINES,
    currency=st.sampled_from(["EUR", "JPY", "KWD"]),
    treatment=st.sampled_from(["standard", "standard", "intra-eu"]),
)
def test_totals_are_the_sum_of_their_parts(
    lines: list[tuple[Decimal, Decimal, Decimal, Decimal]], currency: str, treatment: str
) -> None:
    with decimal.localcontext() as ctx:
        # Mixing a float into any Decimal operation now raises instead of passing.
        ctx.traps[decimal.FloatOperation] = True
        nets = [line_net(q, p, d, currency) for q, p, d, _rate in lines]
        totals = compute_totals(
            [(net, rate) for net, (_q, _p, _d, rate) in zip(nets, lines, strict=True)],
            treatment,
            currency,
        )
    scale = D(10) ** exponent(currency)
    for net, (q, p, d, _rate) in zip(nets, lines, strict=True):
        assert net == half_up(q * p * (100 - d) / 100 * scale)
    assert totals.total == totals.net + totals.tax
    assert totals.net == sum(nets)
    assert totals.tax == sum(group.vat for group in totals.vat_groups)
    expected_bases: dict[Decimal, int] = {}
    for net, (_q, _p, _d, rate) in zip(nets, lines, strict=True):
        key = rate if treatment == "standard" else D(0)
        expected_bases[key] = expected_bases.get(key, 0) + net
    # Every line in exactly one group: one group per rate, holding those lines' nets.
    assert {g.rate: g.base for g in totals.vat_groups} == expected_bases
    assert len(totals.vat_groups) == len(expected_bases)
    for group in totals.vat_groups:
        assert group.vat == half_up(D(group.base) * group.rate / 100)
    assert [g.rate for g in totals.vat_groups] == sorted(expected_bases, reverse=True)
    for value in walk(totals):
        assert not isinstance(value, float)
        assert isinstance(value, Totals | VatGroup | tuple | str | int | Decimal)
