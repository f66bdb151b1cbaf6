"""Demo quotes, from January 2024 to November 2026: one to eight lines each, mostly items
from the catalog, priced by the rules a quote typed in the editor gets (contract in force
on its date, the customer's price list, the catalog) and totalled by models.totals.
Billing data, terms, currency and language come from the customer; quotes to Dutch and
Greek companies with a VAT number are intra-EU supplies, as a contract's treatment is.

Lines go through `DocumentContext.price_line` itself, with the price book and items
handed in from memory (`_Book`, `_Context`) instead of read per quote and per line:
25,000 quotes through `create_quote` would take minutes. Quotes are numbered per year in
date order with their series' counters set, so a quote made afterwards takes the next
number. Their life cycle (sent, accepted, declined; the rest expire) stands as it was on
`MADE_AT`, each step on the customer's timeline; a prospect's first accepted quote made
it a customer.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Mapping
from dataclasses import fields
from decimal import ROUND_FLOOR, Decimal

from models import demo_catalog_data as data
from models.catalog import ItemRecord
from models.contracts import ContractRecord
from models.db import write_txn
from models.demo import Progress
from models.demo_quote_rows import (
    DemoQuote,
    became_customers,
    number_quotes,
    quote_events,
    write_rows,
)
from models.demo_sales import Buyer, Sales
from models.document_records import Billing, DocumentLineRecord, LineInput
from models.documents import DocumentContext, Header
from models.pricing import CATALOG, NO_PRICE, PRICE_LIST, PriceBook, Pricing
from models.settings import Settings, load_settings
from models.totals import compute_totals
from models.vat_rates import list_rates

QUOTES_FROM = dt.date(2024, 1, 2)
QUOTES_UNTIL = dt.date(2026, 11, 27)
# The day the demo's quotes were last looked after: open ones past their validity then
# have lapsed (they read "expired"), the later ones still wait for an answer.
MADE_AT = dt.datetime(2026, 11, 30, 18, 0)
_BATCH = 2500
_LINE_COUNTS = range(1, 9)
_LINE_COUNT_WEIGHTS = tuple(itertools.accumulate((14, 20, 20, 16, 11, 8, 6, 5)))
_VALIDITY_WEIGHTS = (80, 95, 100)  # the usual validity, 60 days, 15 days
# Statuses of quotes still open on MADE_AT, and of older ones.
_OPEN, _OPEN_WEIGHTS = ("draft", "sent", "accepted", "declined"), (30, 75, 92, 100)
_PAST, _PAST_WEIGHTS = ("accepted", "declined", "sent", "draft"), (50, 78, 94, 100)
_EU_PARTNERS = ("NL", "GR")


class _Book(PriceBook):
    """models.pricing's PriceBook (its `price` decides, rule by rule) with the contract and
    the list's prices given rather than read: no query per quote or per line."""

    def __init__(
        self,
        contract: ContractRecord | None,
        currency: str,
        price_list: tuple[int, str] | None,
        base_currency: str,
        on_list: Mapping[int, Decimal],
    ) -> None:
        # PriceBook.__init__ would look the contract up; what it keeps is set here.
        self.contract = contract if contract is not None and contract.currency == currency else None
        self.currency = currency
        self.price_list = price_list
        self.base_currency = base_currency
        self._on_list = on_list
        self._priced: dict[int, Pricing] = {}
        # What prices a line: the same for every document sharing this book.
        self.key = (self.contract.id if self.contract else None, currency,
                    price_list[0] if price_list else None)  # fmt: skip

    def price(self, item: ItemRecord) -> Pricing:
        # Drawing the lines asks first, pricing them again: decided once per item.
        found = self._priced.get(item.id)
        if found is None:
            found = self._priced[item.id] = super().price(item)
        return found

    def _base_price(self, item: ItemRecord) -> tuple[Decimal | None, str, str]:
        # PriceBook._base_price with the list price taken from memory.
        if self.price_list is not None:
            on_list = self._on_list.get(item.id)
            if on_list is not None:
                return on_list, PRICE_LIST, self.price_list[1]
        if self.currency == self.base_currency:
            return item.unit_price, CATALOG, ""
        return None, NO_PRICE, self.currency


