"""Column types for exact decimals. SQLite stores Peewee's DecimalField as a float (ten rows
of 0.10 summed to 0.9999999999999999 here), so prices, quantities and rates are stored as
integers scaled by a fixed power of ten and read back as Decimal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from peewee import IntegerField

# Unit prices may carry more decimals than the currency (a screw at 0.0125 €); line nets
# never do (EN 16931: two decimals), and they are stored as minor units, not here.
PRICE_PLACES = 4
QUANTITY_PLACES = 3
PERCENT_PLACES = 2
# Exchange rates as central banks publish them (ECB: up to 6 significant figures).
EXCHANGE_RATE_PLACES = 6


class ScaledDecimalField(IntegerField):
    """A Decimal with at most `places` decimals, stored as the integer value × 10^places.
    Writing a value with more decimals raises ValueError rather than rounding silently:
    the services validate the number of decimals first and say so at the field."""

    def __init__(self, places: int, *args: Any, **kwargs: Any) -> None:
        self.places = places
        super().__init__(*args, **kwargs)

    def db_value(self, value: Any) -> Any:
        if value is None:
            return None
        scaled = Decimal(value).scaleb(self.places)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.places} decimals")
        return int(scaled)

    def python_value(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.places)
