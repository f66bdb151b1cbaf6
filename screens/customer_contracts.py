"""The Contracts tab of the customer detail: each contract as a few lines of text — its
name and period, whether it is in force today (said in words, not by colour), the
discount on everything, the tax treatment with the legal mention it prints, and each
item rule. The list only shows and says which contract is highlighted; the detail screen
adds, edits and deletes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from models.contracts import ContractItemRule, ContractRecord
from models.i18n import _
from models.tax_treatments import mention
from screens.document_text import date_text, percent_text, price_text, treatment_text
from tui.safe_text import display_safe

_INDENT = "    "


def period_text(contract: ContractRecord) -> str:
    """ "1 Jan 2026 → 31 Dec 2026", or "1 Jan 2026 → open-ended"."""
    end = date_text(contract.valid_to) if contract.valid_to else _("open-ended")
    return f"{date_text(contract.valid_from)} → {end}"


def _standing(contract: ContractRecord, today: dt.date) -> str:
    if contract.in_force(today):
        return _("✓ in force")
    if contract.valid_from > today:
        return _("upcoming")
    return _("ended")


def rule_text(rule: ContractItemRule, currency: str) -> str:
    """What the contract grants on one item: its special price, or −N %."""
    if rule.unit_price is not None:
        return _("special price {price} {currency}").format(
            price=price_text(rule.unit_price, currency), currency=currency
        )
    if rule.discount is not None:
        return "−" + percent_text(rule.discount)
    return ""


def contract_text(contract: ContractRecord, today: dt.date, country: str) -> Content:
    """The contract as the tab shows it; names and notes are typed text, shown literally.
    `country`: the company's, which decides the wording of the legal mention."""
    standing = _standing(contract, today)
    title = display_safe(contract.name) or _("Contract")
    parts = [
        Content.assemble(
            (f"[{standing}] ", "bold" if contract.in_force(today) else "dim"),
            (title, "bold"),
            "  ",
            period_text(contract),
        )
    ]
    if contract.discount is not None:
        discount = "−" + percent_text(contract.discount)
        parts.append(Content(_INDENT + _("Discount on everything: {discount}").format(
            discount=discount)))  # fmt: skip
    parts.append(Content(_INDENT + _("Tax: {treatment}").format(
        treatment=treatment_text(contract.tax_treatment))))  # fmt: skip
    legal = mention(contract.tax_treatment, country)
    if legal:
        parts.append(Content.styled(_INDENT + _("Prints: {mention}").format(mention=_(legal)),
                                    "italic"))  # fmt: skip
    for rule in contract.items:
        parts.append(
            Content.assemble(
                _INDENT,
                (rule.code, "bold"),
                "  ",
                display_safe(rule.name),
                "  ",
                rule_text(rule, contract.currency),
            )
        )
    notes = display_safe(contract.notes).strip()
    if notes:
        parts.append(Content.styled(_INDENT + notes, "dim"))
    return Content("\n").join(parts)


class ContractList(OptionList):
    """One option per contract, latest start first; keeps the highlighted contract
    across reloads."""

    DEFAULT_CSS = """
    ContractList { height: 1fr; border: none; padding: 0 1; }
    ContractList:focus { border: none; }
    """

    def __init__(self) -> None:
        super().__init__(id="contracts-list")
        self.contracts: list[ContractRecord] = []

    def show(
        self,
        contracts: Sequence[ContractRecord],
        today: dt.date,
        country: str,
        keep: int | None = None,
    ) -> None:
        """Shows `contracts`; the one with id `keep` (else the one highlighted before)
        stays highlighted."""
        keep = keep if keep is not None else getattr(self.highlighted_contract, "id", None)
        self.contracts = list(contracts)
        self.clear_options()
        if not self.contracts:
            return
        options: list[Option | None] = []
        for contract in self.contracts:
            if options:
                options.append(None)  # a rule between two contracts
            options.append(Option(contract_text(contract, today, country), id=str(contract.id)))
        self.add_options(options)
        ids = [c.id for c in self.contracts]
        self.highlighted = self.get_option_index(str(keep if keep in ids else ids[0]))

    @property
    def highlighted_contract(self) -> ContractRecord | None:
        if not self.contracts or self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return next((c for c in self.contracts if str(c.id) == option_id), None)
