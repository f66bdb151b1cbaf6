"""`duplicate_check`: the check a save runs, for one new customer against the whole file.

300 customers typed as an operator would: half new (drawn by the demo generator with
another seed), half near-duplicates of customers on file (a typo in the name, the legal
form moved or dropped, the phone typed another way, the e-mail in capitals, the same
SIREN as a SIRET). Also timed: `similar_names` on partly typed names (the side panel of
the new-customer form), and one `duplicate_pairs` over the whole file (a single run).
"""

from __future__ import annotations

import dataclasses
import random
import time
from pathlib import Path
from typing import Any

from bench.timing import summary

RUNS = 300
SEED = 11


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    from models.db import database
    from models.duplicates import _sorted_words, duplicate_pairs, find_duplicates, similar_names
    from models.migrations import open_database
    from models.settings import load_settings

    open_database(str(db_path))
    try:
        settings = load_settings()
        typed = realistic_customers(customers, RUNS, SEED)
        # Warm-up on other customers: phonenumbers loads each country's metadata and
        # rapidfuzz its module on first use, once per process, not once per check.
        for data in realistic_customers(customers, 40, SEED + 1):
            find_duplicates(data, settings=settings)
        checks, cold, found = [], [], 0
        for data in typed:
            started = time.perf_counter_ns()
            found += bool(find_duplicates(data, settings=settings))
            checks.append((time.perf_counter_ns() - started) / 1e6)
        # The same checks with the cache of candidates' name words emptied before each:
        # the worst case, a file whose candidates were never looked at.
        for data in typed:
            _sorted_words.cache_clear()
            started = time.perf_counter_ns()
            find_duplicates(data, settings=settings)
            cold.append((time.perf_counter_ns() - started) / 1e6)
        panel = []
        for data in typed:
            partial = data.name[: max(3, len(data.name) * 2 // 3)]
            started = time.perf_counter_ns()
            similar_names(partial)
            panel.append((time.perf_counter_ns() - started) / 1e6)
        started = time.perf_counter_ns()
        pairs = duplicate_pairs(limit=500)
        whole_file = (time.perf_counter_ns() - started) / 1e6
    finally:
        database.close()
    return [
        {**summary("duplicate_check", checks), "with_matches": found},
        summary("duplicate_check_cold_cache", cold),
        summary("duplicate_suggestions", panel),
        {"bench": "duplicate_pairs", "value": round(whole_file, 1), "unit": "ms",
         "pairs": len(pairs)},
    ]  # fmt: skip


def realistic_customers(customers: int, count: int, seed: int) -> list[Any]:
    from models.customer_records import CustomerInput
    from models.db import database
    from models.demo import _Factory

    rng = random.Random(seed)
    factory = _Factory(random.Random(seed))
    ids = [rng.randint(1, customers) for _ in range(count // 2)]
    marks = ",".join("?" * len(ids))
    rows = database.execute_sql(
        "SELECT name, phone_e164, email, siren, street, postal_code, city, country"
        f" FROM customer WHERE id IN ({marks})",
        ids,
    ).fetchall()
    typed = []
    for name, e164, email, siren, street, postal_code, city, country in rows:
        base = CustomerInput(name=name, postal_code=postal_code, city=city, country=country,
                             street=street)  # fmt: skip
        variant = rng.randrange(5)
        if variant == 0:
            cut = rng.randrange(1, max(2, len(name) - 1))
            typed.append(dataclasses.replace(base, name=name[:cut] + name[cut + 1 :]))
        elif variant == 1:
            words = name.split()
            typed.append(dataclasses.replace(base, name=" ".join(reversed(words))))
        elif variant == 2:
            typed.append(CustomerInput(name="Nouvelle enseigne", phone=e164, country=country))
        elif variant == 3:
            typed.append(CustomerInput(name="Autre nom", email=email.upper(), country=country))
        else:
            siret = siren + "00017" if len(siren) == 9 else siren
            typed.append(CustomerInput(name=name.upper(), siren=siret, country=country))
    for number in range(count - len(typed)):
        made = factory.customer(customers + 1 + number).values
        typed.append(CustomerInput(
            name=str(made["name"]), phone=str(made["phone"]), email=str(made["email"]),
            street=str(made["street"]), postal_code=str(made["postal_code"]),
            city=str(made["city"]), country=str(made["country"]), siren=str(made["siren"]),
        ))  # fmt: skip
    rng.shuffle(typed)
    return typed
