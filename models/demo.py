"""A demo company with thousands of realistic French, Dutch and Greek customers.

Every identifier is valid (SIREN/SIRET Luhn, VAT check digits, phones for their country,
postcode formats), so the demo exercises the same code paths as real data. The same seed
always makes the same customers. Customers are written straight to the tables in batches
(one `write_txn()` each, index included), bypassing the per-customer service, because
100,000 customers must take seconds, not the hours one-by-one validation would.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from stdnum import luhn
from stdnum.gr import vat as gr_vat

from models import demo_data as data
from models import duplicate_keys, search_index
from models.db import database, write_txn
from models.errors import ConflictError
from models.i18n import _
from models.search_text import normalise
from models.settings import Settings, save_rep, save_settings
from models.tables import Counter, Customer

if TYPE_CHECKING:
    from models.demo_sales import SalesSummary

Progress = Callable[[int, int], None]

BATCH = 2000
# 100,000 customers take about 2.5 min with one invoice each, 5 with two.
INVOICES_PER_CUSTOMER = 1
OPERATOR = "demo"
# Fixed, so the same seed gives the same database whatever the day.
_CREATED_UNTIL = dt.datetime(2026, 1, 5, 17, 0)
_CREATED_SPAN_S = 6 * 365 * 24 * 3600
REPS = (("ML", "Marie Leroy"), ("SB", "Sophie Bernard"), ("JD", "Jan Dekker"),
        ("GP", "Γιώργος Παππάς"))  # fmt: skip
_DELIVERY_COLUMNS = ("delivery_street", "delivery_postal_code", "delivery_city",
                     "delivery_country")  # fmt: skip
_CUSTOMER_COLUMNS = (
    "id", "number", "kind", "name", "siren", "vat", "email", "phone", "phone_e164",
    "street", "postal_code", "city", "country", *_DELIVERY_COLUMNS, "status", "rep_code",
    "terms", "payment_method", "currency", "credit_limit", "language", "birth_date", "notes",
    "created_at", "created_by", "updated_at", "updated_by", "version",
)  # fmt: skip


def demo_settings() -> Settings:
    """The demo company: a Paris SAS with a valid SIREN, VAT number and IBAN."""
    siren = _siren_from("91234567")
    return Settings(
        company_name="Comptoir Démo",
        company_legal_form="SAS",
        company_street="18 rue des Petites Écuries",
        company_postal_code="75010",
        company_city="Paris",
        company_country="FR",
        company_siren=siren,
        company_vat=_fr_vat(siren),
        company_iban="FR76 3000 6000 0112 3456 7890 189",
        company_bic="AGRIFRPP",
        company_phone="01 42 46 00 00",
        company_email="contact@comptoir-demo.fr",
    )


def generate_demo(
    customers: int,
    seed: int = 1,
    progress: Progress | None = None,
    *,
    quotes: int | None = None,
    quote_progress: Progress | None = None,
    invoices: int | None = None,
    invoice_progress: Progress | None = None,
) -> SalesSummary:
    """Sets up the demo company and makes `customers` customers on an empty database, then
    its catalog, price lists, contracts, `quotes` quotes (by default one for every four
    customers) and `invoices` issued invoices with their credit notes (by default
    INVOICES_PER_CUSTOMER for each customer; models.demo_sales); `progress(done, total)`
    is called after each batch of customers, `quote_progress` after each batch of quotes,
    `invoice_progress` after each batch of invoices."""
    from models.demo_sales import generate_sales, refuse_unless_empty

    if Customer.select().exists():
        raise ConflictError(
            _("This database already has customers: the demo needs an empty database.")
        )
    refuse_unless_empty()
    save_settings(demo_settings())
    for code, name in REPS:
        save_rep(code, name)
    factory = _Factory(random.Random(seed))
    counter = Counter.get_or_none(Counter.name == "customer")
    first = (counter.value if counter else 0) + 1
    done = 0
    while done < customers:
        size = min(BATCH, customers - done)
        with write_txn():
            _write_batch(factory, first + done, size)
        done += size
        if progress is not None:
            progress(done, customers)
    summary = generate_sales(
        seed,
        customers // 4 if quotes is None else quotes,
        quote_progress,
        invoices=customers * INVOICES_PER_CUSTOMER if invoices is None else invoices,
        invoice_progress=invoice_progress,
    )
    with write_txn():
        search_index.optimise(database.obj)
    return summary


def _write_batch(factory: _Factory, first: int, size: int) -> None:
    made = [factory.customer(number) for number in range(first, first + size)]
    _insert("customer", _CUSTOMER_COLUMNS, [m.row() for m in made])
    _insert(
        "contact",
        ("customer_id", "position", "name", "role", "phone", "phone_e164", "email"),
        [(m.id, pos, *c) for m in made for pos, c in enumerate(m.contacts)],
    )
    summary = _("Created by the demo generator")
    _insert(
        "customer_event",
        ("customer_id", "at", "operator", "kind", "summary", "changes"),
        [(m.id, m.values["created_at"], OPERATOR, "created", summary, "[]") for m in made],
    )
    search_index.write_documents(database.obj, [m.document() for m in made])
    duplicate_keys.write_keys(database.obj, [(m.id, m.key_source()) for m in made])
    last = first + size - 1
    Counter.insert(name="customer", value=last).on_conflict(
        conflict_target=[Counter.name], update={Counter.value: last}
    ).execute()  # fmt: skip


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    """executemany on one prepared INSERT: Peewee's insert_many spent more time building
    the SQL for 2,000 wide rows than SQLite spent storing them."""
    if not rows:
        return
    marks = ", ".join([database.param] * len(columns))
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    database.cursor().executemany(sql, rows)


@dataclass(frozen=True)
class _Made:
    values: dict[str, object]  # by customer column
    contacts: list[tuple[str, str, str, str, str]]  # name, role, phone, e164, email

    @property
    def id(self) -> int:
        return cast(int, self.values["id"])

    def row(self) -> tuple[object, ...]:
        return tuple(self.values[column] for column in _CUSTOMER_COLUMNS)

    def document(self) -> search_index.IndexRow:
        text = search_index.CustomerText._make(
            self.values[f] for f in search_index.CustomerText._fields
        )
        contacts = [search_index.ContactText(c[0], c[2], c[3], c[4]) for c in self.contacts]
        return search_index.document(text, contacts)

    def key_source(self) -> duplicate_keys.KeySource:
        v = self.values
        return duplicate_keys.KeySource(
            str(v["name"]), (str(v["phone_e164"]), *(c[3] for c in self.contacts)),
            (str(v["email"]), *(c[4] for c in self.contacts)), str(v["siren"]),
            str(v["street"]), str(v["postal_code"]),
        )  # fmt: skip


class _Factory:
    """Draws one customer after another from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.recent: list[_Made] = []

    def customer(self, number: int) -> _Made:
        """A new customer; one in two hundred is the same customer as one made shortly
        before, typed again another way, as every real file has some."""
        if self.recent and self.rng.random() < 0.005:
            made = self._typed_again(number, self.rng.choice(self.recent))
        else:
            made = self._new(number)
        self.recent = [*self.recent[-49:], made]
        return made

    def _typed_again(self, number: int, original: _Made) -> _Made:
        rng = self.rng
        values = dict(original.values)
        name = str(values["name"])
        words = name.split()
        variant = rng.randrange(4)
        if variant == 0 and len(words) > 1:  # the legal form dropped or moved
            moved = [words[-1], *words[:-1]] if rng.random() < 0.5 else words[:-1]
            name = " ".join(moved)
        elif variant == 1:  # one letter wrong
            at = rng.randrange(1, max(2, len(name) - 1))
            name = name[:at] + rng.choice("aeiourstn") + name[at + 1 :]
        elif variant == 2:
            name = name.upper()
        created = str(_CREATED_UNTIL - dt.timedelta(days=rng.randrange(30)))
        values.update(id=number, number=f"C{number:06d}", name=name, notes="",
                      created_at=created)  # fmt: skip
        values["updated_at"] = values["created_at"]
        if rng.random() < 0.5:  # typed with only some of what was on file
            values.update(email="", street="", siren="", vat="")
        return _Made(values, [])

    def _new(self, number: int) -> _Made:
        rng = self.rng
        country = rng.choices(("FR", "NL", "GR"), (60, 20, 20))[0]
        company = rng.random() < (0.7 if country != "GR" else 0.65)
        name, person = self._company_name(country) if company else self._person(country)
        postcode, city, area = self._place(country)
        phone, e164 = self._phone(country, area if rng.random() < 0.5 else None)
        siren, vat = self._identifiers(country) if company else ("", "")
        domain = self._domain(country, person[0], city) if company else ""
        contacts = self._contacts(country, domain) if company else []
        created = _CREATED_UNTIL - dt.timedelta(seconds=rng.randrange(_CREATED_SPAN_S))
        delivery = ("", "", "", "")
        if company and rng.random() < 0.1:
            delivery = (self._street(country), postcode, city, country)
        values: dict[str, object] = {
            "id": number, "number": f"C{number:06d}",
            "kind": "company" if company else "individual", "name": name,
            "siren": siren, "vat": vat, "email": self._email(country, person, domain),
            "phone": phone, "phone_e164": e164, "street": self._street(country),
            "postal_code": postcode, "city": city, "country": country,
            **dict(zip(_DELIVERY_COLUMNS, delivery, strict=True)),
            "status": rng.choices(("prospect", "customer", "inactive"), (20, 75, 5))[0],
            "rep_code": rng.choice(REPS)[0] if rng.random() < 0.7 else None,
            "terms": rng.choices(("30d", "receipt", "45eom", "60d", "30eom"),
                                 (50, 15, 15, 10, 10))[0],
            "payment_method": rng.choices(("transfer", "card", "cheque", "direct_debit", "cash"),
                                          (60, 15, 10 if country == "FR" else 0, 10, 5))[0],
            "currency": "EUR",
            "credit_limit": rng.choice((100000, 200000, 500000, 1000000))
            if company and rng.random() < 0.3 else None,
            "language": data.LANGUAGE[country],
            "birth_date": str(self._birth_date()) if not company and rng.random() < 0.5
            else None,
            "notes": rng.choice(data.NOTES[country]) if rng.random() < 0.15 else "",
            "created_at": str(created), "created_by": OPERATOR,
            "updated_at": str(created), "updated_by": OPERATOR, "version": 1,
        }  # fmt: skip
        return _Made(values, contacts)

    def _person(self, country: str) -> tuple[str, tuple[str, str]]:
        rng = self.rng
        if country == "GR":
            male = rng.random() < 0.5
            first = rng.choice(data.GR_FIRST_MALE if male else data.GR_FIRST_FEMALE)
            last = rng.choice(data.GR_LAST)[0 if male else 1]
        elif country == "NL":
            first, last = rng.choice(data.NL_FIRST), rng.choice(data.NL_LAST)
        else:
            first, last = rng.choice(data.FR_FIRST), rng.choice(data.FR_LAST)
        return f"{first} {last}", (first, last)

    def _company_name(self, country: str) -> tuple[str, tuple[str, str]]:
        rng = self.rng
        if country == "FR":
            last = rng.choice(data.FR_LAST)
            trade = rng.choice(data.FR_TRADES)
            core = rng.choice(
                (
                    f"{trade} {last}",
                    f"{trade} {rng.choice(data.FR_PLACES)}",
                    f"{last} et Fils",
                    f"{last} {rng.choice(data.FR_LAST)}",
                )
            )
            return f"{core} {rng.choice(data.FR_FORMS)}", (core, "")
        if country == "NL":
            last = rng.choice(data.NL_LAST)
            core = rng.choice((f"{rng.choice(data.NL_TRADES)} {last[0].upper()}{last[1:]}",
                               f"{last[0].upper()}{last[1:]} & Zn."))  # fmt: skip
            return f"{core} {rng.choice(data.NL_FORMS)}", (core, "")
        male, female = rng.choice(data.GR_LAST)
        core = rng.choice((f"{rng.choice(data.GR_TRADES)} {female}", male))
        return f"{core} {rng.choice(data.GR_FORMS)}", (core, "")

    def _place(self, country: str) -> tuple[str, str, str]:
        if country == "NL":
            digits, city, area = self.rng.choice(data.NL_CITIES)
            letters = "".join(self.rng.choices(data.NL_POSTCODE_LETTERS, k=2))
            return f"{digits} {letters}", city, area
        return self.rng.choice(data.FR_CITIES if country == "FR" else data.GR_CITIES)

    def _street(self, country: str) -> str:
        rng = self.rng
        number = rng.randint(1, 180)
        if country == "FR":
            suffix = rng.choice(("", "", "", "", " bis", " ter"))
            kind, name = rng.choice(data.FR_STREET_TYPES), rng.choice(data.FR_STREET_NAMES)
            return f"{number}{suffix} {kind} {name}"
        return f"{rng.choice(data.NL_STREETS if country == 'NL' else data.GR_STREETS)} {number}"

    def _phone(self, country: str, area: str | None) -> tuple[str, str]:
        """(as typed the local way, E.164), built from known-valid prefixes rather than
        parsed: phonenumbers.parse for every row would dominate the run time."""
        prefix = area or self.rng.choice(data.MOBILE_PREFIXES[country])
        length = data.NATIONAL_LENGTH[country]
        rest = "".join(self.rng.choices("0123456789", k=length - len(prefix)))
        national = prefix + rest
        e164 = f"+{data.CALLING_CODES[country]}{national}"
        if country == "FR":
            digits = "0" + national
            return " ".join(digits[i : i + 2] for i in range(0, 10, 2)), e164
        if country == "NL":
            if area is None:
                return f"06-{national[1:]}", e164
            return f"0{prefix} {rest[:-4]} {rest[-4:]}", e164
        return f"{prefix} {rest}" if len(prefix) > 3 else f"{prefix} {rest[:3]} {rest[3:]}", e164

    def _identifiers(self, country: str) -> tuple[str, str]:
        rng = self.rng
        if country == "FR":
            siren = _siren_from(str(rng.randint(10000000, 99999999)))
            vat = _fr_vat(siren) if rng.random() < 0.85 else ""
            if rng.random() < 0.2:
                base = siren + f"{rng.randint(1, 99):04d}"
                return base + luhn.calc_check_digit(base), vat
            return siren, vat
        if country == "NL":
            kvk = str(rng.randint(10000000, 99999999)) if rng.random() < 0.8 else ""
            return kvk, (self._nl_vat() if rng.random() < 0.8 else "")
        afm = str(rng.randint(10000000, 99999999))
        return "", "EL" + afm + gr_vat.calc_check_digit(afm)

    def _nl_vat(self) -> str:
        """An RSIN passing the eleven-test, as a VAT number with its `B01` suffix."""
        while True:
            digits = [self.rng.randint(0, 9) for _ in range(8)]
            check = sum(d * (9 - i) for i, d in enumerate(digits)) % 11
            if check < 10 and digits[0]:
                return "NL" + "".join(map(str, digits)) + str(check) + "B01"

    def _email(self, country: str, person: tuple[str, str], domain: str) -> str:
        rng = self.rng
        if domain:
            return f"{rng.choice(data.MAIL_BOXES[country])}@{domain}"
        if rng.random() < 0.2:
            return ""
        first, last = ("".join(normalise(part).split()) for part in person)
        # Two Jean Martin do not share a mailbox: providers hand out numbered ones.
        suffix = str(rng.randrange(1, 99)) if rng.random() < 0.7 else ""
        return f"{first}.{last}{suffix}@{rng.choice(data.MAIL_PROVIDERS[country])}"

    def _domain(self, country: str, company: str, city: str) -> str:
        """Shops of the same name in different towns have their own domain."""
        slug = "-".join(normalise(company).split() + normalise(city).split()[:2])
        return f"{slug}.{data.TLD[country]}"

    def _contacts(self, country: str, domain: str) -> list[tuple[str, str, str, str, str]]:
        rng = self.rng
        count = rng.choices((0, 1, 2, 3), (30, 40, 20, 10))[0]
        contacts = []
        for _index in range(count):
            name, (first, last) = self._person(country)
            phone, e164 = self._phone(country, None) if rng.random() < 0.7 else ("", "")
            local = "".join(normalise(first).split()) + "." + "".join(normalise(last).split())
            email = f"{local}@{domain}" if rng.random() < 0.8 else ""
            contacts.append((name, rng.choice(data.ROLES[country]), phone, e164, email))
        return contacts

    def _birth_date(self) -> dt.date:
        return dt.date(1940, 1, 1) + dt.timedelta(days=self.rng.randrange(64 * 365))


def _siren_from(eight_digits: str) -> str:
    return eight_digits + luhn.calc_check_digit(eight_digits)


def _fr_vat(siren: str) -> str:
    return f"FR{int(siren + '12') % 97:02d}{siren}"
