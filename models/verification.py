"""`comptoir verify`: the hash chain of issued documents holds, and so do the ledger's
invariants — no allocation of nothing or of a draft, no invoice allocated beyond its
total, no credit note giving more than it holds."""

from __future__ import annotations

from dataclasses import dataclass

from models.db import database
from models.hash_chain import verify_chain
from models.i18n import N_, _


@dataclass(frozen=True)
class Verification:
    documents: int
    problems: tuple[str, ...]
    first_broken: str  # the first document named by a problem, "" when all is well

    @property
    def ok(self) -> bool:
        return not self.problems


# Each query returns the numbers of the documents breaking one invariant.
_INVARIANTS = (
    (
        'SELECT d."number" FROM "document" d JOIN "allocation" a ON a."invoice_id" = d."id"'
        ' GROUP BY d."id"'
        ' HAVING SUM(a."amount") > CASE WHEN d."total" > 0 THEN d."total" ELSE 0 END'
        ' ORDER BY d."id"',
        N_("{number} has more allocated to it than its total."),
    ),
    (
        'SELECT d."number" FROM "document" d JOIN "allocation" a ON a."credit_note_id" = d."id"'
        ' GROUP BY d."id" HAVING SUM(a."amount") > d."total" ORDER BY d."id"',
        N_("{number} allocates more than it credits."),
    ),
    (
        'SELECT COALESCE(d."number", \'#\' || d."id") FROM "allocation" a'
        ' JOIN "document" d ON d."id" IN (a."invoice_id", a."credit_note_id")'
        ' WHERE a."amount" <= 0 OR d."status" != \'issued\' ORDER BY a."id"',
        N_("{number} has an allocation of nothing, or is allocated before it is issued."),
    ),
)


def verify() -> Verification:
    chain = verify_chain()
    problems: list[str] = []
    first = chain.broken_at
    if chain.reason:
        problems.append(chain.reason)
    for sql, message in _INVARIANTS:
        for (number,) in database.execute_sql(sql):
            problems.append(_(message).format(number=number))
            first = first or number
    return Verification(chain.checked, tuple(problems), first)
