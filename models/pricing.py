"""Which price a line gets, and why. For a customer on a date, in a currency:

contract special price for the item  >  contract discount on the item  >  contract
discount on everything  >  the customer's price list  >  the catalog price.

A discount applies to the price the line would have had without it (the list price, else
the catalog price). Catalog prices are in the company's currency, so a line in another
currency needs a price list or a contract in that currency, or a price typed by hand.
Every priced line says which rule priced it (`rule`, plus `detail`: the contract or
list's name), and the screen and the history show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from models.catalog import ItemRecord
from models.contracts import ContractRecord, contract_in_force
from models.i18n import N_, _
from models.price_lists import list_price

CONTRACT_PRICE = "contract_price"
CONTRACT_ITEM_DISCOUNT = "contract_item_discount"
CONTRACT_DISCOUNT = "contract_discount"
PRICE_LIST = "price_list"
CATALOG = "catalog"
MANUAL = "manual"  # a price or discount typed on the line
FREE_TEXT = "free_text"  # a line without an item
NO_PRICE = "no_price"  # nothing prices this item in this currency: type a price

_RULE_TEXTS = {
    CONTRACT_PRICE: N_("contract price ({detail})"),
    CONTRACT_ITEM_DISCOUNT: N_("contract discount on this item ({detail})"),
    CONTRACT_DISCOUNT: N_("contract discount on everything ({detail})"),
    PRICE_LIST: N_("price list {detail}"),
    CATALOG: N_("catalog price"),
    MANUAL: N_("typed by hand"),
    FREE_TEXT: N_("free text"),
    NO_PRICE: N_("no price in {detail}: type one"),
}


@dataclass(frozen=True)
class Pricing:
    """A line's unit price (None: nothing prices it) and discount, and the rule."""

    unit_price: Decimal | None
    discount: Decimal
    rule: str
    detail: str = ""


def rule_text(rule: str, detail: str, translate: object = None) -> str:
    """The rule as the operator reads it, e.g. "contract price (Accord 2026)"."""
    gettext = translate if callable(translate) else _
    template = _RULE_TEXTS.get(rule)
    return gettext(template).format(detail=detail) if template else rule


class PriceBook:
    """Prices the lines of one document: the customer's contract in force on the
    document's date (looked up once) and its price list, in the document's currency."""

    def __init__(
        self,
        customer_id: int,
        on: dt.date,
        currency: str,
        price_list: tuple[int, str] | None,
        base_currency: str,
    ) -> None:
        contract = contract_in_force(customer_id, on)
        self.contract: ContractRecord | None = (
            contract if contract is not None and contract.currency == currency else None
        )
        self.currency = currency
        self.price_list = price_list
        self.base_currency = base_currency

    def price(self, item: ItemRecord) -> Pricing:
        contract = self.contract
        rule = contract.rule_for(item.id) if contract else None
        if contract is not None and rule is not None and rule.unit_price is not None:
            return Pricing(rule.unit_price, Decimal(0), CONTRACT_PRICE, contract.label)
        base, base_rule, base_detail = self._base_price(item)
        if base is None:
            # No price in this currency leaves a contract discount nothing to apply to:
            # the line says so, and the operator types the price.
            return Pricing(None, Decimal(0), base_rule, base_detail)
        if contract is not None and rule is not None and rule.discount is not None:
            return Pricing(base, rule.discount, CONTRACT_ITEM_DISCOUNT, contract.label)
        if contract is not None and contract.discount is not None:
            return Pricing(base, contract.discount, CONTRACT_DISCOUNT, contract.label)
        return Pricing(base, Decimal(0), base_rule, base_detail)

    def _base_price(self, item: ItemRecord) -> tuple[Decimal | None, str, str]:
        if self.price_list is not None:
            list_id, name = self.price_list
            on_list = list_price(list_id, item.id)
            if on_list is not None:
                return on_list, PRICE_LIST, name
        if self.currency == self.base_currency:
            return item.unit_price, CATALOG, ""
        return None, NO_PRICE, self.currency

    @property
    def tax_treatment(self) -> str:
        """The contract's treatment, or standard VAT without a contract."""
        return self.contract.tax_treatment if self.contract else "standard"
