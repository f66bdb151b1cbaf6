"""Postcode and city completion in the customer form, for the billing and the delivery
address: typing a postcode offers its places, typing a city offers its postcodes (among
the postcode's places only, once a postcode is typed), and Tab takes the highlighted one
into both fields. Lookups run in a worker (models.postcodes, imported there: never at
start-up); nothing offered stops anything typed from being saved as it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Input

from models.db import database
from tui.safe_text import display_safe
from tui.widgets.completion import Completion, CompletionInput
from tui.widgets.field import text_input
from tui.widgets.form import FieldFormScreen

if TYPE_CHECKING:
    from models.postcodes import Place

# Every commune of the largest French postcode (51300 has 46).
_POSTCODE_LIMIT = 50
_CITY_LIMIT = 20
# (postcode field, city field, country fields: the first one filled is the country).
_ADDRESSES = (
    ("postal_code", "city", ("country",)),
    ("delivery_postal_code", "delivery_city", ("delivery_country", "country")),
)


def _compact(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def _keeps(postcode: str, place: Place) -> bool:
    """Whether the postcode typed already says the place's (`1011 AB` for `1011`)."""
    return _compact(postcode).startswith(_compact(place.postal_code))


def _completions(found: list[Place], preselect: Callable[[Place], bool]) -> list[Completion]:
    """The list's entries; Tab takes one without a choice only if it is the one entry
    `preselect` accepts."""
    chosen = [place for place in found if preselect(place)]
    out = []
    for place in found:
        # A place learned from the customer file is typed text: shown through display_safe.
        label = Content.assemble((place.postal_code, "bold"), "  ", display_safe(place.city))
        out.append(Completion(label, place, preselected=chosen == [place]))
    return out


class PlaceCompletion:
    """The completion source of the customer form's postcode and city inputs."""

    def __init__(self, form: FieldFormScreen[str | None]) -> None:
        self.form = form

    def input(self, key: str, value: str) -> Input:
        """The input for form field `key`: with completion for a postcode or a city."""
        if any(key in address[:2] for address in _ADDRESSES):
            return CompletionInput(value, self)
        return text_input(value)

    def _text(self, key: str) -> str:
        value = self.form.fields[key].value
        return value if isinstance(value, str) else ""

    def _address(self, field: CompletionInput) -> tuple[str, str, str]:
        """(postcode key, city key, country) of the address `field` belongs to."""
        for postcode, city, countries in _ADDRESSES:
            if field in (self.form.fields[postcode].widget, self.form.fields[city].widget):
                country = next((c for c in map(self._text, countries) if c.strip()), "")
                return postcode, city, country
        raise LookupError("not an address field of this form")

    def lookup(self, field: CompletionInput, text: str) -> Callable[[], Sequence[Completion]]:
        postcode_key, _city_key, country = self._address(field)
        postcode = self._text(postcode_key)
        typing_postcode = field is self.form.fields[postcode_key].widget
        typed = _compact(text)

        def run() -> list[Completion]:
            from models.postcodes import (
                place_key,
                places_for_city,
                places_for_postcode,
                places_in_postcode,
            )

            code = country.strip().upper()
            with database.connection_context():
                if typing_postcode:
                    # Tab fills the city on its own only for a whole postcode with one
                    # place: `1000` typed for Brussels before the country must stay 1000.
                    found = places_for_postcode(code, text, _POSTCODE_LIMIT)
                    return _completions(found, lambda p: _compact(p.postal_code) == typed)
                key = place_key(text, code)
                if postcode.strip():
                    # Only the postcode's places; the one whose name begins so is a safe
                    # guess, if taking it leaves the postcode as typed.
                    found = places_in_postcode(code, postcode, text, _CITY_LIMIT)
                    kept = [p for p in found if _keeps(postcode, p)]
                    return _completions(
                        found,
                        lambda p: p in kept and (len(kept) == 1 or place_key(p.city, code) == key),
                    )
                found = places_for_city(code, text, _CITY_LIMIT)
                return _completions(found, lambda p: place_key(p.city, code) == key)

        return run

    def accept(self, field: CompletionInput, completion: Completion) -> None:
        from models.postcodes import Place

        place = completion.value
        assert isinstance(place, Place)
        postcode_key, city_key, _country = self._address(field)
        postcode = self.form.fields[postcode_key].widget
        city = self.form.fields[city_key].widget
        assert isinstance(postcode, CompletionInput) and isinstance(city, CompletionInput)
        if field is postcode or not _keeps(postcode.value, place):
            postcode.set_value_quietly(place.postal_code)
        city.set_value_quietly(place.city)
