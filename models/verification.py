"""`comptoir verify`: the hash chain of issued documents holds, and so do the ledger's
invariants — no allocation of nothing or of a draft, no debit (invoice, refund) covered
beyond its amount, no credit (credit note, payment) giving more than it holds."""

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


# Each query returns the numbers of the documents (or `#id` of the payments) breaking one
# invariant. An allocation row may be negative (one taken back), never its running sums.
_SIDES = (
    ('d."number"', '"document" d', 'a."invoice_id" = d."id"', 'd."total"'),
    ('d."number"', '"document" d', 'a."credit_note_id" = d."id"', 'd."total"'),
    ("'#' || p.\"id\"", '"payment" p', 'a."refund_id" = p."id"', 'p."amount"'),
    ("'#' || p.\"id\"", '"payment" p', 'a."payment_id" = p."id"', 'p."amount"'),
)
_INVARIANTS = tuple(
    (
        f'SELECT {label} FROM {table} JOIN "allocation" a ON {join} GROUP BY {label}'
        f' HAVING SUM(a."amount") > {total} OR SUM(a."amount") < 0',
        N_("The allocations of {number} add up to more than its amount, or to less than zero."),
    )
    for label, table, join, total in _SIDES
) + (
    (
        'SELECT \'#\' || a."id" FROM "allocation" a'
        ' LEFT JOIN "document" i ON i."id" = a."invoice_id"'
        ' LEFT JOIN "payment" r ON r."id" = a."refund_id"'
        ' LEFT JOIN "document" c ON c."id" = a."credit_note_id"'
        ' LEFT JOIN "payment" p ON p."id" = a."payment_id"'
        ' WHERE a."amount" = 0'
        ' OR (i."id" IS NULL) = (r."id" IS NULL) OR (c."id" IS NULL) = (p."id" IS NULL)'
        " OR i.\"status\" != 'issued' OR c.\"status\" != 'issued'"
        " OR i.\"kind\" != 'invoice' OR c.\"kind\" != 'credit_note'"
        " OR r.\"direction\" != 'out' OR p.\"direction\" != 'in'"
        ' OR COALESCE(i."customer_id", r."customer_id")'
        ' != COALESCE(c."customer_id", p."customer_id")'
        ' OR COALESCE(i."currency", r."currency") != COALESCE(c."currency", p."currency")'
        ' OR a."date" < COALESCE(i."date", r."date") OR a."date" < COALESCE(c."date", p."date")'
        ' ORDER BY a."id"',
        N_(
            "Allocation {number} is of zero, joins entries that cannot be paired (a draft,"
            " two customers or currencies), or is dated before one of them."
        ),
    ),
    (
        'SELECT \'#\' || p."id" FROM "payment" p WHERE p."amount" <= 0'
        " OR p.\"direction\" NOT IN ('in', 'out')"
        ' OR (p."kind" = \'reversal\') = (p."reverses_id" IS NULL)'
        ' ORDER BY p."id"',
        N_("Payment {number} has no amount, no direction, or reverses nothing."),
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
