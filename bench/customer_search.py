"""`customer_search`: 200 realistic 2–6 character queries at the search box, sorted by
name, limit 50, as the customer list asks for them.

The queries are drawn (seeded) from the demo customers themselves: name-word prefixes in
their own script, Greek without accents and in Latin letters, parts of words, city and
postcode prefixes, phone fragments typed in groups, with `+` or as national digits, and
contact names. Lengths and kinds follow what people type before the list settles.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import summary

RUNS = 200
SEED = 7


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    from models.db import database
    from models.migrations import open_database
    from models.search import search_customers

    open_database(str(db_path))
    try:
        queries = realistic_queries(customers, RUNS, SEED)
        for query in queries[:20]:
            search_customers(query, limit=50)
        samples = []
        for query in queries:
            started = time.perf_counter_ns()
            search_customers(query, limit=50)
            samples.append((time.perf_counter_ns() - started) / 1e6)
    finally:
        database.close()
    return [summary("customer_search", samples)]


def realistic_queries(customers: int, count: int, seed: int) -> list[str]:
    from models.db import database
    from models.search_text import normalise, sort_name

    rng = random.Random(seed)
    kinds: list[Callable[[tuple[Any, ...]], str]] = []

    def word(text: str) -> str:
        words = [w for w in text.split() if len(w) >= 2 and "." not in w]
        return rng.choice(words) if words else text

    def name_prefix(row: tuple[Any, ...]) -> str:
        return word(row[0])[: rng.randint(2, 6)]

    def unaccented(row: tuple[Any, ...]) -> str:
        return word(sort_name(row[0]))[: rng.randint(3, 6)]

    def latin(row: tuple[Any, ...]) -> str:
        return word(normalise(row[0]))[: rng.randint(3, 6)]

    def part_of_word(row: tuple[Any, ...]) -> str:
        text = word(sort_name(row[0]))
        size = rng.randint(3, min(6, max(3, len(text) - 1)))
        start = rng.randint(1, max(1, len(text) - size))
        return text[start : start + size] if len(text) > size else text

    def city(row: tuple[Any, ...]) -> str:
        return word(row[1])[: rng.randint(3, 6)]

    def postcode(row: tuple[Any, ...]) -> str:
        return str(row[2])[: rng.randint(2, 6)].strip()

    def phone(row: tuple[Any, ...]) -> str:
        e164 = str(row[4])
        style = rng.randrange(3)
        if style == 0:
            return "+" + e164[1 : rng.randint(4, 6)]
        typed = str(row[3]).replace("-", " ")
        return typed[: rng.randint(4, 6)].strip() if style == 1 else typed.replace(" ", "")[:5]

    def contact(row: tuple[Any, ...]) -> str:
        return word(row[5] or row[0])[: rng.randint(3, 6)]

    kinds = [name_prefix, name_prefix, name_prefix, unaccented, latin, part_of_word, city,
             postcode, phone, contact]  # fmt: skip
    ids = [rng.randint(1, customers) for _ in range(count)]
    rows = {
        row[0]: row[1:]
        for row in database.execute_sql(
            "SELECT c.id, c.name, c.city, c.postal_code, c.phone, c.phone_e164,"
            " (SELECT name FROM contact WHERE customer_id = c.id ORDER BY position LIMIT 1)"
            f" FROM customer c WHERE c.id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
    }
    queries = []
    for index, customer_id in enumerate(ids):
        query = kinds[index % len(kinds)](rows[customer_id])
        queries.append(query if len(query) >= 2 else "ma")
    return queries
