"""`comptoir verify`: whether the issued documents are still what was issued (their hash
chain) and the ledger adds up (models.verification). Exit 5 when anything does not hold,
so that a cron job or a backup script can refuse to go on."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from models.i18n import _, ngettext


def add_verify_command(commands: Any) -> None:
    verify = commands.add_parser(
        "verify", help=_("check that issued documents are unchanged and the ledger adds up")
    )
    verify.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    from models.verification import verify

    report = verify()
    if report.ok:
        print(ngettext("{count} issued document checked: the chain and the ledger hold.",
                       "{count} issued documents checked: the chain and the ledger hold.",
                       report.documents).format(count=report.documents))  # fmt: skip
        return 0
    # The chain's break comes first, then the ledger's: the first broken document leads.
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return 5