class _Context(DocumentContext):
    """A DocumentContext whose `price_line` finds items in memory (the demo sells only
    items still sold)."""

    def __init__(
        self,
        kind: str,
        header: Header,
        book: PriceBook,
        settings: Settings,
        tax_treatment: str,
        standard_rate: Decimal,
        items: Mapping[str, ItemRecord],
    ) -> None:
        # DocumentContext.__init__ reads the customer's contract and the VAT rates.
        self.kind = kind
        self.header = header
        self.settings = settings
        self.book = book
        self.tax_treatment = tax_treatment
        self.standard_rate = standard_rate
        self._items = items

    def _item(self, line: LineInput, prefix: str, errors: dict[str, str]) -> ItemRecord | None:
        return self._items[line.item] if line.item else None


class _Maker:
    """Draws quotes one after another from the seeded generator."""

    def __init__(self, rng: random.Random, sales: Sales) -> None:
        self.rng = rng
        self.sales = sales
        self.settings = load_settings()
        rates = list_rates(self.settings.company_country)
        self.standard_rate = rates[0].rate if rates else Decimal(0)
        self.by_code = {item.code: item for item in sales.items}
        self.by_group: dict[str, list[ItemRecord]] = {}
        for item in sales.items:
            if item.active:
                self.by_group.setdefault(sales.groups[item.id], []).append(item)
        self.validities = (self.settings.quote_validity, 60, 15)
        # Cumulative weights, summed once: random.choices would add them up on every call.
        self.mixes = {kind: (list(mix), list(itertools.accumulate(mix.values())))
                      for kind, mix in data.QUOTE_MIX.items()}  # fmt: skip
        # Books and priced lines are shared by the documents a same book prices: most lines
        # recur (an item, a usual quantity), and pricing each again dominated the run time.
        self._books: dict[tuple[int | None, str, int | None], _Book] = {}
        self._priced: dict[tuple[tuple[int | None, str, int | None], LineInput],
                           DocumentLineRecord] = {}  # fmt: skip

    def quote(self, buyer: Buyer, date: dt.date, created: dt.datetime, number: str) -> DemoQuote:
        """The quote `number` made for `buyer` at `created`, priced and with its life
        cycle."""
        rng = self.rng
        validity = rng.choices(self.validities, cum_weights=_VALIDITY_WEIGHTS)[0]
        price_list, book, treatment = self.book_for(buyer, date)
        header = Header(date, date + dt.timedelta(days=validity), None, None, buyer.currency,
                        buyer.language, price_list, buyer.terms, buyer.payment_method,
                        self._reference(date), self._notes(), billing(buyer))  # fmt: skip
        lines = self.price("quote", header, book, treatment, self._lines(buyer, book))
        totals = compute_totals(((n.net, n.vat_rate) for n in lines), treatment, buyer.currency)
        status, steps = self._life_cycle(created, header.valid_until or date)
        contract_id = book.contract.id if book.contract else None
        return DemoQuote(buyer, number, created, header, treatment, contract_id, lines, totals,
                         status, steps)  # fmt: skip

    def book_for(self, buyer: Buyer, date: dt.date) -> tuple[tuple[int, str] | None, _Book, str]:
        """The customer's price list, its price book on `date` (the contract then in
        force) and the tax treatment a document of that day gets."""
        own = self.sales.lists.get(self.sales.list_of.get(buyer.id, 0))
        price_list = (own.id, own.name) if own else None
        contract = next(
            (c for c in self.sales.contracts.get(buyer.id, ()) if c.in_force(date)), None
        )
        book = _Book(contract, buyer.currency, price_list, self.settings.company_currency,
                     own.prices if own else {})  # fmt: skip
        book = self._books.setdefault(book.key, book)
        treatment = book.tax_treatment
        if book.contract is None and buyer.kind == "company" and buyer.vat \
                and buyer.country in _EU_PARTNERS:  # fmt: skip
            treatment = "intra-eu"  # goods to a VAT-registered business in another EU state
        return price_list, book, treatment

    def price(
        self, kind: str, header: Header, book: _Book, treatment: str, lines: list[LineInput]
    ) -> list[DocumentLineRecord]:
        """The lines of a `kind` document priced as the editor prices them (each line
        once per book)."""
        context = None
        priced = []
        for index, line in enumerate(lines):
            found = self._priced.get((book.key, line))
            if found is None:
                context = context or _Context(kind, header, book, self.settings, treatment,
                                              self.standard_rate, self.by_code)  # fmt: skip
                found = self._priced[book.key, line] = context.price_line(line, index)
            priced.append(found)
        return priced

    def when(self, buyer: Buyer) -> tuple[dt.date, dt.datetime]:
        """A working day after the customer was first entered, and a time of day."""
        known = dt.datetime.fromisoformat(buyer.created_at).date() + dt.timedelta(days=1)
        first = max(QUOTES_FROM, known)
        day = first + dt.timedelta(days=self.rng.randint(0, (QUOTES_UNTIL - first).days))
        if day.weekday() >= 5:
            monday = day + dt.timedelta(days=7 - day.weekday())
            day = monday if monday <= QUOTES_UNTIL else day - dt.timedelta(days=day.weekday() - 4)
        day = max(day, first)
        return day, office_hours(self.rng, day)

    def _reference(self, date: dt.date) -> str:
        rng = self.rng
        if rng.random() >= 0.25:
            return ""
        asked = date - dt.timedelta(days=rng.randint(1, 10))
        return rng.choice(data.QUOTE_REFERENCES).format(
            day=asked.strftime("%d/%m/%Y"), year=date.year, n=rng.randint(1, 9999)
        )

    def _notes(self) -> str:
        return self.rng.choice(data.QUOTE_NOTES) if self.rng.random() < 0.15 else ""

    def _lines(self, buyer: Buyer, book: PriceBook) -> list[LineInput]:
        """What the customer asked for: items of the groups its kind buys (often those its
        contract names), a quantity by their unit, now and then a discount or a price typed
        by hand; installation with a machine, delivery, a line of free text."""
        rng = self.rng
        wanted = rng.choices(_LINE_COUNTS, cum_weights=_LINE_COUNT_WEIGHTS)[0]
        groups, weights = self.mixes[buyer.kind]
        # A customer with special terms on some items orders them often.
        rules = book.contract.items if book.contract else ()
        favourites = [self.by_code[rule.code] for rule in rules]
        lines: list[LineInput] = []
        taken: set[str] = set()

        def add(item: ItemRecord, quantity: str, price: str = "", discount: str = "") -> None:
            lines.append(
                LineInput(item=item.code, quantity=quantity, unit_price=price, discount=discount)
            )
            taken.add(item.code)

        def priced(code: str) -> ItemRecord | None:
            item = self.by_code[code]
            return item if book.price(item).unit_price is not None else None

        for _attempt in range(wanted * 3):
            if len(lines) >= wanted:
                break
            if favourites and rng.random() < 0.4:
                item = rng.choice(favourites)
                group = self.sales.groups[item.id]
            else:
                group = rng.choices(groups, cum_weights=weights)[0]
                item = rng.choice(self.by_group[group])
            pricing = book.price(item)
            if item.code in taken or pricing.unit_price is None:
                continue
            quantity = rng.choice(data.FEW if group == data.MACHINE else data.QUANTITIES[item.unit])
            draw = rng.random()
            if draw < 0.04:
                add(item, quantity, discount=rng.choice(("5", "10")))
            elif draw < 0.06 and pricing.unit_price >= 20:
                add(item, quantity, price=str(pricing.unit_price.quantize(1, ROUND_FLOOR)))
            else:
                add(item, quantity)
            if group != data.MACHINE or len(lines) >= wanted:
                continue
            setup = priced("SRV-INS")
            if setup is not None and setup.code not in taken and rng.random() < 0.6:
                add(setup, "1")
            if len(lines) < 8 and rng.random() < 0.12:
                lines.append(_free(data.TRADE_IN))
        delivery = priced("SRV-LIV")
        if len(lines) < 8 and delivery and delivery.code not in taken and rng.random() < 0.25:
            add(delivery, "1")
        if not lines or (len(lines) < 8 and rng.random() < 0.1):
            lines.append(_free(rng.choice(data.FREE_LINES)))
        return lines

    def _life_cycle(
        self, created: dt.datetime, valid_until: dt.date
    ) -> tuple[str, list[tuple[dt.datetime, str]]]:
        """Recent quotes mostly wait for an answer; older ones were mostly answered, the
        others lapsed (sent or draft, past their validity)."""
        rng = self.rng
        if valid_until >= MADE_AT.date():
            status = rng.choices(_OPEN, cum_weights=_OPEN_WEIGHTS)[0]
        else:
            status = rng.choices(_PAST, cum_weights=_PAST_WEIGHTS)[0]
        steps = [(created, "quote_created")]
        if status == "draft":
            return status, steps
        sent = min(
            office_hours(rng, created.date() + dt.timedelta(days=rng.randint(0, 2))), MADE_AT
        )
        sent = max(sent, created + dt.timedelta(minutes=rng.randint(20, 90)))
        steps.append((sent, "quote_sent"))
        deadline = min(dt.datetime.combine(valid_until, dt.time(17)), MADE_AT)
        if status == "sent" or deadline.date() <= sent.date():
            return "sent", steps
        days = (deadline.date() - sent.date()).days
        answered = min(
            office_hours(rng, sent.date() + dt.timedelta(days=rng.randint(1, days))), deadline
        )
        steps.append((answered, f"quote_{status}"))
        return status, steps


