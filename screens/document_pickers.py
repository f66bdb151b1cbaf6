"""Search-as-you-type pickers of the document editor: the customer (by anything the
customer search knows: number, name, postcode, phone…) and the item of a line (by code or
name). Each is a CompletionInput whose lookup runs in a worker; Enter or Tab takes the
highlighted entry, and the editor is told by a message."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message

from models.catalog import ItemRecord, search_items
from models.db import database
from models.search import CustomerHit, search_customers
from screens.document_text import price_text
from tui.safe_text import display_safe
from tui.widgets.completion import Completion, CompletionInput

_CUSTOMERS = 8
_ITEMS = 8


class PickerInput(CompletionInput):
    """Enter takes the highlighted entry (the first when none is) as Tab does, but leaves
    the focus where the picker's owner puts it; with the list closed (nothing found, or
    Esc) Enter submits the text as typed."""

    BINDINGS = [Binding("enter", "pick", show=False)]

    def action_pick(self) -> None:
        index = (self.dropdown.highlighted or 0) if self.is_open else None
        completions = self.completions
        self.close()
        if index is not None and index < len(completions):
            self.source.accept(self, completions[index])
        else:
            self.post_message(self.Submitted(self, self.value, None))


class CustomerPicked(Message):
    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number


class ItemPicked(Message):
    def __init__(self, item: ItemRecord) -> None:
        super().__init__()
        self.item = item


def _customer_label(hit: CustomerHit) -> Content:
    place = " ".join(p for p in (hit.postal_code, hit.city) if p)
    return Content.assemble(
        (hit.number, "bold"), "  ", display_safe(hit.name), ("  " + display_safe(place), "dim")
    )


class CustomerSource:
    """Customers as the search box finds them; the first hit is highlighted, so Enter
    alone takes the best match."""

    def lookup(self, field: CompletionInput, text: str) -> Callable[[], Sequence[Completion]]:
        def run() -> Sequence[Completion]:
            with database.connection_context():
                hits = search_customers(text, limit=_CUSTOMERS)
            return [
                Completion(_customer_label(hit), hit.number, preselected=index == 0)
                for index, hit in enumerate(hits)
            ]

        return run

    def accept(self, field: CompletionInput, completion: Completion) -> None:
        field.post_message(CustomerPicked(str(completion.value)))


def _item_label(item: ItemRecord, currency: str) -> Content:
    return Content.assemble(
        (item.code, "bold"),
        "  ",
        display_safe(item.name),
        ("  " + price_text(item.unit_price, currency), "dim"),
    )


class ItemSource:
    """Active items by code or name; an exact code is highlighted, so typing a code and
    Enter takes it, while Enter on a text no item matches makes a free-text line."""

    def __init__(self, currency: Callable[[], str]) -> None:
        self.currency = currency

    def lookup(self, field: CompletionInput, text: str) -> Callable[[], Sequence[Completion]]:
        currency = self.currency()

        def run() -> Sequence[Completion]:
            with database.connection_context():
                items = search_items(text, limit=_ITEMS)
            exact = text.strip().upper()
            return [
                Completion(
                    _item_label(item, currency),
                    item,
                    preselected=item.code == exact or len(items) == 1,
                )
                for item in items
            ]

        return run

    def accept(self, field: CompletionInput, completion: Completion) -> None:
        assert isinstance(completion.value, ItemRecord)
        field.post_message(ItemPicked(completion.value))