def office_hours(rng: random.Random, day: dt.date) -> dt.datetime:
    """A time on `day` when the shop is open: 8:00 to 17:30 in Paris, stored in UTC."""
    seconds = rng.randrange(7 * 3600, 16 * 3600 + 1800)
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)


def _free(line: tuple[str, str, str]) -> LineInput:
    """A line typed without an item, taxed at the standard rate."""
    description, price, quantity = line
    return LineInput(description=description, quantity=quantity, unit_price=price)


def billing(buyer: Buyer) -> Billing:
    """The customer's billing data as models.documents.billing_from copies it: every field
    of Billing from the customer's field of the same name."""
    return Billing(**{f.name: getattr(buyer, f.name) for f in fields(Billing)})


def write_quotes(
    rng: random.Random, sales: Sales, count: int, progress: Progress | None = None
) -> int:
    """Makes `count` quotes for the active customers (several for some: companies, and
    those with a contract or a price list, ask more often); returns how many were made.
    Their events join `sales.events`. Dates are drawn first, so the quotes are numbered
    in date order and then made and written a batch at a time: 25,000 never sit in
    memory at once."""
    buyers = [b for b in sales.buyers if b.status in ("prospect", "customer")]
    if count <= 0 or not buyers:
        return 0
    weights = itertools.accumulate(
        (3 if b.kind == "company" else 1)
        * (3 if b.id in sales.contracts else 1)
        * (2 if b.id in sales.list_of else 1)
        for b in buyers
    )
    maker = _Maker(rng, sales)
    planned = [(*maker.when(b), b) for b in rng.choices(buyers, cum_weights=list(weights), k=count)]
    planned.sort(key=lambda plan: plan[1])  # stable: two made the same second keep their order
    numbers = number_quotes([date for date, _at, _buyer in planned],
                            maker.settings.quote_number_pattern)  # fmt: skip
    accepted: dict[int, tuple[dt.datetime, str]] = {}
    for start in range(0, count, _BATCH):
        stop = start + _BATCH
        batch = [maker.quote(buyer, date, at, number) for (date, at, buyer), number
                 in zip(planned[start:stop], numbers[start:stop], strict=True)]  # fmt: skip
        with write_txn():
            write_rows(batch, first_id=start + 1)
        quote_events(batch, sales.events, accepted)
        if progress is not None:
            progress(min(start + _BATCH, count), count)
    became_customers(accepted, sales.events)
    return count
